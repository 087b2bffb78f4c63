// Moving and copying experiments between the personal workspace and a synced team/class workspace
// (issue 17): what a role may not do is refused before anything is written; a move deletes the
// source only after the copy is stored, and not when the server refused the copy; the copy carries
// the experiment's results under new keys, through the import path.
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach } from 'vitest';
import { createRoot } from 'solid-js';
import { openRfoDb, createChangeBus, type ChangeBus } from '../../app/data/db.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { copyWithRecords } from '../../app/state/workspace-copy.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';
import { transferExperiment, transferRefusal, type Place, type TransferIo } from '../../app/domain/workspace-transfer.ts';
import { ok, err } from '../../app/domain/result.ts';

const personal: Place = { kind: 'personal' };
const team = (role: 'admin' | 'member' | 'viewer'): Place => ({ kind: 'team', workspace: 'Rocket Class', db: 'rfo-ws-rocket-class', role });
const lab = (role: 'admin' | 'member' | 'viewer'): Place => ({ kind: 'team', workspace: 'Team Lab', db: 'rfo-ws-team-lab', role });

function fakeIo(over: Partial<TransferIo> = {}) {
  const calls: string[] = [];
  const io: TransferIo = {
    copy: async (id) => (calls.push(`copy ${id}`), ok({ id: 'new-1', name: 'Stage 2' })),
    publish: async (id) => (calls.push(`publish ${id}`), { state: 'sent' }),
    remove: async (id) => (calls.push(`remove ${id}`), ok(true as const)),
    ...over,
  };
  return { io, calls };
}

describe('what a role may do', () => {
  it('a viewer may copy out of the class workspace but not into it, nor move out of it', () => {
    expect(transferRefusal('copy', team('viewer'), personal)).toBeNull();
    expect(transferRefusal('copy', personal, team('viewer'))).toMatch(/viewer in workspace Rocket Class: you cannot copy experiments into it/);
    expect(transferRefusal('move', team('viewer'), personal)).toMatch(/moving would delete the experiment there, which the server refuses — copy it instead/);
    for (const r of ['member', 'admin'] as const) {
      expect(transferRefusal('move', personal, team(r))).toBeNull();
      expect(transferRefusal('move', team(r), personal)).toBeNull();
    }
    expect(transferRefusal('copy', personal, personal)).toMatch(/in your personal workspace already/);
  });

  it('between two team workspaces, each role counts in its own workspace', () => {
    expect(transferRefusal('move', team('member'), team('admin'))).toMatch(/in workspace Rocket Class already/);
    expect(transferRefusal('move', team('viewer'), lab('member'))).toMatch(/viewer in workspace Rocket Class: moving would delete/);
    expect(transferRefusal('copy', team('viewer'), lab('member'))).toBeNull();
    expect(transferRefusal('copy', lab('member'), team('viewer'))).toMatch(/viewer in workspace Rocket Class: you cannot copy experiments into it/);
    expect(transferRefusal('move', lab('admin'), team('member'))).toBeNull();
  });

  it('a refused transfer writes nothing', async () => {
    const { io, calls } = fakeIo();
    const r = await transferExperiment('copy', 'e1', 'Stage 2', personal, team('viewer'), io);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden', field: 'workspace' } });
    expect(!r.ok && r.error.message).toMatch(/^“Stage 2” was not copied: you are a viewer/);
    expect(calls).toEqual([]);
  });
});

describe('copy, then delete only once the copy is stored', () => {
  it('a member moves a personal experiment into the team: copy, send, then delete the original', async () => {
    const { io, calls } = fakeIo();
    const r = await transferExperiment('move', 'e1', 'Stage 2', personal, team('member'), io);
    expect(r).toEqual({ ok: true, value: { copyId: 'new-1', message: 'Moved “Stage 2” to workspace Rocket Class.' } });
    expect(calls).toEqual(['copy e1', 'publish new-1', 'remove e1']);
  });

  it('keeps the original when the server refused the copy', async () => {
    const { io, calls } = fakeIo({ publish: async () => ({ state: 'refused', message: 'forbidden' }) });
    const r = await transferExperiment('move', 'e1', 'Stage 2', personal, team('member'), io);
    expect(!r.ok && r.error.message).toBe('The copy of “Stage 2” is stored on this device but the server refused it: forbidden. The original is kept where it was.');
    expect(calls).toEqual(['copy e1']);
  });

  it('a move from one team workspace to another sends the copy to the target, then deletes the original', async () => {
    const { io, calls } = fakeIo();
    const r = await transferExperiment('move', 'e1', 'Stage 2', lab('member'), team('member'), io);
    expect(r).toEqual({ ok: true, value: { copyId: 'new-1', message: 'Moved “Stage 2” to workspace Rocket Class.' } });
    expect(calls).toEqual(['copy e1', 'publish new-1', 'remove e1']);
  });

  it('offline, the stored copy waits to be sent and the move goes on', async () => {
    const { io, calls } = fakeIo({ publish: async () => ({ state: 'queued' }) });
    const r = await transferExperiment('move', 'e1', 'Stage 2', personal, team('admin'), io);
    expect(r.ok && r.value.message).toMatch(/^Moved “Stage 2” to workspace Rocket Class\. It is stored on this device and will be sent/);
    expect(calls).toEqual(['copy e1', 'remove e1']);
  });

  it('deletes nothing when the copy could not be stored, and says so when the original could not be deleted', async () => {
    const a = fakeIo({ copy: async () => err('quota', 'storage is full') });
    const r = await transferExperiment('move', 'e1', 'Stage 2', team('member'), personal, a.io);
    expect(!r.ok && r.error.message).toBe('“Stage 2” was not moved: storage is full');
    expect(a.calls).toEqual([]);
    const b = fakeIo({ remove: async () => err('conflict', 'it was changed in another tab') });
    const s = await transferExperiment('move', 'e1', 'Stage 2', team('member'), personal, b.io);
    expect(s.ok && s.value.message).toBe('Copied “Stage 2” to your personal workspace, but the original in workspace Rocket Class was not deleted: it was changed in another tab');
    // a copy out of the team needs no server
    const c = fakeIo();
    await transferExperiment('copy', 'e1', 'Stage 2', team('viewer'), personal, c.io);
    expect(c.calls).toEqual(['copy e1']);
  });
});

let bus: ChangeBus | null = null;
afterEach(() => bus?.close());

describe('the copy (workspace store)', () => {
  it('is a new experiment with the same content and its results under new keys; the original is untouched', async () => {
    const name = `ws-transfer-${Math.random()}`;
    const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking), () => (bus = createChangeBus(`ch-${name}`))));
    await ws.whenReady();
    const e = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const study = { id: 's1', kind: 'point' as const, spec: {}, seed: 1, status: 'done' as const, resultsRef: 'r1', updatedAt: '2026-12-01T00:00:00.000Z', summary: { ispVac_m_s: 4400 } };
    const saved = await ws.write({ ...e, studies: [study] }, [{ id: 'r1', experimentId: e.id, studyId: 's1', createdAt: '2026-12-01T00:00:00.000Z', columns: { ispVac_m_s: new Float64Array([4400, 4410]) }, meta: {} }]);
    expect(saved.ok).toBe(true);

    const c = await copyWithRecords(ws, e.id);
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.id).not.toBe(e.id);
    expect(c.value.name).toBe(e.name);
    expect(c.value.inputs).toEqual(e.inputs);
    const ref = c.value.studies[0].resultsRef!;
    expect(ref).not.toBe('r1');
    const rs = await ws.resultsOf(c.value.id);
    expect(rs.map((r) => [r.id, r.experimentId, Array.from(r.columns.ispVac_m_s)])).toEqual([[ref, c.value.id, [4400, 4410]]]);
    expect((await ws.resultsOf(e.id)).map((r) => r.id)).toEqual(['r1']);
    expect(ws.experiments().map((x) => x.id).sort()).toEqual([e.id, c.value.id].sort());

    // and a move's delete of the source goes through the store's delete
    expect((await ws.deleteStored(e.id)).ok).toBe(true);
    expect(ws.byId(e.id)).toBeUndefined();
  });
});
