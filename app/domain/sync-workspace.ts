// Team workspaces on a CouchDB server (issue 17): how a workspace is named on the server, the roles
// that give access to it, its security object and the validation function that the server runs on
// every write. Pure: used by the setup command (scripts/sync-setup.ts) and by the app's sync engine.
//
// A workspace is one database `rfo-ws-<slug>`. Roles are per workspace, so one user can be a member
// of a team and a viewer in a class: `<db>:admin` (manages members: a database admin),
// `<db>:member` (reads and writes), `<db>:viewer` (reads only). The server enforces them: the
// security object lets only these roles read, and the validation function refuses writes from
// anyone who is not a member or admin, and documents that fail the shape rules below.
import { EXPERIMENT_TYPE, EXPERIMENT_VERSION, LIMITS } from './experiment.ts';
import { err, ok, type Result } from './result.ts';

export const WORKSPACE_DB_PREFIX = 'rfo-ws-';
/** Longest slug: CouchDB allows 238 characters in a database name; ours stay readable. */
export const MAX_SLUG_CHARS = 60;
/** Largest synced document, characters of JSON (UTF-16 units, as JSON.stringify counts them): the same cap as a share link's inflated JSON. */
export const MAX_SYNC_DOC_CHARS = 256 * 1024;
/** Deepest nesting accepted in a synced document (an experiment needs fewer than 10 levels). */
export const MAX_SYNC_DEPTH = 32;
/**
 * An experiment's results and models travel as one attachment of its document: the experiment file
 * (backup.ts, exportExperimentFile), read back through the same import path as a file. Attachments
 * are not counted in MAX_SYNC_DOC_CHARS; this one is at most MAX_RECORDS_BYTES, checked on arrival.
 */
export const RECORDS_ATTACHMENT = 'records.json';
export const RECORDS_CONTENT_TYPE = 'application/json';
/** Largest records attachment a device takes (a 10,000-point sweep with every column is ~3 MB). */
export const MAX_RECORDS_BYTES = 32 * 1024 * 1024;
/** Keys that could poison an object's prototype when merged by careless code: refused anywhere. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** The type a custom propellant names on the server (it is stored without one on the device). */
export const PROPELLANT_DOC_TYPE = 'rocket-fuel-optimizer/propellant';
/** Version of the propellant document on the server: the device's Propellant record, plus type and version. */
export const PROPELLANT_DOC_VERSION = 1;

/** Document kinds that travel through a workspace: the type a document names, and its `_id` prefix. */
export const SYNC_KINDS = {
  [EXPERIMENT_TYPE]: { prefix: 'experiment:', maxVersion: EXPERIMENT_VERSION },
  [PROPELLANT_DOC_TYPE]: { prefix: 'propellant:', maxVersion: PROPELLANT_DOC_VERSION },
} as const;

export type WorkspaceRole = 'admin' | 'member' | 'viewer';
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['admin', 'member', 'viewer'];

/** `Physics 101 (2026)` → `rfo-ws-physics-101-2026`; an error naming the value when nothing is left. */
export function workspaceDbName(name: string): Result<string> {
  if (typeof name !== 'string') return err('bad-input', `workspace name must be text (got ${typeof name})`, 'workspace');
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/-+$/, '');
  if (!slug) return err('bad-input', `workspace name must contain a letter or digit (got ${JSON.stringify(name)})`, 'workspace');
  return ok(WORKSPACE_DB_PREFIX + slug);
}

/** The CouchDB role names of a workspace database. */
export function workspaceRoles(db: string): Record<WorkspaceRole, string> {
  return { admin: `${db}:admin`, member: `${db}:member`, viewer: `${db}:viewer` };
}

/** Which workspace role a user's CouchDB roles give in `db` (the strongest); null when none. */
export function roleIn(db: string, roles: readonly string[]): WorkspaceRole | null {
  if (roles.includes('_admin')) return 'admin';
  const r = workspaceRoles(db);
  return WORKSPACE_ROLES.find((k) => roles.includes(r[k])) ?? null;
}

/** The `_security` object: database admins by the admin role, readers by any of the three roles. */
export function securityObject(db: string) {
  const r = workspaceRoles(db);
  return {
    admins: { names: [] as string[], roles: [r.admin] },
    members: { names: [] as string[], roles: [r.admin, r.member, r.viewer] },
  };
}

export const VALIDATION_DDOC_ID = '_design/rfo-validation';

/**
 * The validate_doc_update function (ES5 source, as CouchDB's JavaScript engine runs it). Writers
 * must hold `_admin`, `<db>:admin` or `<db>:member`; documents must pass the same shape rules as
 * `syncDocProblem` (a unit test runs both on the same documents).
 */
export function validateDocUpdateSource(db: string): string {
  const r = workspaceRoles(db);
  const cfg = {
    writers: ['_admin', r.admin, r.member],
    workspace: db,
    maxBytes: MAX_SYNC_DOC_CHARS,
    maxDepth: MAX_SYNC_DEPTH,
    forbidden: FORBIDDEN_KEYS,
    kinds: SYNC_KINDS,
    nameMax: LIMITS.name,
    records: RECORDS_ATTACHMENT,
    recordsType: RECORDS_CONTENT_TYPE,
  };
  return `function (newDoc, oldDoc, userCtx, secObj) {
  var C = ${JSON.stringify(cfg)};
  var roles = (userCtx && userCtx.roles) || [];
  var i, ok = false;
  for (i = 0; i < C.writers.length; i++) if (roles.indexOf(C.writers[i]) !== -1) ok = true;
  if (!ok) throw({ forbidden: 'user ' + JSON.stringify(userCtx && userCtx.name) + ' may only read workspace ' + C.workspace + ' (writing needs the member or admin role)' });
  // the author a document names is the user writing it (server admins may restore others' documents)
  if (newDoc.modifiedBy !== undefined && newDoc.modifiedBy !== (userCtx && userCtx.name) && roles.indexOf('_admin') === -1) throw({ forbidden: 'modifiedBy must be the name of the user writing (' + JSON.stringify(userCtx && userCtx.name) + '), got ' + JSON.stringify(String(newDoc.modifiedBy).slice(0, 40)) });
  if (newDoc._deleted === true) return;
  ${SHAPE_CHECK_ES5}
  var problem = shapeProblem(newDoc, C);
  if (problem) throw({ forbidden: problem });
}`;
}

// The shape rules in ES5, shared word for word by the server function above; syncDocProblem below
// is the same rules in TypeScript for the app, and tests/unit/sync-setup.test.ts runs both.
const SHAPE_CHECK_ES5 = `function shapeProblem(doc, C) {
    var atts = doc._attachments;
    if (atts !== undefined) {
      var names = atts && typeof atts === 'object' && !Array.isArray(atts) ? Object.keys(atts) : [null];
      if (names.length !== 1 || names[0] !== C.records || !atts[C.records] || atts[C.records].content_type !== C.recordsType) return 'the only attachment allowed is ' + JSON.stringify(C.records) + ' of type ' + C.recordsType + ' (got ' + JSON.stringify(names).slice(0, 80) + ')';
    }
    // the attachment is not counted (its content is checked where it is read)
    var size = JSON.stringify(doc).length - (atts === undefined ? 0 : JSON.stringify(atts).length);
    if (size > C.maxBytes) return 'document ' + JSON.stringify(String(doc._id).slice(0, 60)) + ' is ' + size + ' characters of JSON (at most ' + C.maxBytes + ')';
    var bad = scan(doc, 'document', 0);
    if (bad) return bad;
    var kind = C.kinds[doc.type];
    if (typeof doc.type !== 'string' || !kind || !Object.prototype.hasOwnProperty.call(C.kinds, doc.type)) return 'type must be one of ' + Object.keys(C.kinds).join(', ') + ' (got ' + JSON.stringify(doc.type) + ')';
    if (typeof doc.version !== 'number' || doc.version % 1 !== 0 || doc.version < 1 || doc.version > kind.maxVersion) return 'version must be a whole number from 1 to ' + kind.maxVersion + ' (got ' + JSON.stringify(doc.version) + ')';
    if (typeof doc.id !== 'string' || doc._id !== kind.prefix + doc.id) return '_id must be ' + JSON.stringify(kind.prefix) + ' followed by the id field (got ' + JSON.stringify(doc._id) + ')';
    if (typeof doc.name !== 'string' || doc.name.length > C.nameMax) return 'name must be text of at most ' + C.nameMax + ' characters';
    return null;
    function scan(v, path, depth) {
      if (depth > C.maxDepth) return path + ' is nested deeper than ' + C.maxDepth + ' levels';
      if (typeof v === 'string') return /[<>\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]/.test(v) && path.indexOf('.notes') === -1 && path.indexOf('.description') === -1 ? path + ' contains markup or control characters (got ' + JSON.stringify(v.slice(0, 40)) + ')' : null;
      if (!v || typeof v !== 'object') return null;
      var keys = Object.keys(v), j, k, p;
      for (j = 0; j < keys.length; j++) {
        k = keys[j];
        if (depth === 0 && k === '_attachments') continue;
        if (C.forbidden.indexOf(k) !== -1) return path + ' has the forbidden key ' + JSON.stringify(k);
        p = scan(v[k], path + '.' + k, depth + 1);
        if (p) return p;
      }
      return null;
    }
  }`;

interface ShapeConfig {
  maxBytes: number;
  maxDepth: number;
  forbidden: readonly string[];
  kinds: Record<string, { prefix: string; maxVersion: number }>;
  nameMax: number;
}

const SHAPE: ShapeConfig = { maxBytes: MAX_SYNC_DOC_CHARS, maxDepth: MAX_SYNC_DEPTH, forbidden: FORBIDDEN_KEYS, kinds: SYNC_KINDS, nameMax: LIMITS.name };

// Markup (`<`, `>`) and control characters other than tab and newlines: refused in every text
// field except free prose (notes, description), which the UI renders as text anyway.
const MARKUP = /[<>\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

function scan(v: unknown, path: string, depth: number): string | null {
  if (depth > SHAPE.maxDepth) return `${path} is nested deeper than ${SHAPE.maxDepth} levels`;
  if (typeof v === 'string') {
    return MARKUP.test(v) && !path.includes('.notes') && !path.includes('.description')
      ? `${path} contains markup or control characters (got ${JSON.stringify(v.slice(0, 40))})`
      : null;
  }
  if (!v || typeof v !== 'object') return null;
  for (const k of Object.keys(v)) {
    if (depth === 0 && k === '_attachments') continue;
    if (SHAPE.forbidden.includes(k)) return `${path} has the forbidden key ${JSON.stringify(k)}`;
    const p = scan((v as Record<string, unknown>)[k], `${path}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}

/**
 * Why a workspace document breaks the shape rules (a sentence naming the field and value), or
 * null. The server refuses such a write; the app refuses such a document arriving from a server
 * that does not run our validation function.
 */
export function syncDocProblem(doc: Record<string, unknown>): string | null {
  const atts = doc._attachments;
  if (atts !== undefined) {
    const names = atts && typeof atts === 'object' && !Array.isArray(atts) ? Object.keys(atts) : [null];
    const att = names.length === 1 && names[0] === RECORDS_ATTACHMENT ? (atts as Record<string, { content_type?: unknown } | null>)[RECORDS_ATTACHMENT] : null;
    if (!att || att.content_type !== RECORDS_CONTENT_TYPE) return `the only attachment allowed is ${JSON.stringify(RECORDS_ATTACHMENT)} of type ${RECORDS_CONTENT_TYPE} (got ${JSON.stringify(names).slice(0, 80)})`;
  }
  // the attachment is not counted (its content is checked where it is read)
  const size = JSON.stringify(doc).length - (atts === undefined ? 0 : JSON.stringify(atts).length);
  if (size > SHAPE.maxBytes) return `document ${JSON.stringify(String(doc._id).slice(0, 60))} is ${size} characters of JSON (at most ${SHAPE.maxBytes})`;
  const bad = scan(doc, 'document', 0);
  if (bad) return bad;
  const kind = typeof doc.type === 'string' && Object.prototype.hasOwnProperty.call(SHAPE.kinds, doc.type) ? SHAPE.kinds[doc.type] : undefined;
  if (!kind) return `type must be one of ${Object.keys(SHAPE.kinds).join(', ')} (got ${JSON.stringify(doc.type)})`;
  const v = doc.version;
  if (typeof v !== 'number' || v % 1 !== 0 || v < 1 || v > kind.maxVersion) return `version must be a whole number from 1 to ${kind.maxVersion} (got ${JSON.stringify(v)})`;
  if (typeof doc.id !== 'string' || doc._id !== kind.prefix + doc.id) return `_id must be ${JSON.stringify(kind.prefix)} followed by the id field (got ${JSON.stringify(doc._id)})`;
  if (typeof doc.name !== 'string' || doc.name.length > SHAPE.nameMax) return `name must be text of at most ${SHAPE.nameMax} characters`;
  return null;
}
