// The workspace store over fake-indexeddb: optimistic edits, delete with undo, imports that never
// overwrite local work unless replacing was asked for.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { createRoot } from 'solid-js';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { openRfoDb } from '../../app/data/db.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';
import { exportWorkspace } from '../../app/domain/backup.ts';

let n = 0;
async function store() {
  const name = `ws-${++n}-${Date.now()}`;
  const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking)));
  await ws.whenReady();
  return ws;
}

describe('workspace store', () => {
  it('creates from a template, edits, and reads back after a restart', async () => {
    const ws = await store();
    const e = await ws.createFromTemplate(TEMPLATES[1]);
    expect(e).not.toBeNull();
    expect(await ws.update(e!.id, (x) => ({ ...x, name: 'Renamed' }))).toBe(true);
    expect(ws.byId(e!.id)!.name).toBe('Renamed');
    await ws.reload();
    expect(ws.experiments().map((x) => x.name)).toEqual(['Renamed']);
  });

  it('deletes with undo', async () => {
    const ws = await store();
    const e = (await ws.createFromTemplate(TEMPLATES[0]))!;
    expect(await ws.remove(e.id)).toBe(true);
    expect(ws.experiments()).toEqual([]);
    const undo = ws.notice()?.undo;
    expect(undo).toBeTypeOf('function');
    undo!();
    await new Promise((r) => setTimeout(r, 50));
    await ws.reload();
    expect(ws.experiments().map((x) => x.id)).toEqual([e.id]);
  });

  it('merging a backup never overwrites a local experiment with the same id', async () => {
    const ws = await store();
    const local = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const incoming = { ...structuredClone(local), name: 'From the file' };
    const r = await ws.importBackup(exportWorkspace({ experiments: [incoming], results: [], models: [], propellants: [], settings: {} }, 'x'), 'merge');
    expect(r.ok).toBe(true);
    const names = ws.experiments().map((x) => x.name).sort();
    expect(names).toEqual(['From the file', 'LOX/LH2 upper stage']);
    expect(ws.byId(local.id)!.name).toBe('LOX/LH2 upper stage');
  });

  it('replacing swaps the workspace', async () => {
    const ws = await store();
    await ws.createFromTemplate(TEMPLATES[0]);
    const other = (await (await store()).createFromTemplate(TEMPLATES[2]))!;
    const r = await ws.importBackup(exportWorkspace({ experiments: [other], results: [], models: [], propellants: [], settings: { units: 'US' } }, 'x'), 'replace');
    expect(r.ok).toBe(true);
    expect(ws.experiments().map((x) => x.id)).toEqual([other.id]);
    expect(ws.units()).toBe('US');
  });

  it('a saved share never replaces local work: it gets a new id', async () => {
    const ws = await store();
    const local = (await ws.createFromTemplate(TEMPLATES[3]))!;
    const saved = (await ws.saveNew(structuredClone(local)))!;
    expect(saved.id).not.toBe(local.id);
    expect(ws.experiments()).toHaveLength(2);
  });

  it('rolls back an optimistic edit that cannot be stored and says why', async () => {
    const ws = await store();
    const e = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const ok = await ws.update(e.id, (x) => ({ ...x, name: 'Broken', bad: () => 1 }) as typeof x);
    expect(ok).toBe(false);
    expect(ws.byId(e.id)!.name).toBe('LOX/LH2 upper stage');
    expect(ws.notice()?.kind).toBe('error');
  });

  it('validates and keeps custom propellants, and applies cost edits', async () => {
    const ws = await store();
    const bad = await ws.addPropellant({ name: 'X', role: 'fuel', formula: 'Xx2', enthalpy_J_mol: 0, density_kg_m3: 1, storageT_K: 300 });
    expect(!bad.ok && bad.error.field).toBe('formula');
    const good = await ws.addPropellant({ name: 'Paraffin', role: 'fuel', formula: 'C32H66', enthalpy_J_mol: -698000, density_kg_m3: 900, storageT_K: 298.15 });
    expect(good.ok).toBe(true);
    await ws.setPropellantCost('lox', 0.35);
    expect(ws.library().find((p) => p.id === 'lox')!.cost_per_kg).toBe(0.35);
    expect(ws.library().some((p) => p.name === 'Paraffin')).toBe(true);
  });
});
