// The command bar's effects: a confirmed action (app/domain/command) changes the app the way the
// user would by hand — Explore's design, the units, the Optimize form — and leaves what a page must
// do itself (run a sweep, select experiments to compare, export a result) as a pending request the
// page takes when it opens. Errors are values the bar shows.
import { createSignal } from 'solid-js';
import type { CommandAction } from '../domain/command/schema.ts';
import { applyDesignChange, sweepAxes, sweepDesign } from '../domain/command/apply.ts';
import { findTemplate } from '../domain/templates.ts';
import type { SweepAxis } from '../domain/sweep.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { designStore } from './design.ts';
import { workspace } from './workspace.ts';
import { optimizeStore } from './app-stores.ts';
import { setPendingExport } from './pending-export.ts';

const [pendingSweep, setPendingSweep] = createSignal<SweepAxis[] | null>(null);
const [pendingCompare, setPendingCompare] = createSignal<string[] | null>(null);

/** Takes (once) the grid a command asked Sweep to run. */
export function takePendingSweep(): SweepAxis[] | null {
  const p = pendingSweep();
  setPendingSweep(null);
  return p;
}
/** Takes (once) the experiments a command asked Experiments to compare. */
export function takePendingCompare(): string[] | null {
  const p = pendingCompare();
  setPendingCompare(null);
  return p;
}
export { pendingExport, clearPendingExport } from './pending-export.ts';

const PATHS: Record<string, string> = { templates: '/templates', glossary: '/glossary' };

/** Does a confirmed action; resolves to a short note of what was done, or the reason it could not be. */
export async function executeCommand(a: CommandAction, navigate: (path: string) => void): Promise<Result<string>> {
  const ws = workspace();
  const design = designStore();
  const setDesign = (change: Parameters<typeof applyDesignChange>[1]): Result<null> => {
    if (!Object.keys(change).length) return ok(null);
    const p = applyDesignChange(design.snapshot(), change, ws.units(), ws.library());
    if (!p.ok) return p;
    design.load(p.value);
    return ok(null);
  };
  switch (a.action) {
    case 'set-design': {
      const { action: _kind, ...change } = a;
      const r = setDesign(change);
      if (!r.ok) return r;
      navigate('/explore');
      return ok('Design set in Explore.');
    }
    case 'open-template': {
      const t = findTemplate(a.id);
      if (!t) return err('not-found', `no template ${JSON.stringify(a.id)}`, 'id');
      design.load(t.problem);
      design.setOrigin({ kind: 'template', id: t.id, name: t.title, teaches: t.teaches });
      navigate('/explore');
      return ok(`Opened “${t.title}”.`);
    }
    case 'sweep': {
      const axes = sweepAxes(a, ws.units());
      if (!axes.ok) return axes;
      const r = setDesign(sweepDesign(a));
      if (!r.ok) return r;
      setPendingSweep(axes.value);
      navigate('/sweep');
      return ok('Sweep started.');
    }
    case 'optimize': {
      const o = optimizeStore();
      // The form names propellants by engine species where it can ("RP-1", "CH4(L)"), like its own pickers.
      const name = (id: string) => {
        const p = ws.library().find((x) => x.id === id);
        return p && p.components.length === 1 ? p.components[0].name : id;
      };
      o.setSpec('objectives', a.objectives);
      if (a.fuels) o.setSpec('fuels', a.fuels.map(name));
      if (a.oxidizers) o.setSpec('oxidizers', a.oxidizers.map(name));
      navigate('/optimize');
      return ok('Optimisation set up: press Run to start it.');
    }
    case 'compare': {
      await ws.whenReady();
      const all = [...ws.experiments()].sort((x, y) => y.updatedAt.localeCompare(x.updatedAt));
      let ids: string[];
      if ('last' in a) {
        if (all.length < a.last) return err('not-found', `you have ${all.length} saved experiment${all.length === 1 ? '' : 's'}; compare needs ${a.last}`, 'last');
        ids = all.slice(0, a.last).map((e) => e.id);
      } else {
        ids = [];
        for (const n of a.names) {
          const e = all.find((x) => x.name.toLowerCase() === n.toLowerCase());
          if (!e) return err('not-found', `no experiment named “${n}”`, 'names');
          ids.push(e.id);
        }
      }
      setPendingCompare(ids);
      navigate('/experiments');
      return ok(`Comparing ${ids.length} experiments.`);
    }
    case 'set-units':
      await ws.setUnits(a.system);
      return ok(`Units: ${a.system === 'US' ? 'US customary' : 'SI'}.`);
    case 'export':
      if (a.format === 'json') {
        const o = design.origin();
        if (o.kind !== 'experiment') return err('not-saved', 'the design is not a saved experiment: save it first (Explore → Save as new experiment), then export its file', 'format');
      }
      setPendingExport(a.format);
      navigate('/explore');
      return ok('Exporting from Explore.');
    case 'navigate':
      navigate(PATHS[a.section] ?? `/${a.section}`);
      return ok(`Opened ${a.section}.`);
  }
}
