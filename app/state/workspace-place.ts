// Which experiments on this device belong to the synced team or class workspace (issue 17), and
// the user's role there; every other experiment is in the personal workspace. The sync store (loaded
// only when sync is on) fills it; the experiment list reads it to mark rows and offer moving or
// copying between the two. Tiny on purpose: it is part of the first load.
import { createSignal } from 'solid-js';
import type { Place } from '../domain/workspace-transfer.ts';
import type { WorkspaceRole } from '../domain/sync-workspace.ts';

export interface TeamWorkspace {
  workspace: string;
  role: WorkspaceRole;
  ids: ReadonlySet<string>;
}

const [team, setTeam] = createSignal<TeamWorkspace | null>(null);

/** The synced workspace, or null when sync is off (everything is personal). */
export const teamWorkspace = team;

export function placeOf(id: string): Place {
  const t = team();
  return t && t.ids.has(id) ? { kind: 'team', workspace: t.workspace, role: t.role } : { kind: 'personal' };
}

export function setTeamWorkspace(t: TeamWorkspace | null): void {
  setTeam(t);
}
