// One full thrust-chamber design in node: validation, sizing, the chamber and Rao bell contour,
// Bartz heat flux along it, and the method-of-characteristics minimum-length nozzle for the same
// exhaust (30 characteristics, axisymmetric). Figures: the first (cold) design and the median of
// the next ones, in ms of wall-clock time, and the median CPU time of the process per design
// (cpuMs: user + system, which a loaded machine inflates far less than the wall clock). Goal
// (issue 14): under 100 ms.
import type { Bench } from '../../scripts/bench.ts';
import { runDesign } from '../../workers/design-api.ts';

const spec = (nozzle: Record<string, unknown>) => ({
  gas: { gamma: 1.2, molarMass: 0.0226, Tc: 3600, pc: 7e6, cp: 2000, viscosity: 8e-5, prandtl: 0.8 },
  thrust: 50000, pamb: 101325, areaRatio: 40, nozzle, chamber: { contractionRatio: 3, lStar: 1.1 }, wallTemperature: 800,
});

function oneDesign(): number {
  const bell = runDesign(null, spec({ type: 'bell', lengthFraction: 0.8 }));
  const moc = runDesign(null, spec({ type: 'moc', characteristics: 30 }));
  if (!bell.ok || !moc.ok) throw new Error('design failed');
  return bell.value.heatLoad + moc.value.nozzleLength;
}

export const benches: Bench[] = [
  {
    name: 'design-full',
    async run() {
      let t = performance.now();
      let sink = oneDesign();
      const coldMs = performance.now() - t;
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < 30; i++) {
        t = performance.now();
        const c = process.cpuUsage();
        sink += oneDesign();
        const dc = process.cpuUsage(c);
        times.push(performance.now() - t);
        cpu.push((dc.user + dc.system) / 1000);
      }
      if (!Number.isFinite(sink)) throw new Error('non-finite result');
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      return {
        ms: +times[times.length >> 1].toFixed(2),
        cpuMs: +cpu[cpu.length >> 1].toFixed(2),
        coldMs: +coldMs.toFixed(1),
        p90Ms: +times[Math.floor(times.length * 0.9)].toFixed(2),
        designs: times.length,
        what: 'validation + sizing + Rao 80 % bell contour + Bartz heat flux, and the axisymmetric MOC (30 characteristics) design of the same exhaust',
      };
    },
  },
];
