// The content of the PDF reports of what Learn keeps with an experiment (issue 16, item 4): a
// dataset (how its rows were made, the rows themselves in the user's units, capped) and a trained
// model (its inputs and outputs, architecture and seed, the range it was trained on, its held-out
// error). Pure data, laid out by report-pdf.ts (in node for `rfo report`).
import type { UnitSystem } from './experiment.ts';
import { formatSig } from './number-text.ts';
import { toDisplay, unitLabel, type Quantity } from './units.ts';
import { madeByRows, reportValue, type Report } from './report.ts';
import type { StudyReportExtras } from './report-studies.ts';
import { column, datasetInfo, describeDataset, DATASET_COLUMNS, rowCount, SOURCE_COLUMNS, type DatasetColumn, type LearnDataset } from './learn-dataset.ts';
import type { ModelDoc, ModelMetrics } from './ml-model.ts';
import type { ModelStudySpec } from './model-study.ts';
import { MODEL_INPUT_SHOWN } from './model-range.ts';

/** Most rows of a dataset listed in a report; the rest are counted ("12 more rows"). */
export const DATASET_REPORT_ROWS = 60;

/** Column headers short enough for a table of ten columns. */
const SHORT_LABEL: Record<DatasetColumn, string> = {
  of: 'O/F', pc_Pa: 'pc', areaRatio: 'Ae/At', pamb_Pa: 'pamb', thrust_N: 'Thrust', mdot_kg_s: 'mdot',
  cstar_m_s: 'c*', isp_m_s: 'Isp', idealIsp_m_s: 'Isp ideal', ispVac_m_s: 'Isp vac',
};

type Extras = Pick<StudyReportExtras, 'provenance'>;
const headWithUnit = (label: string, q: Quantity, units: UnitSystem) => (q === 'dimensionless' ? label : `${label} (${unitLabel(q, units)})`);

/** The report of a dataset: its origin, its spec, every row (up to DATASET_REPORT_ROWS) in the user's units. */
export function datasetReport(name: string, ds: LearnDataset, units: UnitSystem, when: string, extras: Extras = {}): Report {
  const info = datasetInfo(ds);
  const sp = ds.spec;
  const inputs: [string, string][] = [
    ['Dataset', ds.name],
    ['Rows', describeDataset(info)],
    ['Reactants', ds.reactants.map((r) => r.name).join(', ')],
  ];
  if (sp.source === 'simulated') {
    inputs.push(['Sampling', `Latin hypercube, ${sp.count} points, seed ${sp.seed}`]);
    for (const b of sp.bounds) {
      const { label, q } = MODEL_INPUT_SHOWN[b.name] ?? { label: b.name, q: 'dimensionless' as const };
      const v = (x: number) => (q === 'dimensionless' ? formatSig(x, 5) : reportValue(q, x, units));
      inputs.push([`Range of ${label}`, `${v(b.min)} to ${v(b.max)}${b.log ? ' (logarithmic)' : ''}`]);
    }
  } else {
    inputs.push(['File', sp.fileName], ['Area ratio where the file gives none', formatSig(sp.defaultAreaRatio, 5)]);
  }
  const cols = SOURCE_COLUMNS[sp.source];
  const measured = sp.source === 'measured';
  const head = [measured ? 'Test' : '#', ...cols.map((c) => headWithUnit(SHORT_LABEL[c], DATASET_COLUMNS[c].quantity, units))];
  const n = rowCount(ds);
  const rows: string[][] = [];
  for (let i = 0; i < Math.min(n, DATASET_REPORT_ROWS); i++) {
    rows.push([measured ? ds.testIds[i] || String(i + 1) : String(i + 1), ...cols.map((c) => {
      const v = column(ds, c)[i];
      return Number.isFinite(v) ? formatSig(toDisplay(DATASET_COLUMNS[c].quantity, v, units), 5) : '';
    })]);
  }
  if (n > DATASET_REPORT_ROWS) rows.push([`${n - DATASET_REPORT_ROWS} more rows`, ...cols.map(() => '')]);
  const notes = [
    'A blank cell is a value the file did not give or the engine could not compute.',
    ...(n > DATASET_REPORT_ROWS ? [`The table lists the first ${DATASET_REPORT_ROWS} of the ${n} rows; Learn's CSV export has all of them.`] : []),
  ];
  return {
    title: name,
    subtitle: `Learn dataset “${ds.name}”, ${info.origin}: Rocket Fuel Optimizer, ${when}`,
    inputs, tableTitle: 'Rows', table: { head, rows }, notes, provenance: madeByRows(extras.provenance ?? {}, when),
  };
}

/** The error figures of one output in its unit: Isp in the user's unit, others as they are. */
function metricRow(output: string, m: ModelMetrics, units: UnitSystem): string[] {
  const q: Quantity = output === 'Isp' ? 'specificImpulse' : 'dimensionless';
  const v = (x: number) => formatSig(toDisplay(q, x, units), 4);
  return [output, String(m.n), formatSig(m.r2, 4), v(m.rmse), v(m.maxAbsError), formatSig(m.maxRelError * 100, 3),
    m.coverage95 !== undefined ? formatSig(m.coverage95 * 100, 3) : '', q === 'dimensionless' ? '' : unitLabel(q, units)];
}

const KIND_TEXT: Record<string, string> = {
  surrogate: 'surrogate of the engine (predicts vacuum Isp)',
  efficiency: 'efficiency (learns measured Isp over the ideal; predicts the delivered Isp)',
};

/**
 * The report of a trained model. `doc` is its document when the file carries it; without it the
 * study's spec and held-out summary are reported and a note says what is missing (the range).
 */
export function modelReport(name: string, spec: ModelStudySpec, doc: ModelDoc | null, heldOut: Record<string, number>, units: UnitSystem, when: string, extras: Extras = {}): Report {
  const inputsOf = doc ? doc.inputs.map((c) => `${c.name}${c.log ? ' (log scale)' : ''}`) : spec.inputs;
  const hyper = doc?.hyper ?? spec.hyper;
  const inputs: [string, string][] = [
    ['Model', doc?.name ?? spec.name],
    ['Kind', KIND_TEXT[doc?.kind ?? spec.kind] ?? spec.kind],
    ['Inputs', inputsOf.join(', ')],
    ['Outputs', (doc ? doc.outputs.map((c) => c.name) : spec.outputs).join(', ')],
  ];
  if (doc?.reactants?.length) inputs.push(['Trained for', doc.reactants.join(' + ')]);
  if (doc?.kind === 'efficiency') inputs.push(['Ideal Isp it is paired with', doc.idealBasis === 'ambient' ? 'at the firings’ ambient pressure' : 'vacuum']);
  if (doc?.ambient) inputs.push(['Ambient pressure of the firings', `${reportValue('pressure', doc.ambient.pamb_Pa, units)}${doc.ambient.assumed ? ' (sea level assumed: the firings gave none)' : ''}`]);
  if (hyper) {
    inputs.push(['Network', `${hyper.hidden?.length ? `hidden layers ${hyper.hidden.join(' × ')}` : 'no hidden layer'}, ${hyper.activation}${hyper.skip ? ', linear skip' : ''}${hyper.quadraticPrior ? ', quadratic prior' : ''}`]);
    inputs.push(['Training', `${hyper.epochs} epochs, learning rate ${hyper.lr}, batch ${hyper.batchSize}, patience ${hyper.patience}, L2 ${hyper.l2}`]);
  }
  inputs.push(['Ensemble', `${doc ? doc.members.length : spec.members} member${(doc ? doc.members.length : spec.members) === 1 ? '' : 's'}`]);
  if (doc) inputs.push(['Seed', String(doc.seed)]);
  inputs.push(['Training rows', String(doc?.nTrain ?? spec.nTrain)]);
  if (spec.datasetStudyId) inputs.push(['Dataset study', spec.datasetStudyId]);

  const notes: string[] = [];
  // the range each input was trained over: outside it a prediction is an extrapolation
  const tables: NonNullable<Report['tables']> = [];
  if (doc?.inputRanges) {
    tables.push({
      title: 'Training range',
      head: ['Input', 'Lowest', 'Highest', 'Unit'],
      rows: doc.inputs.map((c, j) => {
        const { label, q } = MODEL_INPUT_SHOWN[c.name] ?? { label: c.name, q: 'dimensionless' as const };
        const r = doc.inputRanges![j];
        return [label, formatSig(toDisplay(q, r.min, units), 5), formatSig(toDisplay(q, r.max, units), 5), unitLabel(q, units)];
      }),
    });
    notes.push('Outside its training range a prediction is an extrapolation, and its interval does not hold there.');
  } else {
    notes.push(doc ? 'The model document does not record its training range (it was trained by an older version).' : 'The model itself is not in the file: its training range and architecture are not known here; the figures come from the study.');
  }
  // held-out error: from the document, else the study's summary (first output, Isp in m/s)
  const metrics: string[][] = doc?.metrics?.length
    ? doc.metrics.map((m, k) => metricRow(doc.outputs[k]?.name ?? `output ${k + 1}`, m, units))
    : heldOut.heldOutCount !== undefined
      ? [metricRow(spec.outputs[0] ?? 'Isp', { n: heldOut.heldOutCount, r2: heldOut.heldOutR2, rmse: heldOut.heldOutRmse_m_s, maxAbsError: NaN, maxRelError: heldOut.heldOutMaxRelError }, units)]
      : [];
  if (metrics.length) tables.push({ title: 'Held-out error', head: ['Output', 'Points', 'R²', 'RMSE', 'Max abs. error', 'Max rel. error (%)', '95 % coverage (%)', 'Unit'], rows: metrics });
  else notes.push('No held-out error was measured (too few rows to hold some out).');
  const [main, ...rest] = tables;
  return {
    title: name,
    subtitle: `Learn model “${doc?.name ?? spec.name}”, ${doc?.kind ?? spec.kind}: Rocket Fuel Optimizer, ${when}`,
    inputs, tableTitle: main?.title ?? 'Figures', table: main ?? { head: [], rows: [] }, tables: rest,
    notes, provenance: madeByRows(extras.provenance ?? {}, when),
  };
}
