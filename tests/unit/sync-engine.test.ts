// The sync engine between two devices (two IndexedDB databases, fake-indexeddb) through the real
// local server (npm run sync:server, prepared by sync:setup): a teacher's document reaches the
// student; the student's edit is refused by the server and reported; edits on both sides become a
// conflict with both versions, and after a choice both devices hold the same document; hostile
// server documents are refused without stopping the others; a dropped connection mid-sync of 1,000
// documents ends with each exactly once on both sides.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSyncServer, type SyncServer } from '../../scripts/sync-server.ts';
import { parseSetupArgs, setupWorkspace } from '../../scripts/sync-setup.ts';
import { createRepository, openRfoDb, type ChangeBus, type Repository } from '../../app/data/db.ts';
import { createSyncEngine, fromServerDoc, signIn, toServerDoc, type SyncEngine, type SyncEngineOptions } from '../../app/data/sync-engine.ts';
import { createSyncBudget } from '../../app/data/sync-budget.ts';
import { createExperiment, type Experiment } from '../../app/domain/experiment.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';
import { mergeByField } from '../../app/domain/merge-fields.ts';
import { validateCustomPropellant } from '../../app/domain/propellants.ts';
import { exportExperimentFile } from '../../app/domain/backup.ts';
import type { StoredModel, StoredResult } from '../../app/domain/stored-records.ts';
import type { JsonValue } from '../../app/domain/json-clean.ts';
import { tinyModelDoc } from './support/model-doc.ts';

const dir = mkdtempSync(join(tmpdir(), 'rfo-sync-engine-'));
let server: SyncServer;
const server_url = () => server.url;
let db = '';
let dbB = ''; // a second workspace: ana is a viewer in Class A and a member of Team B
let dbC = ''; // a workspace of one test's own (nothing of the others' in it)
const quietBus: ChangeBus = { post() {}, subscribe: () => () => {}, onNewerApp: () => () => {}, close() {} };
const basicFetch = (name: string, password: string): typeof fetch => (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64') } });

let n = 0;
async function device(user: string, password: string, opts: { fetch?: typeof fetch; repo?: Repository; db?: string; heldElsewhere?: SyncEngineOptions['heldElsewhere']; readOnly?: boolean } = {}): Promise<{ repo: Repository; engine: SyncEngine }> {
  let repo = opts.repo;
  if (!repo) {
    const opened = await openRfoDb(`sync-dev-${++n}-${user}`);
    if (!opened.ok) throw new Error(opened.error.message);
    repo = createRepository(opened.value, quietBus);
  }
  const engine = createSyncEngine({ repo, server: server.url, db: opts.db ?? db, device: `dev-${++n}`, user, fetch: opts.fetch ?? basicFetch(user, password), heldElsewhere: opts.heldElsewhere, readOnly: () => opts.readOnly === true });
  return { repo, engine };
}

const exp = (name: string): Experiment => createExperiment({ name, problem: TEMPLATES[0].problem }, { now: () => '2026-12-01T00:00:00.000Z' });

async function save(repo: Repository, e: Experiment): Promise<Experiment> {
  const r = await repo.saveExperiment(e);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const names = async (repo: Repository, ids?: string[]) => {
  const l = await repo.listExperiments();
  if (!l.ok) throw new Error(l.error.message);
  return l.value.experiments.filter((e) => !ids || ids.includes(e.id)).map((e) => e.name).sort();
};

/**
 * An experiment published by device a and received by b, then changed on both (notes 'from A',
 * 'from B'); a syncs first, then b, which meets a's version.
 */
async function editedOnBoth(a: { repo: Repository; engine: SyncEngine }, b: { repo: Repository; engine: SyncEngine }, name: string, opts: { bOffline?: boolean } = {}): Promise<Experiment> {
  const e = await save(a.repo, exp(name));
  await a.engine.publish([e.id]);
  await a.engine.syncOnce();
  await b.engine.syncOnce();
  for (const [d, notes] of [[a, 'from A'], [b, 'from B']] as const) {
    const got = (await d.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    await save(d.repo, { ...got.value, notes });
  }
  await a.engine.syncOnce();
  // (bOffline: B's round fails for want of the server, after it received A's version)
  if (opts.bOffline) await expect(b.engine.syncOnce()).rejects.toThrow(/cannot be reached/);
  else await b.engine.syncOnce();
  return e;
}

/** Runs `fn` with Class A's validation function deleted (raw admin writes past it), then installs it again. */
async function withoutValidation(fn: () => Promise<void>) {
  const admin = basicFetch('root', 'root-pw');
  const d = (await (await admin(`${server.url}${db}/_design/rfo-validation`)).json()) as { _rev: string };
  await admin(`${server.url}${db}/_design/rfo-validation?rev=${d._rev}`, { method: 'DELETE' });
  try {
    await fn();
  } finally {
    const again = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Class A']);
    if (!again.ok || !(await setupWorkspace(again.value)).ok) throw new Error('validation function not put back');
  }
}

beforeAll(async () => {
  server = await startSyncServer({ port: 0, dir, admin: { name: 'root', password: 'root-pw' } });
  const spec = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Class A', '--member', 'teacher:t', '--member', 'teacher2:t2', '--viewer', 'student:s', '--viewer', 'ana:a']);
  if (!spec.ok) throw new Error(spec.error.message);
  const out = await setupWorkspace(spec.value);
  if (!out.ok) throw new Error(out.error.message);
  db = out.database;
  const specB = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Team B', '--member', 'ana:a', '--member', 'teacher:t']);
  if (!specB.ok) throw new Error(specB.error.message);
  const outB = await setupWorkspace(specB.value);
  if (!outB.ok) throw new Error(outB.error.message);
  dbB = outB.database;
  const specC = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Batch C', '--member', 'teacher:t', '--member', 'teacher2:t2']);
  if (!specC.ok) throw new Error(specC.error.message);
  const outC = await setupWorkspace(specC.value);
  if (!outC.ok) throw new Error(outC.error.message);
  dbC = outC.database;
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync engine through the local server', () => {
  it('a teacher publishes; the student receives it; the student edit is refused by the server and reported', async () => {
    const t = await device('teacher', 't');
    const s = await device('student', 's');
    const e = await save(t.repo, exp('Published template'));
    await save(t.repo, exp('Private draft')); // not published: stays on the teacher's device
    await t.engine.publish([e.id]);
    expect(await t.engine.syncOnce()).toEqual({ received: 0, sent: 1 });
    expect((await s.engine.syncOnce()).received).toBe(1);
    expect(await names(s.repo)).toEqual(['Published template']);

    const got = await s.repo.getExperiment(e.id);
    if (!got.ok || !got.value) throw new Error('missing');
    await save(s.repo, { ...got.value, name: 'Student was here' });
    const r = await s.engine.syncOnce();
    expect(r.sent).toBe(0);
    expect(s.engine.refused()).toEqual([{ id: e.id, direction: 'out', message: expect.stringMatching(/may only read workspace rfo-ws-class-a/) }]);
    // the server still holds the teacher's version
    await t.engine.syncOnce();
    expect(await names(t.repo)).toEqual(['Private draft', 'Published template']);
  });

  it('edits on both sides become a conflict with both versions; after a choice both devices hold the same document', async () => {
    const a = await device('teacher', 't');
    const b = await device('teacher2', 't2');
    const e = await save(a.repo, exp('Shared'));
    await a.engine.publish([e.id]);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const onB = await b.repo.getExperiment(e.id);
    if (!onB.ok || !onB.value) throw new Error('missing on B');
    const onA = await a.repo.getExperiment(e.id);
    if (!onA.ok || !onA.value) throw new Error('missing on A');
    // both offline, both edit
    await save(a.repo, { ...onA.value, name: 'Shared (A)' });
    await save(b.repo, { ...onB.value, name: 'Shared (B)' });
    await a.engine.syncOnce(); // first one in wins the server revision
    await b.engine.syncOnce(); // B hears of A's version while its own is unsent
    expect(b.engine.conflicts()).toHaveLength(1);
    const c = b.engine.conflicts()[0];
    expect(c.mine.name).toBe('Shared (B)');
    expect(c.theirs?.name).toBe('Shared (A)');
    expect(await names(b.repo, [e.id])).toEqual(['Shared (B)']); // nothing was overwritten while it waits
    // B's version went to the server beside A's (a losing revision), so A sees the conflict too
    expect(c.mineRev).toMatch(/^2-00000000[0-9a-f]{24}$/);
    const server = (await (await basicFetch('root', 'root-pw')(`${server_url()}${db}/experiment:${e.id}?conflicts=true`)).json()) as { name: string; _conflicts?: string[] };
    expect([server.name, server._conflicts]).toEqual(['Shared (A)', [c.mineRev]]);
    await a.engine.syncOnce();
    expect(a.engine.conflicts().map((x) => [x.mine.name, x.theirs?.name, x.branchRev])).toEqual([['Shared (A)', 'Shared (B)', c.mineRev]]);
    await b.engine.resolve(e.id, 'mine');
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    expect(await names(a.repo, [e.id])).toEqual(['Shared (B)']);
    expect(await names(b.repo, [e.id])).toEqual(['Shared (B)']);
    // settled on B for both: A's conflict went, and the server holds one version
    expect(a.engine.conflicts()).toEqual([]);
    const after = (await (await basicFetch('root', 'root-pw')(`${server_url()}${db}/experiment:${e.id}?conflicts=true`)).json()) as { name: string; _conflicts?: string[] };
    expect([after.name, after._conflicts ?? []]).toEqual(['Shared (B)', []]);
    expect([a.engine.status().pending, b.engine.status().pending]).toEqual([0, 0]);
  });

  it('two devices that send changes of one revision at the same moment both reach the server; each shows the conflict with its own version as mine; one choice settles it for both', async () => {
    const admin = basicFetch('root', 'root-pw');
    const a = await device('teacher', 't', { db: dbC });
    let justBefore: (() => Promise<void>) | null = null;
    const plain = basicFetch('teacher2', 't2');
    const b = await device('teacher2', 't2', {
      db: dbC,
      fetch: async (input, init) => {
        // B has received (nothing new) and is about to send: A's changes reach the server first
        if (justBefore && String(input).includes('/_revs_diff')) {
          const f = justBefore;
          justBefore = null;
          await f();
        }
        return plain(input, init);
      },
    });
    // eight documents: the server makes A's version current for some and B's for others (the higher
    // revision id wins), so both ways of meeting the conflict are taken
    const list = Array.from({ length: 8 }, (_, k) => exp(`Same moment ${k}`));
    for (const e of list) await save(a.repo, e);
    await a.engine.publish(list.map((e) => e.id));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    for (const e of list) {
      for (const [d, notes] of [[a, 'from A'], [b, 'from B']] as const) {
        const got = (await d.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
        await save(d.repo, { ...got.value, notes });
      }
    }
    justBefore = async () => void (await a.engine.syncOnce());
    await b.engine.syncOnce();
    expect(justBefore).toBeNull();
    const url = (id: string) => `${server.url}${dbC}/${encodeURIComponent('experiment:' + id)}?conflicts=true`;
    const onServer = async (id: string) => (await (await admin(url(id))).json()) as { notes: string; _conflicts?: string[] };
    for (const e of list) expect((await onServer(e.id))._conflicts?.length).toBe(1);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const notes = async (d: { repo: Repository }, id: string) => ((await d.repo.getExperiment(id)) as { ok: true; value: Experiment }).value.notes;
    // each device keeps its own version and shows the other's beside it, whichever the server made current
    const shown = (d: { engine: SyncEngine }) => d.engine.conflicts().map((c) => [c.id, c.mine.notes, c.theirs?.notes]).sort();
    expect(shown(a)).toEqual(list.map((e) => [e.id, 'from A', 'from B']).sort());
    expect(shown(b)).toEqual(list.map((e) => [e.id, 'from B', 'from A']).sort());
    for (const e of list) expect([await notes(a, e.id), await notes(b, e.id)]).toEqual(['from A', 'from B']);
    for (const e of list) expect(await b.engine.resolve(e.id, 'theirs')).toEqual({ ok: true });
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    expect([a.engine.conflicts(), b.engine.conflicts()]).toEqual([[], []]);
    for (const e of list) {
      expect([await notes(a, e.id), await notes(b, e.id)]).toEqual(['from A', 'from A']);
      const after = await onServer(e.id);
      expect([after.notes, after._conflicts ?? []]).toEqual(['from A', []]);
    }
    expect([a.engine.status().pending, b.engine.status().pending]).toEqual([0, 0]);
  });

  it('a version that could not go to the server beside the other (offline again) goes at the next round, and the other device then sees the conflict', async () => {
    const a = await device('teacher', 't');
    let cut = true;
    const plain = basicFetch('teacher2', 't2');
    const b = await device('teacher2', 't2', {
      fetch: async (input, init) => {
        // the request that puts B's version beside A's (its revision id starts with eight zeros) is lost
        if (cut && /"_rev":"2-00000000/.test(String(init?.body ?? ''))) {
          cut = false;
          throw new TypeError('Failed to fetch');
        }
        return plain(input, init);
      },
    });
    const e = await editedOnBoth(a, b, 'Pushed later', { bOffline: true });
    expect(b.engine.conflicts().map((c) => c.mineRev)).toEqual([undefined]);
    await a.engine.syncOnce();
    expect(a.engine.conflicts()).toEqual([]);
    await b.engine.syncOnce();
    expect(b.engine.conflicts().map((c) => c.mineRev)).toEqual([expect.stringMatching(/^2-00000000/)]);
    await a.engine.syncOnce();
    expect(a.engine.conflicts().map((c) => [c.mine.notes, c.theirs?.notes])).toEqual([['from A', 'from B']]);
    expect(await b.engine.resolve(e.id, 'theirs')).toEqual({ ok: true });
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    expect(a.engine.conflicts()).toEqual([]);
    for (const d of [a, b]) expect(((await d.repo.getExperiment(e.id)) as { ok: true; value: Experiment }).value.notes).toBe('from A');
  });

  it('a batch received is stored in one write; one experiment changed in another tab meanwhile becomes a conflict, the others are stored', async () => {
    const a = await device('teacher', 't', { db: dbC });
    const b = await device('teacher2', 't2', { db: dbC });
    const list = ['one', 'two', 'three'].map((n) => exp(`Batch ${n}`));
    for (const e of list) await save(a.repo, e);
    await a.engine.publish(list.map((e) => e.id));
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    for (const e of list) {
      const got = (await a.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
      await save(a.repo, { ...got.value, notes: 'from A' });
    }
    await a.engine.syncOnce();
    // B's repository: the batch write; just before it, another tab of B changes the second one
    let batchWrites = 0;
    const repo: Repository = {
      ...b.repo,
      saveExperiments: async (xs, expect, records) => {
        if (xs.length > 1) {
          batchWrites++;
          const got = (await b.repo.getExperiment(list[1].id)) as { ok: true; value: Experiment };
          await save(b.repo, { ...got.value, notes: 'other tab' });
        }
        return b.repo.saveExperiments(xs, expect, records);
      },
    };
    // (nothing on the server in conflict before B's device receives)
    const inConflict = async () => {
      const all = (await (await basicFetch('root', 'root-pw')(`${server.url}${dbC}/_all_docs?include_docs=true&conflicts=true`)).json()) as { rows: { doc: { name?: string; _conflicts?: string[] } }[] };
      return all.rows.filter((r) => r.doc._conflicts?.length).map((r) => r.doc.name);
    };
    expect(await inConflict()).toEqual([]);
    const b2 = await device('teacher2', 't2', { repo, db: dbC });
    await b2.engine.syncOnce();
    expect(batchWrites).toBe(1);
    const notes = async (id: string) => ((await b.repo.getExperiment(id)) as { ok: true; value: Experiment }).value.notes;
    expect([await notes(list[0].id), await notes(list[1].id), await notes(list[2].id)]).toEqual(['from A', 'other tab', 'from A']);
    expect(b2.engine.conflicts().map((c) => [c.id, c.mine.notes, c.theirs?.notes])).toEqual([[list[1].id, 'other tab', 'from A']]);
    // (settled, so that the other tests' devices do not meet B's version on the server)
    expect(await inConflict()).toEqual(['Batch two']); // B's version beside A's, for A to see
    expect(await b2.engine.resolve(list[1].id, 'theirs')).toEqual({ ok: true });
    await b2.engine.syncOnce();
    expect(await notes(list[1].id)).toBe('from A');
    expect(await inConflict()).toEqual([]);
  });

  it("a server's _bulk_docs answers in another order than the documents sent are matched by id (no made-up conflict)", async () => {
    const plain = basicFetch('teacher', 't');
    const reversed: typeof fetch = async (input, init) => {
      const r = await plain(input, init);
      if (!String(input).endsWith('/_bulk_docs')) return r;
      const body = (await r.json()) as unknown;
      return new Response(JSON.stringify(Array.isArray(body) ? [...body].reverse() : body), { status: r.status });
    };
    const a = await device('teacher', 't', { fetch: reversed, db: dbC });
    const list = ['first', 'second', 'third'].map((n) => exp(`Order ${n}`));
    for (const e of list) await save(a.repo, e);
    await a.engine.publish(list.map((e) => e.id));
    await a.engine.syncOnce();
    for (const e of list) {
      const got = (await a.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
      await save(a.repo, { ...got.value, notes: 'edited' });
    }
    await a.engine.syncOnce();
    expect(a.engine.conflicts().map((c) => [c.mine.notes, c.theirs?.notes, c.theirsRev, c.mineRev])).toEqual([]);
    expect(a.engine.status().pending).toBe(0);
    for (const e of list) {
      const d = (await (await plain(`${server.url}${dbC}/experiment:${e.id}?conflicts=true`)).json()) as { notes: string; _conflicts?: string[] };
      expect([d.notes, d._conflicts ?? []]).toEqual(['edited', []]);
    }
  });

  it('the first device to choose settles a conflict for both: here the one whose version was current', async () => {
    const a = await device('teacher', 't');
    const b = await device('teacher2', 't2');
    const e = await editedOnBoth(a, b, 'Settled on A');
    expect(b.engine.conflicts()).toHaveLength(1);
    await a.engine.syncOnce();
    const onAConflict = a.engine.conflicts()[0];
    expect([onAConflict?.mine.notes, onAConflict?.theirs?.notes]).toEqual(['from A', 'from B']);
    // A takes B's notes, merged with its own name: sent on top of the current version, B's deleted
    const merged = mergeByField(onAConflict.mine, onAConflict.theirs!, { notes: 'theirs' });
    if (!merged.ok) throw new Error(merged.error.message);
    expect(await a.engine.resolve(e.id, { merged: merged.value })).toEqual({ ok: true });
    await a.engine.syncOnce();
    // B had not changed it again: it takes A's choice and its own conflict goes, without asking again
    await b.engine.syncOnce();
    expect(b.engine.conflicts()).toEqual([]);
    for (const d of [a, b]) expect(((await d.repo.getExperiment(e.id)) as { ok: true; value: Experiment }).value.notes).toBe('from B');
    await b.engine.syncOnce();
    expect([a.engine.status().pending, b.engine.status().pending]).toEqual([0, 0]);
    // and B, restarted, is not asked again either
    const b2 = await device('teacher2', 't2', { repo: b.repo });
    await b2.engine.syncOnce();
    expect(b2.engine.conflicts()).toEqual([]);
  });

  it('choosing theirs keeps the server version on both devices', async () => {
    const a = await device('teacher', 't');
    const b = await device('teacher2', 't2');
    const e = await editedOnBoth(a, b, 'Second');
    await b.engine.resolve(e.id, 'theirs');
    await b.engine.syncOnce();
    const final = (await b.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    expect(final.value.notes).toBe('from A');
    expect(b.engine.status().pending).toBe(0);
  });

  it('a merge field by field becomes one new revision on the server and on both devices', async () => {
    const a = await device('teacher', 't');
    const b = await device('teacher2', 't2');
    const e = await save(a.repo, exp('Merged'));
    await a.engine.publish([e.id]);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const onA = (await a.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    const onB = (await b.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    await save(a.repo, { ...onA.value, name: 'Merged (A)', notes: 'notes from A' });
    await save(b.repo, { ...onB.value, name: 'Merged (B)', inputs: { ...onB.value.inputs, problem: { ...onB.value.inputs.problem, pc: 150e5 } } });
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const c = b.engine.conflicts()[0];
    expect(c?.theirs?.name).toBe('Merged (A)');
    // B keeps A's name and notes, its own chamber pressure
    const merged = mergeByField(c.mine, c.theirs!, { name: 'theirs', pc: 'mine', notes: 'theirs' });
    if (!merged.ok) throw new Error(merged.error.message);
    // a document the workspace would refuse is not taken, and the conflict stays
    expect(await b.engine.resolve(e.id, { merged: { ...merged.value, tags: ['<b>'] } })).toEqual({ ok: false, message: expect.stringMatching(/cannot be sent: document.tags.0 contains markup/) });
    expect(b.engine.conflicts()).toHaveLength(1);
    expect(await b.engine.resolve(e.id, { merged: merged.value })).toEqual({ ok: true });
    await b.engine.syncOnce();
    await a.engine.syncOnce();
    for (const d of [a, b]) {
      const x = (await d.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
      expect([x.value.name, x.value.notes, x.value.inputs.problem.pc]).toEqual(['Merged (A)', 'notes from A', 150e5]);
    }
    expect(b.engine.conflicts()).toEqual([]);
    expect(b.engine.status().pending).toBe(0);
  });

  it('a second version the server holds (_conflicts, left by replication) is shown as a conflict on each device, and deleted there only once chosen', async () => {
    const a = await device('teacher', 't');
    const b = await device('teacher2', 't2');
    const admin = basicFetch('root', 'root-pw');
    const url = (id: string) => `${server.url}${db}/${encodeURIComponent('experiment:' + id)}`;
    const e = await save(a.repo, exp('Branched'));
    await a.engine.publish([e.id]);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    const onA = (await a.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    const onB = (await b.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    const v1 = (await (await admin(url(e.id))).json()) as Record<string, unknown> & { _rev: string };
    await save(a.repo, { ...onA.value, name: 'Branched (A)' });
    await save(b.repo, { ...onB.value, name: 'Branched (B)' });
    await a.engine.syncOnce();
    // another replicator brings a second edit of revision 1, as CouchDB's replication does (new_edits:
    // false keeps the revision and its ancestry as given); its id sorts below any real revision hash,
    // so it loses and the server lists it in _conflicts
    const losing = '2-00000000000000000000000000000000';
    const branch = { ...v1, name: 'Branch of another replicator', _rev: losing, _revisions: { start: 2, ids: [losing.slice(2), v1._rev.slice(2)] } };
    const put = await admin(`${server.url}${db}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: [branch], new_edits: false }) });
    expect(put.status).toBe(201);
    const before = (await (await admin(`${url(e.id)}?conflicts=true`)).json()) as { name: string; _conflicts?: string[] };
    expect([before.name, before._conflicts]).toEqual(['Branched (A)', [losing]]);

    // B: first its own edit against the server's current version; keeping it deletes nothing else
    await b.engine.syncOnce();
    expect(b.engine.conflicts().map((c) => [c.mine.name, c.theirs?.name, c.branchRev])).toEqual([['Branched (B)', 'Branched (A)', undefined]]);
    expect(await b.engine.resolve(e.id, 'mine')).toEqual({ ok: true });
    await b.engine.syncOnce();
    // then the second version, which nobody has seen yet: shown, not deleted
    await b.engine.syncOnce();
    expect(b.engine.conflicts().map((c) => [c.mine.name, c.theirs?.name, c.branchRev])).toEqual([['Branched (B)', 'Branch of another replicator', losing]]);
    // A (no edit of its own now) is shown the same second version
    await a.engine.syncOnce();
    expect(await names(a.repo, [e.id])).toEqual(['Branched (B)']);
    expect(a.engine.conflicts().map((c) => [c.mine.name, c.theirs?.name, c.branchRev])).toEqual([['Branched (B)', 'Branch of another replicator', losing]]);
    // and after a restart of A's engine too (the sync record remembers it)
    const a2 = await device('teacher', 't', { repo: a.repo });
    await a2.engine.syncOnce();
    expect(a2.engine.conflicts().map((c) => c.branchRev)).toEqual([losing]);

    expect(await b.engine.resolve(e.id, 'theirs')).toEqual({ ok: true });
    await b.engine.syncOnce();
    const after = (await (await admin(`${url(e.id)}?conflicts=true`)).json()) as { name: string; _conflicts?: string[] };
    expect([after.name, after._conflicts ?? []]).toEqual(['Branch of another replicator', []]);
    expect(await names(b.repo, [e.id])).toEqual(['Branch of another replicator']);
    expect(b.engine.conflicts()).toEqual([]);
    // A receives the choice; its conflict, resolved elsewhere, goes away
    await a2.engine.syncOnce();
    expect(await names(a.repo, [e.id])).toEqual(['Branch of another replicator']);
    expect(a2.engine.conflicts()).toEqual([]);
    expect([a2.engine.status().pending, b.engine.status().pending]).toEqual([0, 0]);
  });

  it('a second version with the same content is deleted without asking; a hostile one is refused and reported; a viewer is not asked', async () => {
    const a = await device('teacher', 't');
    const viewer = await device('student', 's', { readOnly: true });
    const admin = basicFetch('root', 'root-pw');
    const url = (id: string) => `${server.url}${db}/${encodeURIComponent('experiment:' + id)}`;
    const bulk = (docs: unknown[]) => admin(`${server.url}${db}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs, new_edits: false }) });
    const same = await save(a.repo, exp('Same twice'));
    const odd = await save(a.repo, exp('Odd branch'));
    await a.engine.publish([same.id, odd.id]);
    await a.engine.syncOnce();
    const v = async (id: string) => (await (await admin(url(id))).json()) as Record<string, unknown> & { _rev: string };
    const [s1, o1] = [await v(same.id), await v(odd.id)];
    // a new version of each (rev 2), then a second edit of rev 1 beside it, as a replication brings
    // one: for the first the same change made twice, for the other a name with markup, which only a
    // replication past the validation function could leave; an id of zeros loses to any real hash
    const branches: Record<string, string> = {};
    for (const [doc, extra] of [[s1, {}], [o1, { name: '<img src=x onerror=alert(1)>' }]] as const) {
      const put = await admin(url(String(doc.id)), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...doc, notes: 'touched' }) });
      expect(put.status).toBe(201);
      const rev = `2-${'0'.repeat(32)}`;
      branches[String(doc.id)] = rev;
      const second = { ...doc, notes: 'touched', ...extra, _rev: rev, _revisions: { start: 2, ids: ['0'.repeat(32), doc._rev.slice(2)] } };
      if (doc === s1) expect((await bulk([second])).status).toBe(201);
      else await withoutValidation(async () => void (await bulk([second])));
    }
    await viewer.engine.syncOnce();
    expect(viewer.engine.conflicts()).toEqual([]);
    await a.engine.syncOnce();
    expect(a.engine.conflicts()).toEqual([]);
    expect(a.engine.refused()).toEqual([{ id: odd.id, direction: 'in', message: expect.stringMatching(/second version \(2-0+\) of experiment .*document\.name contains markup/) }]);
    // the duplicate is gone from the server; the hostile one stays there, refused here, never shown
    const conflictsOf = async (id: string) => ((await (await admin(`${url(id)}?conflicts=true`)).json()) as { _conflicts?: string[] })._conflicts ?? [];
    expect(await conflictsOf(same.id)).toEqual([]);
    expect(await conflictsOf(odd.id)).toEqual(['2-' + '0'.repeat(32)]);
    expect(await names(a.repo, [same.id, odd.id])).toEqual(['Odd branch', 'Same twice']);
    // (the hostile version goes, so that the other tests' devices do not meet it)
    await admin(`${server.url}${db}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: [{ _id: 'experiment:' + odd.id, _rev: branches[odd.id], _deleted: true }] }) });
    expect(await conflictsOf(odd.id)).toEqual([]);
  });

  it('publishNow says whether the server holds the experiment, refused it, or could not be reached', async () => {
    const t = await device('teacher', 't');
    const s = await device('student', 's');
    const off = await device('teacher', 't', { fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const a = await save(t.repo, exp('Now'));
    expect(await t.engine.publishNow(a.id)).toEqual({ state: 'sent' });
    const b = await save(s.repo, exp('Student copy'));
    expect(await s.engine.publishNow(b.id)).toEqual({ state: 'refused', message: expect.stringMatching(/may only read workspace rfo-ws-class-a/) });
    const c = await save(off.repo, exp('Offline'));
    expect(await off.engine.publishNow(c.id)).toEqual({ state: 'queued' });
    expect(await off.engine.members()).toEqual([c.id]);
  });

  it('signs each change with its author and time; the other device lists who changed and deleted what', async () => {
    const t = await device('teacher', 't');
    const s = await device('student', 's');
    const e = await save(t.repo, { ...exp('Signed'), updatedAt: '2026-12-02T08:15:00.000Z' });
    expect(await t.engine.publishNow(e.id)).toEqual({ state: 'sent' });
    const admin = basicFetch('root', 'root-pw');
    const onServer = (await (await admin(`${server.url}${db}/${encodeURIComponent('experiment:' + e.id)}`)).json()) as Record<string, unknown>;
    expect([onServer.modifiedBy, onServer.modifiedAt]).toEqual(['teacher', '2026-12-02T08:15:00.000Z']);
    await s.engine.syncOnce();
    const got = (await s.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    expect([got.value.modifiedBy, got.value.modifiedAt]).toEqual(['teacher', '2026-12-02T08:15:00.000Z']);
    expect((await s.engine.activity()).find((a) => a.id === e.id)).toEqual({ id: e.id, name: 'Signed', by: 'teacher', at: '2026-12-02T08:15:00.000Z', action: 'changed' });
    // the teacher deletes it: the student's device lists the deletion with its author
    await t.repo.deleteExperiment(e.id);
    await t.engine.syncOnce();
    await s.engine.syncOnce();
    const del = (await s.engine.activity()).find((a) => a.id === e.id && a.action === 'deleted');
    expect(del).toMatchObject({ name: 'Signed', by: 'teacher', action: 'deleted' });
    expect((await t.engine.activity()).find((a) => a.id === e.id)).toMatchObject({ action: 'deleted', by: 'teacher' });
  });

  it('custom propellants: published, received (validated as an import is), a bad one refused, a deletion followed', async () => {
    const t = await device('teacher', 't');
    const s = await device('student', 's');
    // hydrazine, N2H4: ΔfH°(l) = 50.63 kJ/mol, 1004 kg/m³ (NIST WebBook / CRC)
    const p = validateCustomPropellant({ name: 'Hydrazine (class)', role: 'fuel', formula: 'N2H4', enthalpy_J_mol: 50630, density_kg_m3: 1004, storageT_K: 298.15, cost_per_kg: 100, notes: '', hazards: [] }, 'custom-n2h4');
    if (!p.ok) throw new Error(p.error.message);
    expect((await t.repo.putPropellant(p.value)).ok).toBe(true);
    await t.engine.publishPropellants([p.value.id]);
    await t.engine.syncOnce();
    const admin = basicFetch('root', 'root-pw');
    const onServer = (await (await admin(`${server.url}${db}/propellant%3Acustom-n2h4`)).json()) as Record<string, unknown>;
    expect([onServer.type, onServer.version, onServer.name, onServer.modifiedBy]).toEqual(['rocket-fuel-optimizer/propellant', 1, 'Hydrazine (class)', 'teacher']);
    // a propellant written past the app (shape fine, values not): refused on the device, the others go on
    const bad = { ...onServer, _id: 'propellant:custom-bad', _rev: undefined, id: 'custom-bad', name: 'Bad', density_kg_m3: -5 };
    const put = await admin(`${server.url}${db}/propellant%3Acustom-bad`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad) });
    expect(put.status).toBe(201);
    const badRev = ((await put.json()) as { rev: string }).rev;
    await s.engine.syncOnce();
    const got = await s.repo.listPropellants();
    expect(got.ok && got.value.map((x) => [x.id, x.name, x.density_kg_m3, x.components[0].enthalpy_J_mol])).toEqual([['custom-n2h4', 'Hydrazine (class)', 1004, 50630]]);
    expect(s.engine.refused().find((r) => r.id === 'custom-bad')?.message).toMatch(/refused from the server: propellant "Bad": density must be > 0 kg\/m³ \(got -5\)/);
    // the teacher deletes it: gone from the student's device too
    await t.repo.deletePropellant('custom-n2h4');
    await t.engine.syncOnce();
    await s.engine.syncOnce();
    const after = await s.repo.listPropellants();
    expect(after.ok && after.value.map((x) => x.id)).toEqual([]);
    await admin(`${server.url}${db}/propellant%3Acustom-bad?rev=${badRev}`, { method: 'DELETE' }); // the later tests count refusals
  });

  it("a viewer's deletion of a synced custom propellant is refused by the server and the device gets it back", async () => {
    const t = await device('teacher', 't');
    const s = await device('student', 's');
    // nitrous oxide, N2O: ΔfH°(l) = 82.05 − 16.55 ≈ 65.5 kJ/mol would be the liquid; the gas value
    // 82.05 kJ/mol (NIST WebBook) and a liquid density of 1220 kg/m³ at 253 K (CRC) are enough here
    const p = validateCustomPropellant({ name: 'Class N2O', role: 'oxidizer', formula: 'N2O', enthalpy_J_mol: 82050, density_kg_m3: 1220, storageT_K: 253, cost_per_kg: 5, notes: '', hazards: [] }, 'custom-n2o');
    if (!p.ok) throw new Error(p.error.message);
    expect((await t.repo.putPropellant(p.value)).ok).toBe(true);
    await t.engine.publishPropellants([p.value.id]);
    await t.engine.syncOnce();
    await s.engine.syncOnce();
    expect((await s.repo.deletePropellant('custom-n2o')).ok).toBe(true); // past the app's up-front refusal (another tab, an old version)
    await s.engine.syncOnce();
    expect(s.engine.refused().find((r) => r.id === 'custom-n2o')?.message).toMatch(/the server refused the deletion of propellant “custom-n2o”: user "student" may only read workspace rfo-ws-class-a/);
    const back = await s.repo.listPropellants();
    expect(back.ok && back.value.map((x) => [x.id, x.name, x.density_kg_m3])).toEqual([['custom-n2o', 'Class N2O', 1220]]);
    expect(await s.engine.propellantMembers()).toEqual(['custom-n2o']);
    // nothing is sent again, and the teacher's copy is untouched
    expect((await s.engine.syncOnce()).sent).toBe(0);
    expect(s.engine.status().pending).toBe(0);
    await t.repo.deletePropellant('custom-n2o');
    await t.engine.syncOnce(); // clean up for the later tests
  });

  it('one device in two workspaces with a role in each: every document in one workspace only; leaving one removes only its data', async () => {
    // ana's device: a viewer in Class A, a member of Team B; engines share the device's one store
    const ids = new Map<string, string>(); // experiment id -> workspace db, as the sync store keeps it
    const held = (mine: string) => (_kind: 'experiment' | 'propellant', id: string) => (ids.has(id) && ids.get(id) !== mine ? ids.get(id)! : null);
    const inA = await device('ana', 'a', { heldElsewhere: held(db) });
    const inB = await device('ana', 'a', { repo: inA.repo, db: dbB, heldElsewhere: held(dbB) });
    const note = async () => {
      for (const [w, eng] of [[db, inA.engine], [dbB, inB.engine]] as const) for (const id of await eng.members()) ids.set(id, w);
    };
    const t = await device('teacher', 't');
    const fromClass = await save(t.repo, exp('From the class'));
    await t.engine.publishNow(fromClass.id);
    await inA.engine.syncOnce();
    const mine = await save(inA.repo, exp('Ana in Team B'));
    expect(await inB.engine.publishNow(mine.id)).toEqual({ state: 'sent' });
    await inB.engine.syncOnce();
    await note();
    expect([ids.get(fromClass.id), ids.get(mine.id)]).toEqual([db, dbB]);
    // her role differs: Class A refuses her writes, Team B takes them
    await save(inA.repo, { ...((await inA.repo.getExperiment(fromClass.id)) as { ok: true; value: Experiment }).value, name: 'Ana edits the class' });
    expect((await inA.engine.syncOnce()).sent).toBe(0);
    expect(inA.engine.refused().map((r) => r.id)).toEqual([fromClass.id]);
    await save(inA.repo, { ...((await inA.repo.getExperiment(mine.id)) as { ok: true; value: Experiment }).value, name: 'Ana in Team B, edited' });
    expect((await inB.engine.syncOnce()).sent).toBe(1);
    // the same document written into Team B by someone else: refused here, it belongs to Class A
    const tB = await device('teacher', 't', { db: dbB });
    const copyAcross = await save(tB.repo, { ...fromClass, rev: undefined, name: 'Same id in Team B' });
    await tB.engine.publishNow(copyAcross.id);
    await inB.engine.syncOnce();
    expect(inB.engine.refused().find((r) => r.id === fromClass.id)?.message).toBe(`refused from the server: experiment ${fromClass.id} belongs to workspace ${db} on this device`);
    expect(await inB.engine.members()).toEqual([mine.id]);
    // leaving Class A with its data removes its experiment only
    await inA.engine.forget(true);
    expect(await names(inA.repo, [fromClass.id, mine.id])).toEqual(['Ana in Team B, edited']);
    expect(await inB.engine.members()).toEqual([mine.id]);
  });

  it('refuses hostile documents that reach the server and syncs the others', async () => {
    // a server without our validation function (another workspace set up by hand): raw admin writes
    const admin = basicFetch('root', 'root-pw');
    const raw = `${server.url}${db}`;
    await withoutValidation(async () => {
    const good = { ...exp('Fine'), id: 'fine-1' };
    const docs = [
      { _id: 'experiment:h1', id: 'h1', type: 'rocket-fuel-optimizer/experiment', version: 3, name: '<script>alert(1)</script>' },
      // (express-pouchdb drops a top-level __proto__ key when storing; CouchDB keeps it: see fromServerDoc below)
      { _id: 'experiment:h2', id: 'h2', type: 'rocket-fuel-optimizer/experiment', version: 3, name: 'p', inputs: { constructor: { prototype: { polluted: true } } } },
      { _id: 'experiment:h3', id: 'h3', type: 'rocket-fuel-optimizer/experiment', version: 99, name: 'future' },
      { _id: 'experiment:h4', id: 'h4', type: 'rocket-fuel-optimizer/experiment', version: 3, name: 'big', notes: 'x'.repeat(300_000) },
      { ...good, _id: 'experiment:fine-1' },
    ];
    const put = await admin(`${raw}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
    expect(put.status).toBe(201);
    const s = await device('student', 's');
    await s.engine.syncOnce();
    expect((await names(s.repo)).filter((x) => x === 'Fine')).toEqual(['Fine']);
    const refusedIds = s.engine.refused().filter((r) => r.direction === 'in').map((r) => r.id).sort();
    expect(refusedIds).toEqual(['h1', 'h2', 'h3', 'h4']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const id of ['h1', 'h2', 'h3', 'h4']) expect(await s.repo.getExperiment(id)).toEqual({ ok: true, value: null });
    });
  });

  it("an experiment's results and models travel with it, bit for bit, however large, and go when deleted; records that are not its own are refused with it, and the others sync", async () => {
    const a = await device('teacher', 't', { db: dbC });
    const b = await device('teacher2', 't2', { db: dbC });
    const admin = basicFetch('root', 'root-pw');
    // 40,000 doubles (320 kB, more than a document may hold) with the values a copy gets wrong: NaN, −0, the extremes
    const col = Float64Array.from({ length: 40_000 }, (_, k) => (k === 0 ? NaN : k === 1 ? -0 : k === 2 ? Number.MAX_VALUE : k === 3 ? 5e-324 : Math.sin(k) * 1e5));
    const e = await save(a.repo, exp('With a sweep'));
    const result: StoredResult = { id: `r-${e.id}`, experimentId: e.id, studyId: 's1', createdAt: '2026-12-01T00:00:00.000Z', columns: { isp_s: col, n: Int32Array.from([1, -2, 3]) }, meta: { note: 'a < b' } };
    const model: StoredModel = { id: `m-${e.id}`, experimentId: e.id, name: 'surrogate', createdAt: '2026-12-01T00:00:00.000Z', meta: tinyModelDoc(3) as unknown as Record<string, JsonValue>, weights: new Float32Array([1.5, -2]).buffer };
    const withRecords = await a.repo.saveExperiment(e, [result]);
    if (!withRecords.ok) throw new Error(withRecords.error.message);
    const put = await a.repo.putModel(model);
    if (!put.ok) throw new Error(put.error.message);
    await a.engine.publish([e.id]);
    expect((await a.engine.syncOnce()).sent).toBe(1);
    const onServer = (await (await admin(`${server.url}${dbC}/experiment:${e.id}`)).json()) as { _attachments?: Record<string, { content_type: string; length: number }> };
    expect(Object.entries(onServer._attachments ?? {}).map(([k, v]) => [k, v.content_type, v.length > 400_000])).toEqual([['records.json', 'application/json', true]]);
    await b.engine.syncOnce();
    const check = async () => {
      const got = await b.repo.listResults(e.id);
      if (!got.ok) throw new Error(got.error.message);
      expect(got.value.map((r) => [r.id, r.studyId, r.meta])).toEqual([[result.id, 's1', { note: 'a < b' }]]);
      const isp = got.value[0].columns.isp_s as Float64Array;
      expect(isp).toBeInstanceOf(Float64Array);
      expect(isp.length).toBe(col.length);
      expect([...isp.slice(0, 4)].map((x) => Object.is(x, NaN) || x)).toEqual([true, -0, Number.MAX_VALUE, 5e-324]);
      expect(Object.is(isp[1], -0)).toBe(true);
      expect(isp.every((x, k) => Object.is(x, col[k]))).toBe(true);
      expect([...(got.value[0].columns.n as Int32Array)]).toEqual([1, -2, 3]);
      const models = await b.repo.modelsOf(e.id);
      expect(models.ok && models.value.map((m) => [m.id, m.meta, [...new Float32Array(m.weights)]])).toEqual([[model.id, tinyModelDoc(3), [1.5, -2]]]);
    };
    await check();
    // an edit that leaves the records as they are: they stay on the other device
    const cur = (await a.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    await save(a.repo, { ...cur.value, name: 'With a sweep (renamed)' });
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect(await names(b.repo, [e.id])).toEqual(['With a sweep (renamed)']);
    await check();
    // the sweep and the model deleted on A (the experiment written without them): gone on B too
    const now = (await a.repo.getExperiment(e.id)) as { ok: true; value: Experiment };
    const cleared = await a.repo.saveExperiments([now.value], undefined, [{ results: [], models: [] }]);
    expect(cleared.ok).toBe(true);
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect([await b.repo.listResults(e.id), await b.repo.modelsOf(e.id)]).toEqual([{ ok: true, value: [] }, { ok: true, value: [] }]);

    // hostile records: a result of another experiment here (B's own), a file that is not JSON, a result of another id; the plain one syncs
    const mine = await save(b.repo, exp('B only'));
    await b.repo.saveExperiment(mine, [{ ...result, id: 'r-b-own', experimentId: mine.id }]);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const attach = (text: string) => ({ 'records.json': { content_type: 'application/json', data: b64(text) } });
    const hostile = (id: string) => ({ ...toServerDoc({ ...exp(`Hostile ${id}`), id }, null), modifiedBy: 'teacher' });
    const docs = [
      { ...hostile('hr1'), _attachments: attach(exportExperimentFile({ ...exp('x'), id: 'hr1' }, [{ ...result, id: 'r-b-own', experimentId: 'hr1' }], [], 'now')) },
      { ...hostile('hr2'), _attachments: attach('not json {') },
      { ...hostile('hr3'), _attachments: attach(exportExperimentFile({ ...exp('x'), id: 'other' }, [{ ...result, experimentId: 'other' }], [], 'now')) },
      hostile('hr4'),
    ];
    const w = await basicFetch('teacher', 't')(`${server.url}${dbC}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs }) });
    expect(w.status).toBe(201);
    await b.engine.syncOnce();
    expect(await names(b.repo, ['hr1', 'hr2', 'hr3', 'hr4'])).toEqual(['Hostile hr4']);
    expect(b.engine.refused().filter((r) => r.direction === 'in').map((r) => [r.id, r.message]).sort()).toEqual([
      ['hr1', expect.stringMatching(/its result "r-b-own" is one of another experiment here/)],
      ['hr2', expect.stringMatching(/its results: The file is not valid JSON/)],
      ['hr3', expect.stringMatching(/its results belong to another experiment/)],
    ]);
    // B's own result is untouched
    const own = await b.repo.getResult('r-b-own');
    expect(own.ok && own.value?.experimentId).toBe(mine.id);
  });

  it('a connection that drops in the middle of sending 1,000 experiments ends with each exactly once on both sides', async () => {
    let calls = 0;
    let broken = false;
    const flaky: typeof fetch = (input, init) => {
      if (String(input).includes('_bulk_docs') && ++calls === 2) {
        broken = true;
        return Promise.reject(new TypeError('network connection lost'));
      }
      return basicFetch('teacher', 't')(input, init);
    };
    const t = await device('teacher', 't', { fetch: flaky });
    const ids: string[] = [];
    const list: Experiment[] = [];
    for (let i = 0; i < 1000; i++) list.push({ ...exp(`Bulk ${String(i).padStart(4, '0')}`), id: `bulk-${i}` });
    const saved = await t.repo.saveExperiments(list);
    if (!saved.ok) throw new Error(saved.error.message);
    ids.push(...list.map((e) => e.id));
    await t.engine.publish(ids);
    await expect(t.engine.syncOnce()).rejects.toThrow(/cannot be reached/);
    expect(broken).toBe(true);
    expect(t.engine.status().pending).toBeGreaterThan(0);
    await t.engine.syncOnce(); // back online
    expect(t.engine.status().pending).toBe(0);
    const all = (await (await basicFetch('teacher', 't')(`${server.url}${db}/_all_docs?startkey="experiment:bulk-"&endkey="experiment:bulk-~"`)).json()) as { rows: { id: string }[] };
    expect(all.rows.map((r) => r.id).sort()).toEqual(ids.map((id) => `experiment:${id}`).sort());
    const s = await device('student', 's');
    await s.engine.syncOnce();
    const got = (await names(s.repo)).filter((x) => x.startsWith('Bulk '));
    expect(got).toHaveLength(1000);
    expect(new Set(got).size).toBe(1000);
  }, 120_000);

  it('fromServerDoc refuses a __proto__ key as JSON.parse delivers it (own property), anywhere', () => {
    const top = JSON.parse('{"_id":"experiment:p1","id":"p1","type":"rocket-fuel-optimizer/experiment","version":3,"name":"p","__proto__":{"polluted":true}}');
    expect(fromServerDoc(top)).toEqual({ ok: false, message: 'document has the forbidden key "__proto__"' });
    const deep = JSON.parse('{"_id":"experiment:p2","id":"p2","type":"rocket-fuel-optimizer/experiment","version":3,"name":"p","studies":[{"spec":{"__proto__":{}}}]}');
    expect(fromServerDoc(deep)).toEqual({ ok: false, message: 'document.studies.0.spec has the forbidden key "__proto__"' });
    expect(fromServerDoc({ ...exp('ok'), _id: `experiment:${exp('ok').id}` })).toMatchObject({ ok: false }); // _id must match id
    const good = exp('ok');
    expect(fromServerDoc({ ...good, _id: `experiment:${good.id}`, _rev: '1-x' })).toMatchObject({ ok: true, value: { id: good.id, name: 'ok' } });
  });

  it('runs continuously: offline while the server cannot be reached, then synced, receives a change by long-poll, pauses and stops', async () => {
    let up = false;
    const gate: typeof fetch = (input, init) => (up ? basicFetch('teacher', 't')(input, init) : Promise.reject(new TypeError('Failed to fetch')));
    const opened = await openRfoDb(`sync-dev-${++n}-live`);
    if (!opened.ok) throw new Error(opened.error.message);
    const repo = createRepository(opened.value, quietBus);
    const phases: string[] = [];
    const live = createSyncEngine({ repo, server: server.url, db, device: 'live', fetch: gate, longpollMs: 2000, onStatus: (x) => phases.push(x.phase) });
    const until = async (ok: () => boolean | Promise<boolean>, what: string) => {
      for (let i = 0; i < 200; i++) {
        if (await ok()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${what} (phases ${phases.join(',')})`);
    };
    live.start();
    await until(() => live.status().phase === 'offline', 'offline');
    expect(live.status().reason).toMatch(/cannot be reached/);
    up = true;
    live.poke();
    await until(() => live.status().phase === 'synced', 'synced');
    const other = await device('teacher2', 't2');
    const e = await save(other.repo, exp('Arrives by long-poll'));
    await other.engine.publish([e.id]);
    await other.engine.syncOnce();
    await until(async () => (await names(repo, [e.id])).length === 1, 'the long-polled change');
    live.pause();
    await until(() => live.status().phase === 'paused', 'paused');
    await live.stop();
    expect(live.status().phase).toBe('stopped');
  }, 30_000);

  it('8 workspaces on one server share the budget: at most 2 long-polls and 4 requests open, checks one at a time; every workspace still receives, and a local change is sent at once', async () => {
    const dbs: string[] = [];
    for (let k = 1; k <= 8; k++) {
      const spec = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', `Many ${k}`, '--member', 'octo:o']);
      if (!spec.ok) throw new Error(spec.error.message);
      const out = await setupWorkspace(spec.value);
      if (!out.ok) throw new Error(out.error.message);
      dbs.push(out.database);
    }
    // every request of the device counted from its start until its answer has been read
    const now = { open: 0, longpolls: 0, checks: 0 };
    const peak = { open: 0, longpolls: 0, checks: 0 };
    let checksMade = 0;
    const counting: typeof fetch = async (input, init) => {
      const url = String(input);
      const kinds: (keyof typeof now)[] = ['open', ...(url.includes('feed=longpoll') ? ['longpolls' as const] : []), ...(/_changes\?since=[^&]*&limit=1$/.test(url) ? ['checks' as const] : [])];
      if (kinds.includes('checks')) checksMade++;
      for (const k of kinds) peak[k] = Math.max(peak[k], ++now[k]);
      try {
        const r = await basicFetch('octo', 'o')(input, init);
        const body = await r.text();
        return new Response(r.status === 204 || r.status === 304 ? null : body, { status: r.status, headers: r.headers });
      } finally {
        for (const k of kinds) now[k]--;
      }
    };
    const opened = await openRfoDb(`sync-dev-${++n}-many`);
    if (!opened.ok) throw new Error(opened.error.message);
    const repo = createRepository(opened.value, quietBus);
    const engines = (checkMs: number, longpollMs: number) => {
      const budget = createSyncBudget({ checkMs });
      return dbs.map((d) => createSyncEngine({ repo, server: server.url, db: d, device: 'many', user: 'octo', fetch: counting, longpollMs, budget }));
    };
    const until = async (ok: () => boolean | Promise<boolean>, what: string, ms = 20_000) => {
      for (let t = 0; t < ms; t += 50) {
        if (await ok()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`timed out waiting for ${what} (open now ${JSON.stringify(now)})`);
    };
    const raw = basicFetch('octo', 'o');
    const onServer = async (d: string, id: string) => (await raw(`${server.url}${d}/${encodeURIComponent(`experiment:${id}`)}`)).status === 200;

    // checks every 200 ms: one experiment written on the server into each workspace reaches the device
    const live = engines(200, 1500);
    live.forEach((e) => e.start());
    await until(() => live.every((e) => e.status().phase === 'synced'), 'all synced');
    const arrivals = dbs.map((d, k) => ({ d, e: { ...exp(`Arrives in Many ${k + 1}`), id: `many-${k}` } }));
    for (const { d, e } of arrivals) expect((await raw(`${server.url}${d}/${encodeURIComponent(`experiment:${e.id}`)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(toServerDoc(e, null, 'octo')) })).status).toBe(201);
    await until(async () => (await names(repo, arrivals.map((a) => a.e.id))).length === 8, 'the 8 arrivals');
    for (const [k, e] of live.entries()) expect(await e.members()).toEqual([arrivals[k].e.id]);
    await new Promise((r) => setTimeout(r, 1500)); // a while of waiting: long-polls time out and change hands
    await Promise.all(live.map((e) => e.stop()));
    expect(peak.longpolls).toBe(2);
    expect(peak.open).toBeLessThanOrEqual(4);
    expect(peak.checks).toBe(1);
    expect(checksMade).toBeGreaterThan(6);

    // checks and long-polls a minute apart: only the poke can send a local change within the test
    const slow = engines(60_000, 60_000);
    slow.forEach((e) => e.start());
    await until(() => slow.every((e) => e.status().phase === 'synced'), 'all synced again');
    await new Promise((r) => setTimeout(r, 300)); // every engine waiting: 2 on long-polls, 6 in line
    for (const k of [7, 0]) {
      const got = await repo.getExperiment(arrivals[k].e.id);
      if (!got.ok || !got.value) throw new Error('missing');
      await save(repo, { ...got.value, name: `Changed here ${k}` });
      slow[k].poke(); // what the sync store does when the workspace's experiment is saved
    }
    const nameOnServer = async (k: number) => ((await (await raw(`${server.url}${dbs[k]}/experiment:many-${k}`)).json()) as { name: string }).name;
    await until(async () => (await nameOnServer(7)) === 'Changed here 7' && (await nameOnServer(0)) === 'Changed here 0', 'the local changes on the server', 10_000);
    expect(await onServer(dbs[3], 'many-3')).toBe(true);
    await Promise.all(slow.map((e) => e.stop()));
    expect(peak.longpolls).toBe(2);
    expect(peak.open).toBeLessThanOrEqual(4);
  }, 90_000);

  it('signs in with the session cookie API and refuses a wrong password', async () => {
    expect(await signIn(server.url, 'ana', 'a')).toEqual({ ok: true, value: { name: 'ana', roles: [`${db}:viewer`, `${dbB}:member`] } });
    expect(await signIn(server.url, 'student', 's')).toEqual({ ok: true, value: { name: 'student', roles: [`${db}:viewer`] } });
    expect(await signIn(server.url, 'student', 'nope')).toMatchObject({ ok: false, message: 'name or password is incorrect' });
  });
});
