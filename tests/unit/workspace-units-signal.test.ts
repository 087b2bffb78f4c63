// What reads the workspace's unit system is told when the unit system changes, and only then: not
// when the settings are loaded from storage or another setting is written. A Sweep axis field shows
// its value in the unit system and was rewritten from the store each time it was told; when the
// settings arrived from storage just after the page was shown, text the user had typed into the
// field (not yet committed) was replaced by the stored value and lost (the e2e "a sweep reloaded
// mid-run" found it: its first edit lost now and then in CI).
import 'fake-indexeddb/auto';
import { describe, it, expect } from 'vitest';
import { createRoot, createEffect } from 'solid-js';
import { openRfoDb } from '../../app/data/db.ts';
import { createWorkspaceStore } from '../../app/state/workspace.ts';

describe('workspace units()', () => {
  it('notifies on a change of the unit system only', async () => {
    const seen: string[] = [];
    const ws = createRoot(() => {
      const store = createWorkspaceStore((_n, blocking) => openRfoDb('ws-units-signal', blocking));
      createEffect(() => { seen.push(store.units()); });
      return store;
    });
    await ws.whenReady();
    const settle = () => new Promise((r) => setTimeout(r, 20));
    await settle();
    expect(seen).toEqual(['SI']); // the settings loaded from storage: nothing new to tell

    expect(await ws.setSetting('ispUnit', 'velocity')).toBe(true);
    expect(await ws.setSetting('propellantCosts', { 'RP-1': 2 })).toBe(true);
    await settle();
    expect(seen).toEqual(['SI']);

    await ws.setUnits('US');
    await settle();
    expect(seen).toEqual(['SI', 'US']);
    await ws.setUnits('US');
    await ws.setSetting('ispUnit', 's');
    await settle();
    expect(seen).toEqual(['SI', 'US']);
    await ws.setUnits('SI');
    await settle();
    expect(seen).toEqual(['SI', 'US', 'SI']);
  });
});
