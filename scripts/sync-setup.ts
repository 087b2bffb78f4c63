// `npm run sync:setup -- --url URL --admin NAME:PASSWORD --workspace NAME [--member NAME:PASSWORD]…
// [--viewer NAME:PASSWORD]… [--workspace-admin NAME:PASSWORD]… [--origin ORIGIN]…` (issue 17):
// prepares a workspace on a CouchDB 3.x server (or `npm run sync:server`) with plain HTTP calls:
// the database (README "Teams": `rfo-ws-<slug>`), its users with their workspace roles, the
// `_security` object, the validation function, and CORS for the app's origins. Running it again
// updates passwords and roles and keeps the data. Prints {"ok":true,"database":…,…}; passwords are
// never printed. Exit status 0 when done, 1 when the server refused or failed, 2 on bad flags.
import { isMainModule } from './cli-engine.ts';
import { parseCredentials } from './sync-server.ts';
import {
  securityObject,
  validateDocUpdateSource,
  VALIDATION_DDOC_ID,
  workspaceDbName,
  workspaceRoles,
  type WorkspaceRole,
} from '../app/domain/sync-workspace.ts';

export interface SetupSpec {
  url: string;
  admin: { name: string; password: string };
  workspace: string;
  users: { name: string; password: string; role: WorkspaceRole }[];
  origins: string[];
}

type Failure = { ok: false; error: { code: string; message: string; field?: string } };
const bad = (message: string, field: string): Failure => ({ ok: false, error: { code: 'bad-input', message, field } });

const USER_FLAGS: Record<string, WorkspaceRole> = { '--member': 'member', '--viewer': 'viewer', '--workspace-admin': 'admin' };

export function parseSetupArgs(args: string[]): { ok: true; value: SetupSpec } | Failure {
  let url: string | undefined, admin: string | undefined, workspace: string | undefined;
  const users: SetupSpec['users'] = [];
  const origins: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = args[i + 1];
    if (!['--url', '--admin', '--workspace', '--origin', ...Object.keys(USER_FLAGS)].includes(a)) {
      return bad(`unknown flag ${JSON.stringify(a)} (expected --url, --admin, --workspace, --member, --viewer, --workspace-admin, --origin)`, a);
    }
    if (v === undefined) return bad(`${a} needs a value`, a.slice(2));
    i++;
    if (a === '--url') url = v;
    else if (a === '--admin') admin = v;
    else if (a === '--workspace') workspace = v;
    else if (a === '--origin') {
      let o: URL | null = null;
      try {
        o = new URL(v);
      } catch {
        /* reported below */
      }
      if (!o || (o.protocol !== 'http:' && o.protocol !== 'https:')) return bad(`--origin must be an http(s) origin like https://app.example.org (got ${JSON.stringify(v)})`, 'origin');
      origins.push(o.origin);
    } else {
      const c = parseCredentials(v, a.slice(2));
      if (!c.ok) return c;
      if (c.value.name.startsWith('_')) return bad(`${a} user name may not start with "_" (got ${JSON.stringify(c.value.name)})`, a.slice(2));
      if (users.some((u) => u.name === c.value.name)) return bad(`user ${JSON.stringify(c.value.name)} is given twice; each user has one role in a workspace`, a.slice(2));
      users.push({ ...c.value, role: USER_FLAGS[a] });
    }
  }
  let base: URL | null = null;
  try {
    base = url === undefined ? null : new URL(url);
  } catch {
    /* reported below */
  }
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) return bad(`--url must be the server's http(s) address (got ${JSON.stringify(url ?? null)})`, 'url');
  const adm = parseCredentials(admin, 'admin');
  if (!adm.ok) return adm;
  if (workspace === undefined) return bad('--workspace must name the workspace', 'workspace');
  const dbName = workspaceDbName(workspace);
  if (!dbName.ok) return { ok: false, error: dbName.error };
  return { ok: true, value: { url: base.href.replace(/\/?$/, '/'), admin: adm.value, workspace, users, origins } };
}

class ServerError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One admin request; the body of the answer, or a ServerError naming the call and the answer. */
function client(spec: SetupSpec) {
  const auth = 'Basic ' + Buffer.from(`${spec.admin.name}:${spec.admin.password}`).toString('base64');
  return async function call(method: string, path: string, body?: unknown, okStatus: number[] = []): Promise<{ status: number; json: Record<string, unknown> }> {
    let r: Response;
    try {
      r = await fetch(new URL(path, spec.url), {
        method,
        headers: { authorization: auth, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ServerError(`cannot reach ${spec.url} (${e instanceof Error ? (e.cause as Error | undefined)?.message ?? e.message : String(e)})`, 'url');
    }
    const text = await r.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: reported with the status below when it matters */
    }
    if (r.ok || okStatus.includes(r.status)) return { status: r.status, json };
    const reason = `${r.status} ${json.error ?? ''}${json.reason ? `: ${json.reason}` : ''}`.trim();
    throw new ServerError(`${method} ${path} was refused (${reason})`, r.status === 401 ? 'admin' : undefined);
  };
}

export interface SetupReport {
  ok: true;
  database: string;
  workspace: string;
  url: string;
  roles: Record<WorkspaceRole, string>;
  users: { name: string; role: WorkspaceRole; created: boolean }[];
  validation: string;
  cors: { origins: string[] } | null;
}

/** Runs the setup against the server; never throws. */
export async function setupWorkspace(spec: SetupSpec): Promise<SetupReport | Failure> {
  const db = workspaceDbName(spec.workspace);
  if (!db.ok) return { ok: false, error: db.error };
  const name = db.value;
  const roles = workspaceRoles(name);
  const call = client(spec);
  try {
    const session = await call('GET', '_session');
    const ctx = session.json.userCtx as { roles?: unknown } | undefined;
    if (!Array.isArray(ctx?.roles) || !ctx.roles.includes('_admin')) {
      throw new ServerError(`${JSON.stringify(spec.admin.name)} is not a server admin of ${spec.url} (wrong name or password?)`, 'admin');
    }
    await call('PUT', '_users', undefined, [412]); // CouchDB 3.x creates no system databases by itself
    await call('PUT', encodeURIComponent(name), undefined, [412]);

    const users: SetupReport['users'] = [];
    for (const u of spec.users) {
      const id = `_users/${encodeURIComponent(`org.couchdb.user:${u.name}`)}`;
      const old = await call('GET', id, undefined, [404]);
      const keep = old.status === 404 ? [] : (Array.isArray(old.json.roles) ? (old.json.roles as string[]) : []).filter((r) => !Object.values(roles).includes(r));
      const doc = { ...(old.status === 404 ? {} : old.json), _id: `org.couchdb.user:${u.name}`, name: u.name, type: 'user', roles: [...keep, roles[u.role]], password: u.password };
      await call('PUT', id, doc);
      users.push({ name: u.name, role: u.role, created: old.status === 404 });
    }

    await call('PUT', `${encodeURIComponent(name)}/_security`, securityObject(name));
    const ddocPath = `${encodeURIComponent(name)}/${VALIDATION_DDOC_ID}`;
    const oldDdoc = await call('GET', ddocPath, undefined, [404]);
    await call('PUT', ddocPath, {
      ...(oldDdoc.status === 404 ? {} : { _rev: oldDdoc.json._rev }),
      _id: VALIDATION_DDOC_ID,
      language: 'javascript',
      validate_doc_update: validateDocUpdateSource(name),
    });

    let cors: SetupReport['cors'] = null;
    if (spec.origins.length) {
      const cfg = '_node/_local/_config';
      const now = await call('GET', `${cfg}/cors/origins`, undefined, [404]);
      const have = typeof now.json === 'string' ? String(now.json).split(',').map((s) => s.trim()).filter(Boolean) : [];
      const origins = [...new Set([...have.filter((o) => o !== '*'), ...spec.origins])];
      await call('PUT', `${cfg}/httpd/enable_cors`, 'true');
      await call('PUT', `${cfg}/cors/origins`, origins.join(', '));
      await call('PUT', `${cfg}/cors/credentials`, 'true');
      await call('PUT', `${cfg}/cors/methods`, 'GET, PUT, POST, HEAD, DELETE');
      await call('PUT', `${cfg}/cors/headers`, 'accept, authorization, content-type, origin, referer');
      cors = { origins };
    }
    return { ok: true, database: name, workspace: spec.workspace, url: spec.url, roles, users, validation: VALIDATION_DDOC_ID, cors };
  } catch (e) {
    if (e instanceof ServerError) return { ok: false, error: { code: 'server', message: e.message, ...(e.field ? { field: e.field } : {}) } };
    return { ok: false, error: { code: 'setup-failed', message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Runs the sync:setup command; resolves to the exit status. */
export async function main(args: string[]): Promise<number> {
  const spec = parseSetupArgs(args);
  if (!spec.ok) {
    console.log(JSON.stringify(spec));
    return 2;
  }
  const out = await setupWorkspace(spec.value);
  console.log(JSON.stringify(out, null, 1));
  return out.ok ? 0 : 1;
}

if (isMainModule(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
