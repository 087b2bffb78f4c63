// A viewer of a synced workspace (issue 17) holds its experiments read-only: the workspace store
// refuses to save, amend or delete them, with a message saying why and what to do, and leaves the
// stored record as it was; a copy of one is the user's own and saves as usual.
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach } from 'vitest';
import { createRoot } from 'solid-js';
import { openRfoDb, createChangeBus, type ChangeBus } from '../../app/data/db.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { readOnlyReason, setReadOnly } from '../../app/state/read-only.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';

let bus: ChangeBus | null = null;
afterEach(() => {
  setReadOnly(new Map());
  bus?.close();
});

async function store() {
  const name = `ws-read-only-${Math.random()}`;
  const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking), () => (bus = createChangeBus(`ch-${name}`))));
  await ws.whenReady();
  return ws;
}

describe('read-only experiments', () => {
  it('are not saved, amended or deleted; the stored record stays as it was', async () => {
    const ws = await store();
    const e = (await ws.createFromTemplate(TEMPLATES[0]))!;
    setReadOnly(new Map([[e.id, 'you are a viewer in workspace Rocket Class']]));
    expect(readOnlyReason(e.id)).toMatch(/read-only on this device: you are a viewer in workspace Rocket Class\. Duplicate it/);
    expect(readOnlyReason('another-id')).toBeNull();

    const out = await ws.write({ ...e, name: 'Student edit' });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error.code).toBe('read-only');
    expect(ws.notice()?.text).toMatch(/viewer in workspace Rocket Class/);
    expect(await ws.update(e.id, (x) => ({ ...x, name: 'Student edit' }))).toBe(false);
    expect(await ws.amend(e.id, (x) => ({ experiment: { ...x, tags: ['computed'] } }))).toEqual({ ok: true, value: null });
    expect(await ws.remove(e.id)).toBe(false);

    await ws.reload();
    const stored = ws.byId(e.id)!;
    expect(stored.name).toBe(e.name);
    expect(stored.rev).toBe(e.rev);
    expect(stored.tags).toEqual(e.tags);

    // a copy is the user's own
    const copy = (await ws.duplicate(e.id))!;
    expect(copy.id).not.toBe(e.id);
    expect(await ws.update(copy.id, (x) => ({ ...x, name: 'Mine' }))).toBe(true);

    // once the user may write again (sync off, or another role), saving works
    setReadOnly(new Map());
    expect(await ws.update(e.id, (x) => ({ ...x, name: 'Now editable' }))).toBe(true);
  });

  it('a read-only custom propellant is not deleted, with a message naming it and why', async () => {
    const ws = await store();
    // hydrazine, N2H4: ΔfH°(l) = 50.63 kJ/mol, 1004 kg/m³ (NIST WebBook / CRC)
    const p = await ws.addPropellant({ name: 'Class hydrazine', role: 'fuel', formula: 'N2H4', enthalpy_J_mol: 50630, density_kg_m3: 1004, storageT_K: 298.15, cost_per_kg: 100, notes: '', hazards: [] });
    if (!p.ok) throw new Error(p.error.message);
    setReadOnly(new Map(), new Map([[p.value.id, 'you are a viewer in workspace Rocket Class']]));
    expect(await ws.removePropellant(p.value.id)).toBe(false);
    expect(ws.notice()?.text).toBe('Propellant “Class hydrazine” is read-only on this device: you are a viewer in workspace Rocket Class.');
    await ws.reload();
    expect(ws.customPropellants().map((x) => x.name)).toEqual(['Class hydrazine']);
    setReadOnly(new Map());
    expect(await ws.removePropellant(p.value.id)).toBe(true);
    expect(ws.customPropellants()).toEqual([]);
  });
});
