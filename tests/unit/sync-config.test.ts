// The stored sync settings (issue 17): a device that synced one workspace before workspaces could
// be several keeps its workspace, role and checkpoint name; roles are kept only when they are ours.
import { describe, it, expect } from 'vitest';
import { restoreSyncConfig, workspacesToWake } from '../../app/state/sync.ts';

describe('restoreSyncConfig', () => {
  it('reads the one-workspace shape of before as a list of one, current', () => {
    const old = { server: 'http://127.0.0.1:5984/', user: 'ana', workspace: 'Team Lab', db: 'rfo-ws-team-lab', device: 'd1', on: true };
    expect(restoreSyncConfig(old)).toEqual({ server: 'http://127.0.0.1:5984/', user: 'ana', device: 'd1', on: true, workspaces: [{ workspace: 'Team Lab', db: 'rfo-ws-team-lab' }], current: 'rfo-ws-team-lab', roles: { 'rfo-ws-team-lab': null } });
  });

  it('keeps several workspaces, the current one and known roles; an unknown current falls back to the first', () => {
    const c = {
      server: 'https://couch.example.org/',
      user: 'ana',
      device: 'd1',
      on: false,
      workspaces: [{ workspace: 'Team Lab', db: 'rfo-ws-team-lab' }, { workspace: 'Rocket Class', db: 'rfo-ws-rocket-class' }, { workspace: 3 }],
      current: 'rfo-ws-rocket-class',
      roles: { 'rfo-ws-team-lab': 'member', 'rfo-ws-rocket-class': '_admin' },
    };
    const r = restoreSyncConfig(c);
    expect(r?.workspaces.map((w) => w.db)).toEqual(['rfo-ws-team-lab', 'rfo-ws-rocket-class']);
    expect(r?.current).toBe('rfo-ws-rocket-class');
    expect(r?.roles).toEqual({ 'rfo-ws-team-lab': 'member', 'rfo-ws-rocket-class': null });
    expect(restoreSyncConfig({ ...c, current: 'rfo-ws-gone' })?.current).toBe('rfo-ws-team-lab');
  });

  it('is null for nothing usable', () => {
    for (const bad of [null, 'x', [], { server: 'http://h/', user: 'u', device: 'd' }, { server: 1, user: 'u', device: 'd', workspaces: [{ workspace: 'A', db: 'rfo-ws-a' }] }]) expect(restoreSyncConfig(bad)).toBeNull();
  });
});

describe('workspacesToWake (a local write sends at once, from its workspace only)', () => {
  const holders = { experiment: new Map([['e1', 'rfo-ws-a'], ['e2', 'rfo-ws-b'], ['e3', 'rfo-ws-a']]), propellant: new Map([['p1', 'rfo-ws-b']]) };
  it('wakes the workspace holding each written document, once', () => {
    expect(workspacesToWake({ store: 'experiments', ids: ['e1'] }, holders)).toEqual(['rfo-ws-a']);
    expect(workspacesToWake({ store: 'experiments', ids: ['e1', 'e3', 'e2'] }, holders)).toEqual(['rfo-ws-a', 'rfo-ws-b']);
    expect(workspacesToWake({ store: 'propellants', ids: ['p1'] }, holders)).toEqual(['rfo-ws-b']);
    // the same id as an experiment is another document
    expect(workspacesToWake({ store: 'propellants', ids: ['e1'] }, holders)).toEqual([]);
  });
  it('wakes none for a personal document or a setting, all for a whole import', () => {
    expect(workspacesToWake({ store: 'experiments', ids: ['mine'] }, holders)).toEqual([]);
    expect(workspacesToWake({ store: 'settings', ids: ['units'] }, holders)).toEqual([]);
    expect(workspacesToWake({ store: 'results', ids: ['e1'] }, holders)).toEqual([]);
    expect(workspacesToWake({ store: 'all', ids: [] }, holders)).toBe('all');
    expect(workspacesToWake({ store: 'experiments', ids: [] }, holders)).toBe('all');
  });
});
