// The workspace's background write (`amend`, used to save Explore's result with its experiment)
// over IndexedDB (fake-indexeddb), two tabs: it writes over the revision it read, and when the
// other tab saved meanwhile it makes its change again on the stored version — the other tab's
// edit kept, no conflict raised for the user, nothing written when there is nothing to change.
import 'fake-indexeddb/auto';
import { describe, it, expect, afterEach } from 'vitest';
import { createRoot } from 'solid-js';
import { openRfoDb, createChangeBus, type ChangeBus } from '../../app/data/db.ts';
import { createWorkspaceStore, type WorkspaceStore } from '../../app/state/workspace.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';

let n = 0;
const closers: (() => void)[] = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

async function twoTabs() {
  const name = `ws-amend-${++n}`;
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

describe('workspace amend', () => {
  it('writes the change over the revision read, and nothing when the change is null', async () => {
    const { a } = await twoTabs();
    const e = (await a.createFromTemplate(TEMPLATES[0]))!;
    const out = await a.amend(e.id, (x) => ({ experiment: { ...x, tags: [...x.tags, 'computed'] } }));
    expect(out.ok && out.value?.rev).toBe(e.rev! + 1);
    expect(a.byId(e.id)!.tags).toContain('computed');
    const none = await a.amend(e.id, () => null);
    expect(none).toEqual({ ok: true, value: null });
    await a.reload();
    expect(a.byId(e.id)!.rev).toBe(e.rev! + 1);
  });

  it('after another tab\'s save it amends the stored version: both changes kept, no conflict for the user', async () => {
    const { a, b } = await twoTabs();
    const e = (await a.createFromTemplate(TEMPLATES[0]))!;
    await b.reload();
    expect(await a.update(e.id, (x) => ({ ...x, name: 'Renamed in A' }))).toBe(true);
    // B has not heard of A's save yet: it reads the older revision first, then the stored one
    const seen: number[] = [];
    const out = await b.amend(e.id, (x) => {
      seen.push(x.rev!);
      return x.tags.includes('computed') ? null : { experiment: { ...x, tags: [...x.tags, 'computed'] } };
    });
    expect(out.ok).toBe(true);
    expect(seen).toEqual([e.rev, e.rev! + 1]);
    expect(b.conflicts()).toEqual([]);
    await a.reload();
    const stored = a.byId(e.id)!;
    expect(stored.name).toBe('Renamed in A');
    expect(stored.tags).toContain('computed');
    expect(stored.rev).toBe(e.rev! + 2);
  });
});
