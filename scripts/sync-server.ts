// `npm run sync:server -- --port N --dir DIR --admin NAME:PASSWORD` (issue 17): a local
// CouchDB-compatible server for development and small self-hosting, on 127.0.0.1 with its data in
// DIR (LevelDB files, one folder per database). Prints {"ok":true,"url":"http://127.0.0.1:N/",…}
// once it accepts requests; `--port 0` picks a free port (the line names it).
//
// The database server is express-pouchdb (the HTTP layer of pouchdb-server) over pouchdb-node.
// It enforces _users/_session authentication, `_security` objects (readers and database admins by
// names and roles) and validate_doc_update functions. In front of it sits a small guard, reached
// by the clients, that forwards to express-pouchdb over a Unix socket in DIR (so nothing can go
// around it) and adds what express-pouchdb lacks or does unsafely:
// - the `_users` database: CouchDB lets a user read only their own user document and never change
//   their roles; express-pouchdb lets a user give themselves any role. Here only server admins
//   may write `_users` (they create the users: `npm run sync:setup`), and a user reads only their own.
// - design documents: express-pouchdb runs their functions unsandboxed in this process, so only
//   server admins may write them (CouchDB runs them sandboxed and also lets database admins).
// - CORS from the `[cors]` config section (CouchDB's names: httpd/enable_cors, cors/origins,
//   cors/credentials), which express-pouchdb does not implement.
// - the config API at CouchDB 3.x's address `/_node/_local/_config/…`, so setup speaks one dialect.
// - replication writes (`new_edits: false`) keep the revision history they carry, and `_bulk_docs`
//   answers in the order of the documents sent, both of which express-pouchdb's validation plugin
//   broke (couchCompatibleWrites); a PUT with ?new_edits=false, which express-pouchdb stores as a
//   revision of its own, is refused.
// It is not for production: no HTTPS, one process, no compaction schedule (README "Teams").
import { mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { isMainModule } from './cli-engine.ts';

const require = createRequire(import.meta.url);

export interface SyncServerOptions {
  port: number;
  dir: string;
  admin: { name: string; password: string };
  host?: string;
}

export interface SyncServer {
  url: string;
  close(): Promise<void>;
}

type Failure = { ok: false; error: { code: string; message: string; field: string } };
const bad = (message: string, field: string): Failure => ({ ok: false, error: { code: 'bad-input', message, field } });

/** NAME:PASSWORD → {name, password}; the name may not hold a colon (the password may). */
export function parseCredentials(text: string | undefined, field: string): { ok: true; value: { name: string; password: string } } | Failure {
  const i = text === undefined ? -1 : text.indexOf(':');
  if (text === undefined || i <= 0 || i === text.length - 1) {
    return bad(`${field} must be NAME:PASSWORD (got ${text === undefined ? 'nothing' : JSON.stringify(text.replace(/:.*/, ':…'))})`, field);
  }
  return { ok: true, value: { name: text.slice(0, i), password: text.slice(i + 1) } };
}

export function parseServerArgs(args: string[]): { ok: true; value: SyncServerOptions } | Failure {
  const seen: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== '--port' && a !== '--dir' && a !== '--admin') return bad(`unknown flag ${JSON.stringify(a)} (expected --port N --dir DIR --admin NAME:PASSWORD)`, a);
    if (args[i + 1] === undefined) return bad(`${a} needs a value`, a.slice(2));
    seen[a.slice(2)] = args[++i];
  }
  const port = Number(seen.port);
  if (seen.port === undefined || !/^\d+$/.test(seen.port) || port > 65535) return bad(`--port must be a whole number from 0 to 65535 (got ${JSON.stringify(seen.port ?? null)})`, 'port');
  if (!seen.dir) return bad('--dir must name the folder for the data', 'dir');
  const admin = parseCredentials(seen.admin, 'admin');
  if (!admin.ok) return admin;
  return { ok: true, value: { port, dir: resolve(seen.dir), admin: admin.value } };
}

/** A database as express-pouchdb's wrappers leave it (pouchdb-wrappers keeps each method's handler chain in `_handlers`). */
interface WrappedDb {
  bulkDocs: WrappedMethod;
  put: WrappedMethod;
}
type WrappedMethod = ((...args: unknown[]) => unknown) & { _handlers?: ((orig: () => unknown, args: { docs?: unknown }) => unknown)[] };

/** Each document object as written, and the `_revisions` it arrived with (undefined: none). */
const sentRevisions = new WeakMap<object, unknown>();

/**
 * Writes as CouchDB makes them, where express-pouchdb's validation plugin (pouchdb-validation 4.2)
 * does otherwise; validation still runs on every document.
 * - Replication writes (`new_edits: false`, what every CouchDB replicator sends: PouchDB's, CouchDB's
 *   own) carry each revision's ancestry in `_revisions`. The plugin overwrote that field with the
 *   stored document's ancestry before it validated, so a replicated edit was recorded as the
 *   revision already stored: the edit was lost and the history cut. Here each document's
 *   `_revisions` is noted as it arrives (before any wrapper) and put back after the validation
 *   wrappers, just before the write.
 * - `_bulk_docs` answers in the order of the documents sent. The plugin answered in the order its
 *   checks finished (19 of 20 batches of 30 came back shuffled), so a client matching answers to
 *   documents by position gave one document another's revision.
 */
function couchCompatibleWrites(db: WrappedDb): void {
  const validating = db.bulkDocs;
  if (!validating._handlers) return; // no validation plugin: nothing overwrites the field
  const note = (doc: unknown) => {
    if (doc && typeof doc === 'object' && !sentRevisions.has(doc)) sentRevisions.set(doc, (doc as { _revisions?: unknown })._revisions);
  };
  const docsOf = (arg: unknown): unknown[] => {
    const docs = Array.isArray(arg) ? arg : (arg as { docs?: unknown } | null)?.docs;
    return Array.isArray(docs) ? docs : [];
  };
  const put = db.put;
  db.put = Object.assign(function (this: unknown, ...args: unknown[]) {
    note(args[0]);
    return put.apply(this, args);
  }, { _handlers: put._handlers });
  db.bulkDocs = Object.assign(function (this: unknown, ...args: unknown[]) {
    const docs = docsOf(args[0]);
    docs.forEach(note);
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const done = args[last] as (err: unknown, res?: unknown) => void;
      args[last] = (err: unknown, res?: unknown) => done(err, err ? res : inRequestOrder(docs, res));
    }
    const out = validating.apply(this, args);
    return out instanceof Promise ? out.then((res) => inRequestOrder(docs, res)) : out;
  }, { _handlers: validating._handlers });
  // the innermost handler: runs after validation, right before the write
  validating._handlers.push((write, args) => {
    for (const doc of docsOf(args)) {
      if (!doc || typeof doc !== 'object' || !sentRevisions.has(doc)) continue;
      const sent = sentRevisions.get(doc);
      if (sent === undefined) delete (doc as { _revisions?: unknown })._revisions;
      else (doc as { _revisions?: unknown })._revisions = sent;
    }
    return write();
  });
}

/** A `_bulk_docs` answer put in the order of the documents sent (matched by id, each answer used once). */
function inRequestOrder(docs: unknown[], answers: unknown): unknown {
  if (!Array.isArray(answers)) return answers;
  const left = [...answers] as ({ id?: unknown } | null)[];
  const ordered: unknown[] = [];
  for (const d of docs) {
    const id = (d as { _id?: unknown } | null)?._id;
    const k = left.findIndex((a) => a?.id === id);
    if (k >= 0) ordered.push(left.splice(k, 1)[0]);
  }
  return [...ordered, ...left];
}

interface UserCtx {
  name: string | null;
  roles: string[];
}

function send(res: http.ServerResponse, status: number, body: object, headers: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body) + '\n');
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const parts: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        done(null);
        req.destroy();
      } else parts.push(c);
    });
    req.on('end', () => done(Buffer.concat(parts)));
    req.on('error', fail);
  });
}

/** Largest request body the guard reads to inspect (a _bulk_docs batch of synced documents). */
const MAX_INSPECTED_BODY = 64 * 1024 * 1024;

/** Starts the server; resolves once it accepts requests. */
export async function startSyncServer(opts: SyncServerOptions): Promise<SyncServer> {
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(opts.dir, { recursive: true });
  const PouchDB = require('pouchdb-node').defaults({ prefix: opts.dir.replace(/\/?$/, '/') });
  const expressPouchDB = require('express-pouchdb');
  const app = expressPouchDB(PouchDB, {
    mode: 'fullCouchDB',
    configPath: join(opts.dir, 'config.json'),
    logPath: join(opts.dir, 'log.txt'),
  });
  app.dbWrapper.registerWrapper((_name: string, db: WrappedDb, next: () => void) => {
    couchCompatibleWrites(db);
    next();
  });
  await new Promise<void>((done) => app.couchConfig.set('admins', opts.admin.name, opts.admin.password, () => done()));
  await new Promise<void>((done) => app.couchConfig.set('log', 'level', 'warning', () => done()));

  // express-pouchdb listens on a socket in DIR (or the temp folder when DIR's path is too long for one).
  let socketPath = join(opts.dir, '.rfo-sync.sock');
  if (socketPath.length > 100) socketPath = join(tmpdir(), `rfo-sync-${process.pid}-${Date.now()}.sock`);
  rmSync(socketPath, { force: true });
  const inner = http.createServer(app);
  await new Promise<void>((done) => inner.listen(socketPath, done));

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer | null, extra: http.OutgoingHttpHeaders) => {
    const headers = { ...req.headers };
    if (body) headers['content-length'] = String(body.length);
    const up = http.request({ socketPath, method: req.method, path: req.url, headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, { ...r.headers, ...extra });
      r.pipe(res);
    });
    up.on('error', (e) => {
      if (!res.headersSent) send(res, 502, { error: 'bad_gateway', reason: e.message });
      else res.destroy();
    });
    res.on('close', () => up.destroy());
    if (body) up.end(body);
    else req.pipe(up);
  };

  const userOf = (req: http.IncomingMessage): Promise<UserCtx> =>
    new Promise((done) => {
      const headers: http.OutgoingHttpHeaders = {};
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      if (req.headers.cookie) headers.cookie = req.headers.cookie;
      http
        .get({ socketPath, path: '/_session', headers }, (r) => {
          let t = '';
          r.on('data', (c) => (t += c));
          r.on('end', () => {
            try {
              const ctx = JSON.parse(t).userCtx;
              done({ name: ctx?.name ?? null, roles: Array.isArray(ctx?.roles) ? ctx.roles : [] });
            } catch {
              done({ name: null, roles: [] });
            }
          });
        })
        .on('error', () => done({ name: null, roles: [] }));
    });

  const corsHeaders = (req: http.IncomingMessage): http.OutgoingHttpHeaders => {
    const origin = req.headers.origin;
    const cfg = app.couchConfig;
    if (!origin || String(cfg.get('httpd', 'enable_cors')) !== 'true') return {};
    const origins = String(cfg.get('cors', 'origins') ?? '').split(',').map((s) => s.trim());
    const credentials = String(cfg.get('cors', 'credentials')) === 'true';
    if (!origins.includes(origin) && !(origins.includes('*') && !credentials)) return {};
    return {
      'access-control-allow-origin': origin,
      ...(credentials ? { 'access-control-allow-credentials': 'true' } : {}),
      'access-control-expose-headers': 'content-type, cache-control, etag, x-couch-request-id, x-couchdb-body-time',
      vary: 'Origin',
    };
  };

  const outer = http.createServer(async (req, res) => {
    try {
      const cors = corsHeaders(req);
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        res.writeHead(204, {
          ...cors,
          'access-control-allow-methods': 'GET, HEAD, POST, PUT, DELETE, COPY, OPTIONS',
          'access-control-allow-headers': 'accept, authorization, content-type, origin, referer, x-csrf-token',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://x');
      // CouchDB 3.x's config address → express-pouchdb's
      url.pathname = url.pathname.replace(/^\/_node\/(_local|nonode@nohost)\/_config(\/|$)/, '/_config$2');
      req.url = url.pathname + url.search;
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      // express-pouchdb reads ?new_edits=false on a PUT as the text "false" and stores a revision of
      // its own instead of the one sent. Replicators send attachment-free documents (all of this
      // app's) by _bulk_docs, which is handled right; this form is refused rather than mis-stored.
      if (req.method === 'PUT' && url.searchParams.get('new_edits') === 'false') {
        return send(res, 400, { error: 'bad_request', reason: 'PUT with new_edits=false is not supported by this local server; send replicated revisions with POST /{db}/_bulk_docs and "new_edits": false' }, cors);
      }
      const write = req.method !== 'GET' && req.method !== 'HEAD';
      const db = parts[0] ?? '';
      const refuse = (reason: string) => send(res, 403, { error: 'forbidden', reason }, cors);

      // a design document is reached by path (/db/_design/x, or /db/_design%2Fx decoded), or in the
      // body of POST /db and POST /db/_bulk_docs
      const designPath = parts[1] !== undefined && parts[1].startsWith('_design');
      const bodyWrite = req.method === 'POST' && (parts.length === 1 || parts[1] === '_bulk_docs');
      const needsUser = (db === '_users' && parts.length > 1) || (write && !db.startsWith('_') && (designPath || bodyWrite));
      if (!needsUser) return forward(req, res, null, cors);
      const user = await userOf(req);
      if (user.roles.includes('_admin')) return forward(req, res, null, cors);

      if (db === '_users') {
        if (write) return refuse('only server admins may create or change users on this server (npm run sync:setup)');
        if (parts[1] !== `org.couchdb.user:${user.name}` || user.name === null) return refuse('you may read only your own user document');
        return forward(req, res, null, cors);
      }
      if (designPath) return refuse('only server admins may change design documents on this server');
      // POST /db or /db/_bulk_docs: read the body, refuse design documents in it, forward the same bytes
      const body = await readBody(req, MAX_INSPECTED_BODY);
      if (body === null) return send(res, 413, { error: 'too_large', reason: `the request is larger than ${MAX_INSPECTED_BODY} bytes` }, cors);
      let docs: unknown;
      try {
        const parsed = JSON.parse(body.toString('utf8'));
        docs = parts.length === 1 ? [parsed] : parsed?.docs;
      } catch {
        return send(res, 400, { error: 'bad_request', reason: 'invalid UTF-8 JSON' }, cors);
      }
      if (Array.isArray(docs) && docs.some((d) => typeof d?._id === 'string' && d._id.startsWith('_design/'))) {
        return refuse('only server admins may change design documents on this server');
      }
      return forward(req, res, body, cors);
    } catch (e) {
      if (!res.headersSent) send(res, 500, { error: 'internal', reason: e instanceof Error ? e.message : String(e) });
    }
  });
  await new Promise<void>((done, fail) => {
    outer.once('error', fail);
    outer.listen(opts.port, host, () => done());
  });
  const addr = outer.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${host}:${port}/`,
    close: async () => {
      outer.closeAllConnections();
      await new Promise((done) => outer.close(done));
      inner.closeAllConnections();
      await new Promise((done) => inner.close(done));
      rmSync(socketPath, { force: true });
    },
  };
}

/** Runs the sync:server command: starts and keeps running; resolves to 2 on bad flags or a failed start. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseServerArgs(args);
  if (!parsed.ok) {
    console.log(JSON.stringify(parsed));
    return 2;
  }
  try {
    const server = await startSyncServer(parsed.value);
    console.log(JSON.stringify({ ok: true, url: server.url, dir: parsed.value.dir, admin: parsed.value.admin.name }));
    const stop = () => void server.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.log(JSON.stringify({ ok: false, error: { code: 'start-failed', message: `the sync server did not start: ${message}`, field: 'port' } }));
    return 2;
  }
}

if (isMainModule(import.meta.url)) {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exit(code);
}
