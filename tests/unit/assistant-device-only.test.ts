// The assistant's key stays on this device: it is kept apart from the workspace (localStorage, not
// IndexedDB), so a whole backup, an experiment file and a share link made after saving it carry
// none of it; and a device-only setting that did reach the workspace settings (a future bug, a
// hand-edited file) is still left out of backups and refused on import.
import 'fake-indexeddb/auto';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createRoot } from 'solid-js';
import { createWorkspaceStore } from '../../app/state/workspace.ts';
import { openRfoDb } from '../../app/data/db.ts';
import { memoryDraftBackend } from '../../app/data/drafts.ts';
import { ASSISTANT_STORAGE_KEY, openAssistantConfigStore } from '../../app/data/assistant-config.ts';
import { TEMPLATES } from '../../app/domain/templates.ts';
import { encodeShare, fromBase64Url } from '../../app/domain/share-link.ts';
import { exportWorkspace, importWorkspace } from '../../app/domain/backup.ts';

const SECRET = 'sk-proj-SECRET-key-0123456789abcdef';
const CONFIG = { on: true, provider: 'openai' as const, baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', key: SECRET };

let saved: unknown;
beforeEach(() => {
  saved = (globalThis as { localStorage?: unknown }).localStorage;
  (globalThis as { localStorage?: unknown }).localStorage = memoryDraftBackend();
});
afterEach(() => {
  (globalThis as { localStorage?: unknown }).localStorage = saved;
});

async function inflate(payload: string): Promise<string> {
  const bytes = fromBase64Url(payload.slice(payload.indexOf('.') + 1))!;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

describe('the assistant key is device-only', () => {
  it('is kept in this browser\'s local storage and read back; forgetting removes it', () => {
    const store = openAssistantConfigStore();
    expect(store.load().on).toBe(false); // off by default
    expect(store.save(CONFIG)).toEqual({ ok: true, value: CONFIG });
    expect(openAssistantConfigStore().load()).toEqual(CONFIG);
    const ls = (globalThis as unknown as { localStorage: ReturnType<typeof memoryDraftBackend> }).localStorage;
    expect([...ls.items.keys()]).toEqual([ASSISTANT_STORAGE_KEY]);
    store.clear();
    expect(openAssistantConfigStore().load().key).toBe('');
  });

  it('a bad setting is refused naming the field, and nothing is written', () => {
    const store = openAssistantConfigStore();
    const r = store.save({ ...CONFIG, baseUrl: 'javascript:alert(1)' });
    expect(r.ok ? '' : r.error.field).toBe('baseUrl');
    expect(store.load().on).toBe(false);
  });

  it('backups, experiment files and share links made after saving the key carry none of it', async () => {
    expect(openAssistantConfigStore().save(CONFIG).ok).toBe(true);
    const ws = createRoot(() => createWorkspaceStore((_n, blocking) => openRfoDb(`assistant-${Date.now()}`, blocking)));
    await ws.whenReady();
    await ws.setUnits('US');
    const e = (await ws.createFromTemplate(TEMPLATES[0]))!;
    const backup = await ws.exportBackup();
    expect(backup.ok).toBe(true);
    const text = backup.ok ? backup.value : '';
    expect(JSON.parse(text).settings.units).toBe('US'); // the workspace settings are there…
    expect(text).not.toContain(SECRET); // …the key is not
    expect(text).not.toContain('gpt-4o-mini');
    const file = await ws.exportOne(e.id);
    expect(file.ok && file.value).not.toContain(SECRET);
    const link = await encodeShare(ws.byId(e.id)!);
    const json = await inflate(link);
    expect(json).toContain(TEMPLATES[0].problem.reactants[0].name); // the decoding is right…
    expect(json).not.toContain(SECRET); // …and carries no key

    // a device-only setting that reached the workspace settings still stays out of the backup
    await ws.setSetting('assistant', { key: SECRET });
    await ws.setSetting('assistant:config', SECRET);
    const again = await ws.exportBackup();
    expect(again.ok && again.value).not.toContain(SECRET);
  });

  it('a backup file that carries assistant settings imports without them, with a warning', () => {
    const text = exportWorkspace({ experiments: [], results: [], models: [], propellants: [], settings: { units: 'SI' } }, '2026-01-01T00:00:00Z')
      .replace('"settings":{"units":"SI"}', `"settings":{"units":"SI","assistant":{"key":"${SECRET}"},"assistantKey":"${SECRET}"}`);
    expect(text).toContain(SECRET);
    const r = importWorkspace(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.workspace.settings).toEqual({ units: 'SI' });
    expect(r.value.warnings.filter((w) => /belongs to the device/.test(w))).toHaveLength(2);
  });
});
