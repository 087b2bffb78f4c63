// Workspace naming, roles and the validation rules: the server's ES5 validate_doc_update and the
// app's syncDocProblem must agree on every document (one set of rules, two languages).
import { describe, expect, it } from 'vitest';
import {
  roleIn,
  syncDocProblem,
  validateDocUpdateSource,
  workspaceDbName,
  MAX_SYNC_DOC_CHARS,
} from '../../app/domain/sync-workspace.ts';
import { EXPERIMENT_TYPE, EXPERIMENT_VERSION } from '../../app/domain/experiment.ts';

describe('workspaceDbName', () => {
  it('makes rfo-ws-<slug> from a readable name', () => {
    expect(workspaceDbName('Physics 101 (2026)')).toEqual({ ok: true, value: 'rfo-ws-physics-101-2026' });
    expect(workspaceDbName('  Équipe Fusée! ')).toEqual({ ok: true, value: 'rfo-ws-equipe-fusee' });
    expect(workspaceDbName('a'.repeat(100))).toEqual({ ok: true, value: 'rfo-ws-' + 'a'.repeat(60) });
  });
  it('refuses a name with no letter or digit, naming the value', () => {
    const r = workspaceDbName('--!!--');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatchObject({ field: 'workspace', message: expect.stringContaining('"--!!--"') });
  });
});

describe('roleIn', () => {
  it('reads the strongest workspace role, ignoring other workspaces', () => {
    const db = 'rfo-ws-a';
    expect(roleIn(db, ['rfo-ws-a:viewer'])).toBe('viewer');
    expect(roleIn(db, ['rfo-ws-a:viewer', 'rfo-ws-a:member'])).toBe('member');
    expect(roleIn(db, ['rfo-ws-b:admin'])).toBeNull();
    expect(roleIn(db, ['_admin'])).toBe('admin');
  });
});

type Validate = (n: unknown, o: unknown, u: unknown, s: unknown) => void;
const db = 'rfo-ws-t';
// The server's function, evaluated as CouchDB would: source text → function.
const serverValidate = new Function(`return (${validateDocUpdateSource(db)});`)() as Validate;
const serverProblem = (doc: unknown, roles = [`${db}:member`]): string | null => {
  try {
    serverValidate(doc, null, { name: 'u', roles }, {});
    return null;
  } catch (e) {
    return (e as { forbidden: string }).forbidden;
  }
};

const good = (extra: Record<string, unknown> = {}) => ({ _id: 'experiment:e', id: 'e', type: EXPERIMENT_TYPE, version: 3, name: 'Good', ...extra });

const CASES: [string, unknown][] = [
  ['good', good()],
  ['good v1', good({ version: 1 })],
  ['prose with < in notes', good({ notes: 'a < b' })],
  ['script in name', good({ name: '<script>x</script>' })],
  ['control char in tag', good({ tags: ['a\u0001'] })],
  ['__proto__', JSON.parse('{"_id":"experiment:e","id":"e","type":"rocket-fuel-optimizer/experiment","version":3,"name":"p","__proto__":{"a":1}}')],
  ['prototype deep', good({ inputs: { a: [{ prototype: 1 }] } })],
  ['oversize', good({ notes: 'x'.repeat(MAX_SYNC_DOC_CHARS) })],
  ['version 0', good({ version: 0 })],
  ['version 3.5', good({ version: 3.5 })],
  ['version string', good({ version: '3' })],
  ['newer version', good({ version: EXPERIMENT_VERSION + 1 })],
  ['wrong type', good({ type: 'x' })],
  ['type toString', good({ type: 'toString' })],
  ['no id', good({ id: undefined })],
  ['id mismatch', good({ _id: 'experiment:f' })],
  ['long name', good({ name: 'n'.repeat(121) })],
  ['name not text', good({ name: 5 })],
  // the records attachment: stubs (as CouchDB shows a stored one) or inline data, not counted in the size
  ['good with records stub', good({ _attachments: { 'records.json': { content_type: 'application/json', stub: true, length: 9e6, digest: 'md5-abc=' } } })],
  ['good with records data', good({ _attachments: { 'records.json': { content_type: 'application/json', data: 'e30'.repeat(MAX_SYNC_DOC_CHARS) } } })],
  ['another attachment', good({ _attachments: { 'x.html': { content_type: 'text/html', data: 'PGI+' } } })],
  ['records of another type', good({ _attachments: { 'records.json': { content_type: 'text/html', data: 'e30=' } } })],
  ['two attachments', good({ _attachments: { 'records.json': { content_type: 'application/json', data: 'e30=' }, 'y.json': { content_type: 'application/json', data: 'e30=' } } })],
  ['attachments not an object', good({ _attachments: 'x' })],
];

describe('shape rules: server function and app function agree', () => {
  it.each(CASES)('%s', (label, doc) => {
    const app = syncDocProblem(doc as Record<string, unknown>);
    expect(serverProblem(doc)).toBe(app);
    expect(app === null).toBe(label.startsWith('good') || label.startsWith('prose'));
  });

  it('names the field and value', () => {
    expect(syncDocProblem(good({ tags: ['ok', '<b>'] }))).toBe('document.tags.1 contains markup or control characters (got "<b>")');
    expect(syncDocProblem(good({ version: 9 }))).toBe('version must be a whole number from 1 to 4 (got 9)');
  });
});

describe('write permission in the server function', () => {
  it('refuses viewers, outsiders and anonymous users; lets members, workspace admins and server admins write', () => {
    expect(serverProblem(good(), [`${db}:viewer`])).toMatch(/may only read workspace rfo-ws-t/);
    expect(serverProblem(good(), ['rfo-ws-other:member'])).toMatch(/may only read/);
    expect(serverProblem(good(), [])).toMatch(/may only read/);
    expect(serverProblem(good(), [`${db}:admin`])).toBeNull();
    expect(serverProblem(good(), ['_admin'])).toBeNull();
  });
  it('refuses a document naming another user as its author (modifiedBy), except from a server admin', () => {
    expect(serverProblem(good({ modifiedBy: 'u', modifiedAt: '2026-12-02T08:00:00.000Z' }))).toBeNull();
    expect(serverProblem(good({ modifiedBy: 'teacher' }))).toBe('modifiedBy must be the name of the user writing ("u"), got "teacher"');
    expect(serverProblem({ _id: 'experiment:e', _deleted: true, modifiedBy: 'teacher' })).toMatch(/modifiedBy must be the name of the user writing/);
    expect(serverProblem(good({ modifiedBy: 'teacher' }), ['_admin'])).toBeNull();
  });
  it('lets a member delete (a tombstone carries no shape)', () => {
    expect(serverProblem({ _id: 'experiment:e', _deleted: true })).toBeNull();
    expect(serverProblem({ _id: 'experiment:e', _deleted: true }, [`${db}:viewer`])).toMatch(/may only read/);
  });
});
