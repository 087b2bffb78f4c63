// The local sync server (`npm run sync:server`) prepared by `npm run sync:setup`, proved with raw
// HTTP as any client would send it: the server itself refuses what a role may not do and what
// the validation function forbids; nothing here goes through the app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSyncServer, parseServerArgs, type SyncServer } from '../../scripts/sync-server.ts';
import { parseSetupArgs, setupWorkspace, type SetupReport } from '../../scripts/sync-setup.ts';
import { EXPERIMENT_TYPE } from '../../app/domain/experiment.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rfo-sync-'));
let server: SyncServer;
let report: SetupReport;
let db: string;

const basic = (name: string, password: string) => 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');
const TEACHER = basic('teacher', 'tea-pw');
const STUDENT = basic('student', 'stu-pw');

async function http(method: string, path: string, opts: { auth?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const r = await fetch(new URL(path, server.url), {
    method,
    headers: {
      ...(opts.auth ? { authorization: opts.auth } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
  });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* keep null */
  }
  return { status: r.status, json: json as Record<string, unknown> & unknown[], headers: r.headers };
}

const experiment = (id: string, extra: Record<string, unknown> = {}) => ({
  _id: `experiment:${id}`,
  id,
  type: EXPERIMENT_TYPE,
  version: 3,
  name: `Test ${id}`,
  tags: [],
  ...extra,
});

beforeAll(async () => {
  server = await startSyncServer({ port: 0, dir, admin: { name: 'root', password: 'root-pw' } });
  const spec = parseSetupArgs([
    '--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Physics 101 (2026)',
    '--member', 'teacher:tea-pw', '--viewer', 'student:stu-pw', '--origin', 'http://127.0.0.1:4173',
  ]);
  if (!spec.ok) throw new Error(spec.error.message);
  const out = await setupWorkspace(spec.value);
  if (!out.ok) throw new Error(out.error.message);
  report = out;
  db = out.database;
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sync:setup against the local server', () => {
  it('names the database by the README rule and gives each user their workspace role', () => {
    expect(report.database).toBe('rfo-ws-physics-101-2026');
    expect(report.users).toEqual([
      { name: 'teacher', role: 'member', created: true },
      { name: 'student', role: 'viewer', created: true },
    ]);
  });

  it('installs the security object and the validation design document', async () => {
    const sec = await http('GET', `${db}/_security`, { auth: basic('root', 'root-pw') });
    expect(sec.json).toEqual({
      admins: { names: [], roles: [`${db}:admin`] },
      members: { names: [], roles: [`${db}:admin`, `${db}:member`, `${db}:viewer`] },
    });
    const ddoc = await http('GET', `${db}/_design/rfo-validation`, { auth: basic('root', 'root-pw') });
    expect(typeof ddoc.json.validate_doc_update).toBe('string');
  });

  it('runs again without losing data and moves a user to a new role', async () => {
    const put = await http('PUT', `${db}/experiment:keep`, { auth: TEACHER, body: experiment('keep') });
    expect(put.status).toBe(201);
    const again = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Physics 101 (2026)', '--viewer', 'teacher:tea-pw']);
    if (!again.ok) throw new Error(again.error.message);
    const out = await setupWorkspace(again.value);
    expect(out.ok && out.users).toEqual([{ name: 'teacher', role: 'viewer', created: false }]);
    expect((await http('GET', `${db}/experiment:keep`, { auth: TEACHER })).status).toBe(200);
    expect((await http('PUT', `${db}/experiment:k2`, { auth: TEACHER, body: experiment('k2') })).status).toBe(403);
    // back to member for the tests below
    const back = parseSetupArgs(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Physics 101 (2026)', '--member', 'teacher:tea-pw']);
    if (!back.ok) throw new Error(back.error.message);
    expect((await setupWorkspace(back.value)).ok).toBe(true);
  });

  it('reports a wrong admin password as an error naming the admin flag', async () => {
    const spec = parseSetupArgs(['--url', server.url, '--admin', 'root:wrong', '--workspace', 'x']);
    if (!spec.ok) throw new Error(spec.error.message);
    const out = await setupWorkspace(spec.value);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error.field).toBe('admin');
  });

  it('refuses bad flags with a message naming them', () => {
    expect(parseSetupArgs(['--url', server.url, '--admin', 'root', '--workspace', 'x'])).toMatchObject({ ok: false, error: { field: 'admin' } });
    expect(parseSetupArgs(['--url', 'ftp://x', '--admin', 'a:b', '--workspace', 'x'])).toMatchObject({ ok: false, error: { field: 'url' } });
    expect(parseSetupArgs(['--url', server.url, '--admin', 'a:b', '--workspace', '***'])).toMatchObject({ ok: false, error: { field: 'workspace' } });
    expect(parseSetupArgs(['--url', server.url, '--admin', 'a:b', '--workspace', 'x', '--member', 'u:1', '--viewer', 'u:2'])).toMatchObject({ ok: false });
    expect(parseSetupArgs(['--bogus', '1'])).toMatchObject({ ok: false, error: { field: '--bogus' } });
    expect(parseServerArgs(['--port', '-1', '--dir', 'd', '--admin', 'a:b'])).toMatchObject({ ok: false, error: { field: 'port' } });
    expect(parseServerArgs(['--port', '5984', '--dir', 'd'])).toMatchObject({ ok: false, error: { field: 'admin' } });
  });
});

describe('the server enforces roles (raw HTTP)', () => {
  it('lets a member write', async () => {
    const r = await http('PUT', `${db}/experiment:m1`, { auth: TEACHER, body: experiment('m1') });
    expect(r.status).toBe(201);
    expect(r.json.ok).toBe(true);
  });

  it("refuses a viewer's write with 403, by PUT and by _bulk_docs as replication sends it", async () => {
    const put = await http('PUT', `${db}/experiment:v1`, { auth: STUDENT, body: experiment('v1') });
    expect(put.status).toBe(403);
    expect(put.json.error).toBe('forbidden');
    const bulk = await http('POST', `${db}/_bulk_docs`, {
      auth: STUDENT,
      body: { new_edits: false, docs: [{ ...experiment('v2'), _rev: '1-0123456789abcdef0123456789abcdef' }] },
    });
    expect(bulk.json[0]).toMatchObject({ id: 'experiment:v2', error: 'forbidden' });
    expect((await http('GET', `${db}/experiment:v2`, { auth: TEACHER })).status).toBe(404);
  });

  it('lets a viewer read', async () => {
    const r = await http('GET', `${db}/experiment:m1`, { auth: STUDENT });
    expect(r.status).toBe(200);
    expect(r.json.name).toBe('Test m1');
  });

  it('refuses an anonymous read and a wrong password', async () => {
    expect((await http('GET', `${db}/experiment:m1`)).status).toBe(401);
    expect((await http('GET', `${db}/_changes`)).status).toBe(401);
    expect((await http('GET', `${db}/experiment:m1`, { auth: basic('student', 'nope') })).status).toBe(401);
  });

  it('signs in with a _session cookie that carries the role', async () => {
    const s = await http('POST', '_session', { body: { name: 'student', password: 'stu-pw' } });
    expect(s.status).toBe(200);
    const cookie = (s.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^AuthSession=./);
    expect((await http('GET', `${db}/experiment:m1`, { headers: { cookie } })).status).toBe(200);
    expect((await http('PUT', `${db}/experiment:v3`, { headers: { cookie }, body: experiment('v3') })).status).toBe(403);
  });

  it('does not let a user give themselves a role or read other users', async () => {
    const own = await http('GET', '_users/org.couchdb.user:student', { auth: STUDENT });
    expect(own.status).toBe(200);
    const r = await http('PUT', '_users/org.couchdb.user:student', {
      auth: STUDENT,
      body: { ...own.json, roles: [`${db}:member`], password: 'stu-pw' },
    });
    expect(r.status).toBe(403);
    expect((await http('GET', '_users/org.couchdb.user:teacher', { auth: STUDENT })).status).toBe(403);
    expect((await http('PUT', '_users/org.couchdb.user:mallory', { body: { name: 'mallory', password: 'x', roles: [], type: 'user' } })).status).toBe(403);
    expect((await http('PUT', `${db}/experiment:v4`, { auth: STUDENT, body: experiment('v4') })).status).toBe(403);
  });

  it('lets no member replace the validation function', async () => {
    const ddoc = { _id: '_design/evil', validate_doc_update: 'function () {}' };
    expect((await http('PUT', `${db}/_design/evil`, { auth: TEACHER, body: ddoc })).status).toBe(403);
    expect((await http('POST', `${db}/_bulk_docs`, { auth: TEACHER, body: { docs: [ddoc] } })).status).toBe(403);
    expect((await http('POST', db, { auth: TEACHER, body: ddoc })).status).toBe(403);
    expect((await http('PUT', `${db}/_design%2Fevil`, { auth: TEACHER, body: ddoc })).status).toBe(403);
    // as a workspace admin (a database admin, whom express-pouchdb would let write design documents)
    const root = basic('root', 'root-pw');
    await http('PUT', '_users/org.couchdb.user:wsadmin', { auth: root, body: { name: 'wsadmin', password: 'w', roles: [`${db}:admin`], type: 'user' } });
    const wsAdmin = basic('wsadmin', 'w');
    expect((await http('PUT', `${db}/_design/evil`, { auth: wsAdmin, body: ddoc })).status).toBe(403);
    expect((await http('PUT', `${db}/_design%2Fevil`, { auth: wsAdmin, body: ddoc })).status).toBe(403);
    expect((await http('POST', db, { auth: wsAdmin, body: ddoc })).status).toBe(403);
    expect((await http('GET', `${db}/_design/evil`, { auth: root })).status).toBe(404);
    // a workspace admin still manages the security object, and a member's plain POST still works
    expect((await http('GET', `${db}/_security`, { auth: wsAdmin })).status).toBe(200);
    expect((await http('POST', db, { auth: TEACHER, body: experiment('posted') })).status).toBe(201);
  });
});

describe('the validation function refuses hostile documents (raw HTTP, as a member)', () => {
  const refused = async (doc: Record<string, unknown> | string, reason: RegExp) => {
    const id = typeof doc === 'string' ? JSON.parse(doc)._id : doc._id;
    const r = await http('PUT', `${db}/${encodeURIComponent(id)}`, { auth: TEACHER, body: doc });
    expect(r.status, JSON.stringify(r.json)).toBe(403);
    expect(String(r.json.reason)).toMatch(reason);
    expect((await http('GET', `${db}/${encodeURIComponent(id)}`, { auth: TEACHER })).status).toBe(404);
  };

  it('a script in the name', () => refused(experiment('h1', { name: '<script>alert(1)</script>' }), /document\.name contains markup/));
  it('a script in a reactant name', () =>
    refused(experiment('h2', { inputs: { problem: { reactants: [{ name: '<img src=x onerror=alert(1)>' }] } } }), /document\.inputs\.problem\.reactants\.0\.name/));
  // written as text: JSON.stringify of an object literal would not carry an own __proto__ key
  it('__proto__ at the top and deep inside', async () => {
    await refused('{"_id":"experiment:h3","id":"h3","type":"rocket-fuel-optimizer/experiment","version":3,"name":"p","__proto__":{"isAdmin":true}}', /forbidden key "__proto__"/);
    await refused('{"_id":"experiment:h4","id":"h4","type":"rocket-fuel-optimizer/experiment","version":3,"name":"p","inputs":{"x":[{"__proto__":{}}]}}', /document\.inputs\.x\.0 has the forbidden key "__proto__"/);
  });
  it('constructor.prototype', () => refused(experiment('h5', { studies: [{ constructor: { prototype: { polluted: 1 } } }] }), /forbidden key "constructor"/));
  it('an oversize document (300 kB of notes)', () => refused(experiment('h6', { notes: 'x'.repeat(300_000) }), /is \d+ characters of JSON \(at most 262144\)/));
  it('a wrong version or type', async () => {
    await refused(experiment('h7', { version: 5 }), /version must be a whole number from 1 to 4 \(got 5\)/);
    await refused(experiment('h8', { type: 'something/else' }), /type must be one of/);
  });
  it('an _id that does not match the id field', () => refused({ ...experiment('h9'), _id: 'experiment:other' }, /_id must be "experiment:"/));
  it('a nesting bomb', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    await refused(experiment('h10', { inputs: deep }), /nested deeper than 32 levels/);
  });
  it('still accepts a good document beside them, and a deletion', async () => {
    const r = await http('PUT', `${db}/experiment:good`, { auth: TEACHER, body: experiment('good', { notes: 'x < y > z is fine in prose' }) });
    expect(r.status).toBe(201);
    const d = await http('DELETE', `${db}/experiment:good?rev=${r.json.rev}`, { auth: TEACHER });
    expect(d.status).toBe(200);
  });
});

describe('replication writes keep their history (new_edits: false, as every CouchDB replicator sends them)', () => {
  const rev = (c: string) => c.repeat(32);
  const revs = (start: number, ...ids: string[]) => ({ start, ids: ids.map(rev) });
  const bulk = (docs: unknown[]) => http('POST', `${db}/_bulk_docs`, { auth: TEACHER, body: { new_edits: false, docs } });
  const read = (id: string) => http('GET', `${db}/${id}?revs=true&conflicts=true`, { auth: TEACHER });

  it('a replicated revision keeps its ancestry, its child replaces it, and a second branch becomes a conflict', async () => {
    await bulk([{ ...experiment('r1'), _rev: `3-${rev('c')}`, _revisions: revs(3, 'c', 'b', 'a') }]);
    let got = await read('experiment:r1');
    expect(got.json._rev).toBe(`3-${rev('c')}`);
    expect(got.json._revisions).toEqual(revs(3, 'c', 'b', 'a'));
    // the next edit made elsewhere: without its ancestry it was recorded as 3-c again and lost
    await bulk([{ ...experiment('r1', { name: 'edited' }), _rev: `4-${rev('d')}`, _revisions: revs(4, 'd', 'c', 'b', 'a') }]);
    got = await read('experiment:r1');
    expect([got.json._rev, got.json.name, got.json._conflicts]).toEqual([`4-${rev('d')}`, 'edited', undefined]);
    expect(got.json._revisions).toEqual(revs(4, 'd', 'c', 'b', 'a'));
    // an edit of 3-c made on a third device: both leaves kept (4-e wins CouchDB's tie by revision id)
    await bulk([{ ...experiment('r1', { name: 'other' }), _rev: `4-${rev('e')}`, _revisions: revs(4, 'e', 'c', 'b', 'a') }]);
    got = await read('experiment:r1');
    expect([got.json._rev, got.json.name, got.json._conflicts]).toEqual([`4-${rev('e')}`, 'other', [`4-${rev('d')}`]]);
  });

  it('_bulk_docs answers in the order of the documents sent, as CouchDB does (a client matches them by position)', async () => {
    for (let t = 0; t < 5; t++) {
      const docs = Array.from({ length: 30 }, (_, i) => experiment(`order-${t}-${i}`));
      // one refused among them (markup in its name): its answer keeps its place too
      docs[7] = experiment(`order-${t}-7`, { name: '<b>x</b>' });
      const r = await http('POST', `${db}/_bulk_docs`, { auth: TEACHER, body: { docs } });
      expect((r.json as unknown as { id: string }[]).map((a) => a.id)).toEqual(docs.map((d) => d._id));
      expect((r.json as unknown as { error?: string }[])[7].error).toBe('forbidden');
    }
  });

  it('a PUT with ?new_edits=false is refused with a reason, not stored as another revision', async () => {
    const put = await http('PUT', `${db}/experiment:r2?new_edits=false`, { auth: TEACHER, body: { ...experiment('r2'), _rev: `2-${rev('f')}`, _revisions: revs(2, 'f', 'a') } });
    expect(put.status).toBe(400);
    expect(String(put.json.reason)).toMatch(/new_edits=false is not supported.*_bulk_docs/);
    expect((await read('experiment:r2')).status).toBe(404);
  });

  it('still validates every replicated document: hostile ones and a viewer\'s are refused, the good one beside them kept', async () => {
    const r = await bulk([
      { ...experiment('r3', { name: '<script>x</script>' }), _rev: `1-${rev('a')}`, _revisions: revs(1, 'a') },
      { ...experiment('r4'), _rev: `1-${rev('a')}`, _revisions: revs(1, 'a') },
    ]);
    expect(r.json).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'experiment:r3', error: 'forbidden' })]));
    expect((await read('experiment:r3')).status).toBe(404);
    expect((await read('experiment:r4')).json._rev).toBe(`1-${rev('a')}`);
  });

  it('PouchDB replicates a device\'s edits to the server and on to a second device, history and all', async () => {
    const { createRequire } = await import('node:module');
    const { mkdirSync } = await import('node:fs');
    const local = join(dir, 'devices');
    mkdirSync(local, { recursive: true });
    const PouchDB = createRequire(import.meta.url)('pouchdb-node').defaults({ prefix: local + '/' });
    const remote = server.url.replace('http://', 'http://teacher:tea-pw@') + db;
    const laptop = new PouchDB('laptop');
    let r = await laptop.put(experiment('r5'));
    for (const name of ['two', 'three']) r = await laptop.put({ ...experiment('r5', { name }), _rev: r.rev });
    await laptop.replicate.to(remote);
    r = await laptop.put({ ...experiment('r5', { name: 'four' }), _rev: r.rev });
    const pushed = await laptop.replicate.to(remote);
    expect(pushed.docs_written).toBe(1);
    const phone = new PouchDB('phone');
    await phone.replicate.from(remote, { doc_ids: ['experiment:r5'] });
    const got = await phone.get('experiment:r5', { revs: true, conflicts: true });
    expect([got._rev, got.name, got._conflicts]).toEqual([r.rev, 'four', undefined]);
    expect(got._revisions.ids).toHaveLength(4);
    await Promise.all([laptop.close(), phone.close()]);
  }, 30_000);
});

describe('CORS for the app origin given to setup', () => {
  it('answers a preflight from the app origin with credentials allowed, and ignores other origins', async () => {
    const pre = await http('OPTIONS', db, { headers: { origin: 'http://127.0.0.1:4173', 'access-control-request-method': 'PUT' } });
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4173');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await http('GET', db, { auth: STUDENT, headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('npm run sync:setup wiring', () => {
  const setup = (args: string[]) =>
    new Promise<{ code: number | null; out: string }>((done) => {
      const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/sync-setup.ts', ...args], { cwd: root });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.on('exit', (code) => done({ code, out }));
    });
  it('prints JSON naming the database (exit 0), and a bad flag as an error value (exit 2)', async () => {
    const ok = await setup(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'Wiring Check', '--viewer', 'w1:pw']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, database: 'rfo-ws-wiring-check', users: [{ name: 'w1', role: 'viewer', created: true }] });
    expect(ok.out).not.toContain('pw');
    const bad = await setup(['--url', server.url, '--admin', 'root:root-pw', '--workspace', 'x', '--colour', 'red']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out)).toMatchObject({ ok: false, error: { code: 'bad-input', field: '--colour' } });
  }, 60_000);
});

describe('npm run sync:server wiring', () => {
  it('prints a line with its URL once it accepts requests, and stops on SIGTERM', async () => {
    const d2 = mkdtempSync(join(tmpdir(), 'rfo-sync-cli-'));
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/sync-server.ts', '--port', '0', '--dir', d2, '--admin', 'a:b'], { cwd: root });
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = '';
        child.stdout.on('data', (c) => {
          out += c;
          if (out.includes('\n')) done(out.split('\n')[0]);
        });
        child.on('exit', (code) => fail(new Error(`exited ${code}`)));
        setTimeout(() => fail(new Error('no URL line within 30 s')), 30_000);
      });
      const url = JSON.parse(line).url as string;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const r = await fetch(new URL('_session', url), { headers: { authorization: basic('a', 'b') } });
      expect(((await r.json()) as { userCtx: { roles: string[] } }).userCtx.roles).toContain('_admin');
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      rmSync(d2, { recursive: true, force: true });
    }
  }, 60_000);
});
