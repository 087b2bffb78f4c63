// Sync of 1,000 experiments (issue 17) through the local sync server (express-pouchdb over LevelDB,
// on a free loopback port, in a temp folder): the time a member's device takes to send them, and
// the time an empty device takes to receive them all. Node with fake-indexeddb, which is slower than
// a browser's IndexedDB, so the figures are upper bounds for the device side.
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from '../../scripts/bench.ts';
import { generateExperiments } from '../fixtures/generate-experiments.ts';
import { createRepository, openRfoDb, type ChangeBus } from '../../app/data/db.ts';
import { createSyncEngine } from '../../app/data/sync-engine.ts';
import { startSyncServer } from '../../scripts/sync-server.ts';
import { parseSetupArgs, setupWorkspace } from '../../scripts/sync-setup.ts';

const quietBus: ChangeBus = { post() {}, subscribe: () => () => {}, onNewerApp: () => () => {}, close() {} };
const as = (name: string, password: string): typeof fetch => (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') } });

async function device(name: string, server: string, db: string, user: string, pw: string) {
  const opened = await openRfoDb(name);
  if (!opened.ok) throw new Error(opened.error.message);
  const repo = createRepository(opened.value, quietBus);
  return { repo, engine: createSyncEngine({ repo, server, db, device: name, fetch: as(user, pw) }) };
}

async function run(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rfo-sync-bench-'));
  const server = await startSyncServer({ port: 0, dir, admin: { name: 'root', password: 'root-pw' } });
  try {
    const spec = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Bench', '--member', 'm:m', '--viewer', 'v:v']);
    if (!spec.ok) throw new Error(spec.error.message);
    const setup = await setupWorkspace(spec.value);
    if (!setup.ok) throw new Error(setup.error.message);
    const a = await device(`sync-bench-a-${n}`, server.url, setup.database, 'm', 'm');
    const list = generateExperiments(n, 7);
    const saved = await a.repo.saveExperiments(list);
    if (!saved.ok) throw new Error(saved.error.message);
    await a.engine.publish(list.map((e) => e.id));
    let t = performance.now();
    const up = await a.engine.syncOnce();
    const sendMs = performance.now() - t;
    const b = await device(`sync-bench-b-${n}`, server.url, setup.database, 'v', 'v');
    t = performance.now();
    const down = await b.engine.syncOnce();
    const receiveMs = performance.now() - t;
    const got = await b.repo.listExperiments();
    if (!got.ok || got.value.experiments.length !== n || up.sent !== n || down.received !== n) {
      throw new Error(`expected ${n} on both sides (sent ${up.sent}, received ${down.received})`);
    }
    return { experiments: n, send_ms: Math.round(sendMs), receive_empty_device_ms: Math.round(receiveMs), receive_per_experiment_ms: +(receiveMs / n).toFixed(2) };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const benches: Bench[] = [{ name: 'sync-1000-experiments', run: () => run(1000) }];
