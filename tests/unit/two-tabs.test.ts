// Two tabs over one IndexedDB (fake-indexeddb): every write checks the revision it read, a
// conflicting save is kept for the user's choice instead of written over, and a tab that hears of
// a newer app stops writing. The scenario is the one found by hand: tab A saves pc = 150 bar, tab
// B (holding an unsaved name edit made on the 97 bar version) saves; pc must not go back to 97 bar.
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach } from 'vitest';
import { createRoot } from 'solid-js';
import { openRfoDb, createRepository, createChangeBus, isConflict, isNewerSchema, SCHEMA, type Repository, type ChangeBus, type SchemaStamp } from '../../app/data/db.ts';
import { createWorkspaceStore, type WorkspaceStore } from '../../app/state/workspace.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';
import type { Experiment } from '../../app/domain/experiment.ts';
import { validateCustomPropellant } from '../../app/domain/propellants.ts';

const BAR = 1e5;
let n = 0;
const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

/** One tab's repository on database `name`, talking on `channel` (unique per test: vitest runs files in parallel threads). */
async function tab(name: string, channel: string, schema: SchemaStamp = SCHEMA): Promise<Repository> {
  const db = await openRfoDb(name);
  if (!db.ok) throw new Error(db.error.message);
  const r = createRepository(db.value, createChangeBus(channel, schema));
  closers.push(() => {
    r.bus.close();
    r.db.close();
  });
  return r;
}

async function twoTabs() {
  const name = `two-tabs-${++n}`;
  return { a: await tab(name, `ch-${name}`), b: await tab(name, `ch-${name}`), name };
}

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The LOX/RP-1 booster template: pc 97 bar. */
const booster = (): Experiment => experimentFromTemplate(TEMPLATES.find((t) => t.id === 'lox-rp1-booster')!, 'SI', { now: () => '2024-01-01T00:00:00.000Z', newId: () => `e${++n}` });

const withPc = (e: Experiment, pc: number): Experiment => ({ ...structuredClone(e), inputs: { ...e.inputs, problem: { ...e.inputs.problem, pc } } });

describe('experiment writes check the revision they read', () => {
  it('refuses a save made on an older revision and returns the stored version (pc stays 150 bar)', async () => {
    const { a, b } = await twoTabs();
    const first = must(await a.saveExperiment(booster()));
    expect(first.inputs.problem.pc).toBe(97 * BAR);
    const inA = must(await a.getExperiment(first.id))!;
    const inB = must(await b.getExperiment(first.id))!;
    must(await a.saveExperiment(withPc(inA, 150 * BAR)));
    const r = await b.saveExperiment({ ...inB, name: 'Renamed in B' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('conflict');
    expect(r.error.field).toBe('rev');
    expect(r.error.message).toContain('changed in another tab');
    expect(isConflict(r.error) && r.error.theirs?.inputs.problem.pc).toBe(150 * BAR);
    const stored = must(await b.getExperiment(first.id))!;
    expect(stored.inputs.problem.pc).toBe(150 * BAR);
    expect(stored.name).toBe('LOX/RP-1 booster');
    expect(stored.rev).toBe(2);
  });

  it('writes over the stored version only when the write names its revision (a conscious choice)', async () => {
    const { a, b } = await twoTabs();
    const first = must(await a.saveExperiment(booster()));
    must(await a.saveExperiment(withPc(first, 150 * BAR)));
    const r = await b.saveExperiment({ ...first, name: 'Mine' });
    if (r.ok || !isConflict(r.error)) throw new Error('expected a conflict');
    const kept = must(await b.saveExperiment({ ...first, name: 'Mine', rev: r.error.theirs!.rev }));
    expect(kept.rev).toBe(3);
    expect(must(await a.getExperiment(first.id))).toMatchObject({ name: 'Mine', rev: 3, inputs: { problem: { pc: 97 * BAR } } });
  });

  it('writes nothing of a batch, nor its results, when one experiment in it is stale', async () => {
    const { a, b } = await twoTabs();
    const [x, y] = must(await a.saveExperiments([booster(), booster()]));
    must(await a.saveExperiment(withPc(y, 150 * BAR)));
    const r = await b.saveExperiments([{ ...x, name: 'x2' }, { ...y, name: 'y2' }]);
    expect(r.ok).toBe(false);
    expect(must(await a.getExperiment(x.id))!.name).toBe('LOX/RP-1 booster');
    const result = { id: 'r1', experimentId: x.id, studyId: 's', createdAt: 'x', columns: {}, meta: {} };
    const stale = await b.saveExperiment({ ...y, name: 'y3' }, [result]);
    expect(stale.ok).toBe(false);
    expect(must(await a.getResult('r1'))).toBeNull();
  });

  it('does not save a new document over a stored one with the same id', async () => {
    const { a, b } = await twoTabs();
    const e = booster();
    must(await a.saveExperiment(e));
    const r = await b.saveExperiment({ ...e, name: 'Also new' }); // no revision: a new document
    expect(r.ok).toBe(false);
    expect(must(await a.getExperiment(e.id))!.name).toBe('LOX/RP-1 booster');
  });

  it('reads a document stored before revisions as revision 0, and saves it from there', async () => {
    const { a, b } = await twoTabs();
    const legacy = booster();
    await a.db.put('experiments', legacy); // as the app before revisions wrote it
    const inA = must(await a.getExperiment(legacy.id))!;
    const inB = must(await b.getExperiment(legacy.id))!;
    expect(inA.rev).toBe(0);
    must(await a.saveExperiment(withPc(inA, 150 * BAR)));
    expect((await b.saveExperiment({ ...inB, name: 'B' })).ok).toBe(false);
  });

  it('does not delete an experiment changed since it was read, and deletes the revision it read', async () => {
    const { a, b } = await twoTabs();
    const first = must(await a.saveExperiment(booster()));
    must(await a.saveExperiment(withPc(first, 150 * BAR)));
    const r = await b.deleteExperiment(first.id, first.rev);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('conflict');
    expect(must(await a.getExperiment(first.id))!.inputs.problem.pc).toBe(150 * BAR);
    expect(must(await b.deleteExperiment(first.id, 2))).not.toBeNull();
  });

  it('undoes a delete past the deleted revision, and not over an experiment stored again meanwhile', async () => {
    const { a, b } = await twoTabs();
    const first = must(await a.saveExperiment(booster()));
    const snap = must(await a.deleteExperiment(first.id, first.rev))!;
    must(await a.restoreSnapshot(snap));
    // b still holds revision 1 (read before the delete): its save must not go through
    expect((await b.saveExperiment({ ...first, name: 'from b' })).ok).toBe(false);
    expect(must(await a.getExperiment(first.id))!.rev).toBe(2);
    expect((await a.restoreSnapshot(snap)).ok).toBe(false); // something is stored under the id now
  });

  it('gives an imported experiment a revision past the stored one, and leaves revisions out of exports', async () => {
    const { a, b } = await twoTabs();
    const first = must(await a.saveExperiment(booster()));
    const ws = must(await a.exportAll());
    expect(ws.experiments[0]).not.toHaveProperty('rev');
    must(await a.importAll({ ...ws, experiments: [withPc(ws.experiments[0], 150 * BAR)] }, 'replace'));
    expect(must(await a.getExperiment(first.id))!.rev).toBe(2);
    expect((await b.saveExperiment({ ...first, name: 'B' })).ok).toBe(false);
    expect(must(await a.getExperiment(first.id))!.inputs.problem.pc).toBe(150 * BAR);
  });

  it('adds a custom propellant without writing over one stored under its id', async () => {
    const { a, b } = await twoTabs();
    const p = must(validateCustomPropellant({ name: 'Paraffin', role: 'fuel', formula: 'C32H66', enthalpy_J_mol: -698000, density_kg_m3: 900, storageT_K: 298.15 }, 'p1'));
    must(await a.putPropellant(p));
    const r = await b.putPropellant({ ...p, name: 'Other wax' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('p1');
    expect(must(await a.listPropellants()).map((x) => x.name)).toEqual(['Paraffin']);
  });
});

describe('cross-tab messages carry the schema version', () => {
  it('stamps every change with DB_VERSION and EXPERIMENT_VERSION', async () => {
    const channel = `stamp-${++n}`;
    const raw = new BroadcastChannel(channel);
    const heard: unknown[] = [];
    raw.onmessage = (ev) => heard.push(ev.data);
    const a = await tab(`stamp-db-${n}`, channel);
    must(await a.saveExperiment(booster()));
    await new Promise((r) => setTimeout(r, 50));
    raw.close();
    expect(heard.length).toBeGreaterThanOrEqual(2);
    for (const m of heard) expect(m).toMatchObject({ schema: { db: SCHEMA.db, experiment: SCHEMA.experiment } });
    expect(heard).toContainEqual({ hello: true, schema: SCHEMA });
    expect(heard).toContainEqual(expect.objectContaining({ store: 'experiments' }));
  });

  it('an older tab that hears a newer one (whichever opened first) writes nothing more', async () => {
    const name = `older-${++n}`;
    const channel = `ch-${name}`;
    const older = await tab(name, channel);
    const first = must(await older.saveExperiment(booster()));
    const newer = await tab(name, channel, { db: SCHEMA.db + 1, experiment: SCHEMA.experiment });
    await new Promise((r) => setTimeout(r, 50));
    expect(older.stopped()).toContain('newer version of the app');
    const r = await older.saveExperiment(withPc(first, 150 * BAR));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('stale-app');
    expect((await older.setSetting('units', 'US')).ok).toBe(false);
    expect((await older.deleteExperiment(first.id)).ok).toBe(false);
    expect(must(await newer.getExperiment(first.id))!.inputs.problem.pc).toBe(97 * BAR);
    expect(must(await newer.getSettings())).toEqual({});
    expect(newer.stopped()).toBeNull();

    // opened after the newer one: it hears the newer tab's answer to its hello
    const late = await tab(name, channel);
    await new Promise((r) => setTimeout(r, 50));
    expect(late.stopped()).not.toBeNull();
  });

  it('tabs of the same version do not stop each other, and a message without a stamp is from an older app', () => {
    expect(isNewerSchema(SCHEMA, SCHEMA)).toBe(false);
    expect(isNewerSchema({ db: SCHEMA.db, experiment: SCHEMA.experiment + 1 }, SCHEMA)).toBe(true);
    expect(isNewerSchema({ db: SCHEMA.db + 1, experiment: 1 }, SCHEMA)).toBe(true);
    expect(isNewerSchema(undefined, SCHEMA)).toBe(false);
    expect(isNewerSchema({ db: 'x' }, SCHEMA)).toBe(false);
  });
});

describe('the workspace keeps a conflicting save for the user to choose', () => {
  /** Two tabs that do not hear each other (as before a message arrives): each test says when one reads. */
  async function stores() {
    const name = `ws-tabs-${++n}`;
    const open = (): WorkspaceStore => {
      let bus: ChangeBus | null = null;
      const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking), () => (bus = createChangeBus(`ch-${name}-${++n}`))));
      closers.push(() => bus?.close());
      return ws;
    };
    const a = open();
    const b = open();
    await Promise.all([a.whenReady(), b.whenReady()]);
    return { a, b };
  }

  /** Tab A saves pc = 150 bar while tab B holds a name edit made on the 97 bar version. */
  async function issueScenario() {
    const { a, b } = await stores();
    const e = (await a.createFromTemplate(TEMPLATES.find((t) => t.id === 'lox-rp1-booster')!))!;
    await b.reload();
    const draftInB = { ...structuredClone(b.byId(e.id)!), name: 'Renamed in B' };
    expect(await a.update(e.id, (x) => withPc(x, 150 * BAR))).toBe(true);
    const out = await b.write(draftInB);
    return { a, b, e, out };
  }

  it('shows both versions with who changed what, in the user units, and writes nothing until asked', async () => {
    const { b, e, out } = await issueScenario();
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.conflict).toBeDefined();
    expect(b.conflicts()).toEqual([out.conflict]);
    const c = out.conflict!;
    expect(c.theirs?.inputs.problem.pc).toBe(150 * BAR);
    expect(c.base?.inputs.problem.pc).toBe(97 * BAR);
    expect(b.byId(e.id)!.inputs.problem.pc).toBe(150 * BAR); // the list shows what is stored
    const stored = (await b.reload(), b.byId(e.id)!);
    expect(stored).toMatchObject({ name: 'LOX/RP-1 booster', inputs: { problem: { pc: 150 * BAR } } });
  });

  it('keeping both edits stores the name from B and pc from A', async () => {
    const { a, b, e, out } = await issueScenario();
    const c = !out.ok ? out.conflict! : null;
    expect(c?.merged).toMatchObject({ name: 'Renamed in B', inputs: { problem: { pc: 150 * BAR } } });
    const settled = c!.settled;
    const r = await b.resolveConflict(c!, 'merge');
    expect(r.ok).toBe(true);
    expect(b.conflicts()).toEqual([]);
    expect((await settled).choice).toBe('merge');
    await a.reload();
    expect(a.byId(e.id)).toMatchObject({ name: 'Renamed in B', rev: 3, inputs: { problem: { pc: 150 * BAR } } });
  });

  it('keep mine, take theirs and save as a copy each give the stored state they name', async () => {
    let s = await issueScenario();
    await s.b.resolveConflict(!s.out.ok ? s.out.conflict! : (null as never), 'mine');
    await s.a.reload();
    expect(s.a.byId(s.e.id)).toMatchObject({ name: 'Renamed in B', inputs: { problem: { pc: 97 * BAR } } });

    s = await issueScenario();
    await s.b.resolveConflict(!s.out.ok ? s.out.conflict! : (null as never), 'theirs');
    await s.a.reload();
    expect(s.a.byId(s.e.id)).toMatchObject({ name: 'LOX/RP-1 booster', rev: 2, inputs: { problem: { pc: 150 * BAR } } });

    s = await issueScenario();
    const copy = await s.b.resolveConflict(!s.out.ok ? s.out.conflict! : (null as never), 'copy');
    await s.a.reload();
    expect(s.a.byId(s.e.id)).toMatchObject({ name: 'LOX/RP-1 booster', inputs: { problem: { pc: 150 * BAR } } });
    expect(copy.ok && copy.value.id).not.toBe(s.e.id);
    expect(copy.ok && s.a.byId(copy.value.id)).toMatchObject({ name: 'Renamed in B (copy)', inputs: { problem: { pc: 97 * BAR } } });
  });

  it('keeps the other tab’s propellant cost when setting another one from a stale copy', async () => {
    const { a, b } = await stores();
    expect(await a.setPropellantCost('lox', 0.2)).toBe(true);
    // b has not heard of a's edit yet (its settings are the ones it read at start)
    expect(await b.setPropellantCost('rp1', 3)).toBe(true);
    await a.reload();
    expect(a.settings().propellantCosts).toEqual({ lox: 0.2, rp1: 3 });
  });

  it('does not delete an experiment another tab changed since this tab read it', async () => {
    const { a, b } = await stores();
    const e = (await a.createFromTemplate(TEMPLATES[0]))!;
    await b.reload();
    expect(await a.update(e.id, (x) => ({ ...x, name: 'Changed in A' }))).toBe(true);
    expect(await b.remove(e.id)).toBe(false);
    expect(b.notice()?.text).toContain('was not deleted');
    expect(b.byId(e.id)?.name).toBe('Changed in A');
    await a.reload();
    expect(a.byId(e.id)?.name).toBe('Changed in A');
  });
});

describe('an experiment deleted in another tab while this tab edits it', () => {
  it('keeps the unsaved draft as a conflict, and "keep mine" stores it again past the deleted revision', async () => {
    const name = `ws-deleted-${++n}`;
    const open = (): WorkspaceStore => {
      let bus: ChangeBus | null = null;
      const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking), () => (bus = createChangeBus(`ch-${name}-${++n}`))));
      closers.push(() => bus?.close());
      return ws;
    };
    const a = open();
    const b = open();
    await Promise.all([a.whenReady(), b.whenReady()]);
    const e = (await a.createFromTemplate(TEMPLATES[0]))!;
    await b.reload();
    b.holdDraft(e.id, () => ({ ...b.byId(e.id)!, name: 'Draft in B' }));
    expect(await a.remove(e.id)).toBe(true);
    await b.reload(); // what B does when it hears of the delete
    const c = b.conflicts()[0];
    expect(c).toMatchObject({ id: e.id, theirs: null, mine: { name: 'Draft in B' } });
    expect(c.message).toContain('deleted in another tab');
    expect(b.byId(e.id)).toBeUndefined();
    const r = await b.resolveConflict(c, 'mine');
    expect(r.ok && r.value.rev).toBe(2);
    await a.reload();
    expect(a.byId(e.id)?.name).toBe('Draft in B');
  });
});

describe('a newer app upgrading the database', () => {
  it('makes this tab stop writing and close its connection, so the upgrade is not blocked', async () => {
    const name = `ws-upgrade-${++n}`;
    let bus: ChangeBus | null = null;
    const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(name, blocking), () => (bus = createChangeBus(`ch-${name}`))));
    closers.push(() => bus?.close());
    await ws.whenReady();
    const e = (await ws.createFromTemplate(TEMPLATES[0]))!;
    // what the next app version does when it opens the database
    const upgraded = await new Promise<string>((resolve) => {
      const req = indexedDB.open(name, SCHEMA.db + 1);
      req.onsuccess = () => {
        req.result.close();
        resolve('opened');
      };
      req.onblocked = () => setTimeout(() => resolve('blocked'), 200);
    });
    expect(upgraded).toBe('opened');
    expect(ws.staleApp()).toContain('newer version of the app');
    expect(await ws.update(e.id, (x) => ({ ...x, name: 'after the upgrade' }))).toBe(false);
    expect(ws.notice()?.text).toContain('no longer saves');
  });
});
