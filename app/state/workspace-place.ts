// Which experiments on this device belong to which synced team or class workspace (issue 17), and
// the user's role in each; every other experiment is in the personal workspace. An experiment
// belongs to one workspace at most (one source of truth on the device). The sync store (loaded only
// when sync is on) fills it; the experiment list reads it to mark rows and offer moving or copying
// between any two places. Tiny on purpose: it is part of the first load.
import { createSignal } from 'solid-js';
import type { Place } from '../domain/workspace-transfer.ts';
import type { WorkspaceRole } from '../domain/sync-workspace.ts';

export interface TeamWorkspace {
  workspace: string;
  /** Its database on the server (rfo-ws-…): the workspace's identity. */
  db: string;
  role: WorkspaceRole;
  ids: ReadonlySet<string>;
}

const [teams, setTeams] = createSignal<readonly TeamWorkspace[]>([]);

/** The synced workspaces (none when sync is off: everything is personal). */
export const teamWorkspaces = teams;

export const teamPlace = (t: TeamWorkspace): Place => ({ kind: 'team', workspace: t.workspace, db: t.db, role: t.role });

export function placeOf(id: string): Place {
  const t = teams().find((x) => x.ids.has(id));
  return t ? teamPlace(t) : { kind: 'personal' };
}

/** Every place an experiment in `from` could be copied or moved to. */
export function otherPlaces(from: Place): Place[] {
  const all: Place[] = [{ kind: 'personal' }, ...teams().map(teamPlace)];
  return all.filter((p) => (p.kind === 'personal' ? from.kind !== 'personal' : from.kind === 'personal' || from.db !== p.db));
}

export function setTeamWorkspaces(t: readonly TeamWorkspace[]): void {
  setTeams(t);
}
