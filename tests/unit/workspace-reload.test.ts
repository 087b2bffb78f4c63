// The workspace list reloads once per burst of changes heard (an import or a sync in another tab
// posts many), not once per change: each reload reads every experiment.
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { createRoot, createEffect } from 'solid-js';
import { openRfoDb, createRepository, type ChangeBus, type StorageChange } from '../../app/data/db.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { experimentFromTemplate, TEMPLATES } from '../../app/domain/templates.ts';

describe('workspace reloads on changes heard', () => {
  it('100 changes heard at once give at most two reloads after the first load, and the last state is read', async () => {
    const heard: ((c: StorageChange) => void)[] = [];
    const bus: ChangeBus = { post() {}, subscribe: (fn) => (heard.push(fn), () => {}), onNewerApp: () => () => {}, close() {} };
    let lists = 0;
    const ws = createRoot(() => {
      const store = createWorkspaceStore((_n, blocking) => openRfoDb('ws-reload-burst', blocking), () => bus);
      createEffect(() => {
        store.experiments();
        lists++;
      });
      return store;
    });
    await ws.whenReady();
    const before = lists;
    // another tab stores an experiment, then its changes are heard
    const other = await openRfoDb('ws-reload-burst');
    if (!other.ok) throw new Error(other.error.message);
    const saved = await createRepository(other.value, bus).saveExperiment(experimentFromTemplate(TEMPLATES[0], 'SI'));
    if (!saved.ok) throw new Error(saved.error.message);
    for (let i = 0; i < 100; i++) heard.forEach((fn) => fn({ store: 'experiments', ids: [`x${i}`] }));
    await new Promise((r) => setTimeout(r, 300));
    expect(lists - before).toBeGreaterThanOrEqual(1);
    expect(lists - before).toBeLessThanOrEqual(2);
    expect(ws.experiments().map((e) => e.id)).toEqual([saved.value.id]);
    other.value.close();
  });
});
