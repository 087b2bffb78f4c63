// The content of the PDF report of a saved test-stand firing (issues 16 and 18): where it came from
// and what it was compared with, the burn figures in the user's units (Isp also in s), the flags
// with their times and sentences, and thrust and chamber pressure against time drawn from the
// decompressed trace (decimated: the min and max of each time slice, so a spike survives). Pure
// data, laid out by report-pdf.ts (in node for `rfo report`).
import type { UnitSystem } from './experiment.ts';
import { formatSig } from './number-text.ts';
import { ispScale, toDisplay, unitLabel, type Quantity } from './units.ts';
import { madeByRows, reportValue, type Report, type ReportChart } from './report.ts';
import type { StudyReportExtras } from './report-studies.ts';
import type { FiringEntry, RestoredFiring } from './firing/saved.ts';
import type { FiringAnalysis, FiringDesign } from './firing/analyse.ts';
import { decimate } from './firing/live.ts';
import { flagLine } from './firing/flag-text.ts';

/** Time slices of a trace chart: at most twice as many points per line. */
const CHART_BUCKETS = 300;

/**
 * The report of a firing: `entry` is its study as lists read it (name, source, figures, flags),
 * `design` what it was compared with, `trace` its decompressed record (null when the file does not
 * carry it: the figures and flags are still reported, without the charts, and a note says why).
 */
export function firingReport(name: string, entry: FiringEntry, design: FiringDesign, trace: RestoredFiring | null, units: UnitSystem, when: string, extras: Pick<StudyReportExtras, 'provenance'> & { traceMissing?: string } = {}): Report {
  const a: Partial<FiringAnalysis> = trace?.analysis ?? {
    burnTime: entry.summary.burnTime_s, totalImpulse: entry.summary.totalImpulse_Ns, averageThrust: entry.summary.averageThrust_N,
    peakThrust: entry.summary.peakThrust_N, cstar: entry.summary.cstar_m_s, isp: entry.summary.isp_m_s,
    pcSteady: entry.summary.pcSteady_Pa, propellantMass: entry.summary.propellantMass_kg,
  };
  const f = (q: Quantity, v: number) => reportValue(q, v, units);
  const samples = trace?.columns[0]?.length;
  const inputs: [string, string][] = [
    ['Firing', entry.name],
    ['Source', entry.source || 'not recorded'],
    ['Started', entry.startedAt],
  ];
  if (trace) inputs.push(['Channels', trace.headerLine], ['Samples', `${samples}${a.sampleRate ? ` at ${formatSig(a.sampleRate, 4)} Hz` : ''}`]);
  inputs.push(['Predicted chamber pressure', design.pc !== undefined ? f('pressure', design.pc) : 'none (the design gives no chamber pressure)']);
  inputs.push(['Throat area', design.throatArea !== undefined ? `${formatSig(toDisplay('area', design.throatArea, units), 5)} ${unitLabel('area', units)}` : 'none (no c* without it)']);

  // the burn figures, each in the user's unit (Isp also in s, the same number in both systems)
  const rows: string[][] = [];
  const row = (label: string, q: Quantity, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) rows.push([label, formatSig(toDisplay(q, v, units), 5), unitLabel(q, units)]);
  };
  row('Burn time', 'time', a.burnTime);
  if (a.burnStart !== undefined && a.burnEnd !== undefined) rows.push(['Burn from / to', `${a.burnStart.toFixed(3)} / ${a.burnEnd.toFixed(3)}`, 's']);
  row('Total impulse', 'impulse', a.totalImpulse);
  row('Average thrust', 'force', a.averageThrust);
  row('Peak thrust', 'force', a.peakThrust);
  row('Steady chamber pressure', 'pressure', a.pcSteady);
  row('Propellant used', 'mass', a.propellantMass);
  row('Delivered c*', 'velocity', a.cstar);
  row('Delivered Isp', 'specificImpulse', a.isp);
  // Isp also in the other unit: s beside m/s (SI), ft/s beside lbf·s/lbm (US, numerically seconds)
  const other = ispScale(units === 'SI' ? 's' : 'velocity', units);
  if (a.isp !== undefined && Number.isFinite(a.isp)) rows.push(['Delivered Isp', formatSig(a.isp * other.perMs, 5), other.unit]);

  const flags = trace?.analysis?.flags ?? entry.flags;
  const notes: string[] = [];
  if (extras.traceMissing) notes.push(`The trace is not drawn: ${extras.traceMissing}.`);
  if (a.cstar === undefined) notes.push('No delivered c*: it needs a chamber-pressure channel, a throat area and a mass or flow channel.');
  if (a.isp === undefined) notes.push('No delivered Isp: it needs a mass or flow channel.');
  notes.push('Burn time runs from the first to the last crossing of 10 % of peak thrust; total impulse is the trapezoid integral of thrust over it (README, "Test stand").');

  const charts: ReportChart[] = [];
  if (trace && samples) {
    const t = trace.columns[trace.time];
    const markers = flags.slice(0, 6).map((x) => ({ x: x.time, label: x.kind }));
    const line = (y: Float64Array, q: Quantity, label: string): ReportChart['series'][number] => {
      const d = decimate(t, y, CHART_BUCKETS);
      return { name: label, points: Array.from(d.t, (ti, i): [number, number] => [ti, toDisplay(q, d.y[i], units)]) };
    };
    charts.push({ title: 'Thrust against time', xLabel: 'time (s)', yLabel: `thrust (${unitLabel('force', units)})`, series: [line(trace.columns[trace.thrust], 'force', 'thrust')], markers });
    if (trace.pc >= 0) {
      const series = [line(trace.columns[trace.pc], 'pressure', 'chamber pressure')];
      if (design.pc !== undefined && t.length > 1) {
        const p = toDisplay('pressure', design.pc, units);
        series.push({ name: 'predicted', points: [[t[0], p], [t[t.length - 1], p]] });
      }
      charts.push({ title: 'Chamber pressure against time', xLabel: 'time (s)', yLabel: `pc (${unitLabel('pressure', units)})`, series, markers });
    }
  }

  return {
    title: name,
    subtitle: `Test-stand firing “${entry.name}”${a.burnTime !== undefined ? `, ${formatSig(a.burnTime, 4)} s burn` : ''}, ${flags.length} flag${flags.length === 1 ? '' : 's'}: Rocket Fuel Optimizer, ${when}`,
    inputs,
    tableTitle: 'Burn figures',
    table: { head: ['Figure', 'Value', 'Unit'], rows, firstWidth: 150 },
    notes,
    charts,
    sections: [{ title: `Flags (${flags.length})`, lines: flags.length ? flags.map((x) => flagLine(x, units)) : ['No flag was raised.'] }],
    provenance: madeByRows(extras.provenance ?? {}, when),
  };
}
