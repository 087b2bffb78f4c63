// One line under Explore's performance summary when the design's experiment has a trained model:
// the predicted (delivered or vacuum) Isp with its 95 % interval, computed in the ML worker. A
// design outside the model's training range gets the mean only and a warning that it is an
// extrapolation, where the interval does not hold.
import { Show, createMemo } from 'solid-js';
import type { RocketProblem, Station } from '../../domain/problem.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { formatSig } from '../../domain/number-text.ts';
import { toDisplay, unitLabel } from '../../domain/units.ts';
import { formatIsp, type IspUnit } from './format-isp.ts';
import { describeOutOfRange } from '../../domain/model-range.ts';
import { designStore } from '../../state/design.ts';
import { createModelPrediction } from '../../state/model-prediction.ts';
import { workspace } from '../../state/workspace.ts';
import type { MlBridge } from '../../bridge/ml.ts';

/** The app's ML bridge and backend preference, imported on first use (so TensorFlow.js loads only with a model to run). */
async function appMl(): Promise<MlBridge> {
  const [{ ml }, { applyMlBackendPreference }] = await Promise.all([import('../../bridge/ml.ts'), import('../../state/ml-backend.ts')]);
  await applyMlBackendPreference();
  return ml();
}

export { formatIsp, type IspUnit };

/** `exit`: the solved exit of `problem`, or null while the design shown is being solved (then "Predicting…"). */
export function ModelPrediction(props: { problem: RocketProblem; exit: Station | null; units: UnitSystem; ispUnit: IspUnit }) {
  const experimentId = createMemo(() => { const o = designStore().origin(); return o.kind === 'experiment' ? o.id : null; });
  const point = createMemo(() => {
    const of = props.problem.of;
    const e = props.exit;
    if (of === undefined || !e) return null;
    // the area ratio as the design states it: the solver's station converges it only to ~1e-6,
    // which would put a design at a trained ε just outside a model's training range
    const spec = props.problem.exits?.[0];
    const areaRatio = spec && 'areaRatio' in spec ? spec.areaRatio : e.areaRatio;
    return { of, pc_Pa: props.problem.pc, areaRatio, ispVac_m_s: e.ispVac, ispAmb_m_s: e.ispAmb ?? e.isp, reactants: props.problem.reactants.map((r) => r.name) };
  });
  const { latest, prediction } = createModelPrediction(experimentId, point, { modelsOf: (id) => workspace().modelsOf(id), ml: appMl });
  /** The number alone, in the headline's unit (the unit is written once, after the interval). */
  const isp = (v: number, digits: number) => formatIsp(v, props.ispUnit, props.units, digits).replace(/ \S+$/, '');
  const unit = () => formatIsp(1, props.ispUnit, props.units).replace(/^\S+ /, '');
  /** The model's training ambient pressure, when it records one, and whether the design is elsewhere. */
  const ambient = (d: { kind: string; ambient?: { pamb_Pa: number; assumed: boolean } }) => {
    if (d.kind !== 'efficiency' || !d.ambient) return null;
    const pressure = (pa: number) => `${formatSig(toDisplay('pressure', pa, props.units), 6)} ${unitLabel('pressure', props.units)}`;
    const design = props.problem.pamb ?? 101325;
    return {
      text: ` at ${pressure(d.ambient.pamb_Pa)}${d.ambient.assumed ? ' (assumed: the firings give no ambient pressure)' : ''}`,
      elsewhere: Math.abs(design - d.ambient.pamb_Pa) > 1e-6 * Math.max(1, d.ambient.pamb_Pa) ? `This design is at ${pressure(design)}, not the ${pressure(d.ambient.pamb_Pa)} of the firings: the prediction carries their efficiency to another ambient pressure.` : null,
    };
  };
  const outside = createMemo(() => { const v = prediction(); return v && !('error' in v) && v.outside?.length ? v.outside : null; });
  return (
    <Show when={latest()}>
      {(m) => (
        <>
          <p class="model-prediction" role="status" data-testid="model-prediction">
            {/* keyed: each new prediction (a design edit) renders again; an accessor read here would not be tracked */}
            <Show when={prediction()} keyed fallback={<span class="muted">Predicting with “{m().doc.name}”…</span>}>
              {(v) => {
                if ('error' in v) return <span class="muted">No model prediction: {v.error}.</span>;
                const d = v.model.doc;
                const what = d.kind === 'surrogate' ? 'vacuum Isp' : d.idealBasis === 'ambient' ? 'delivered Isp at ambient' : 'delivered Isp';
                const amb = ambient(d);
                const basis = d.kind === 'efficiency' ? `efficiency model trained on ${d.nTrain} firings${amb?.text ?? ''}` : `surrogate trained on ${d.nTrain} engine samples`;
                if (v.outside?.length) {
                  return (
                    <>
                      Predicted {what} <strong>{isp(v.mean_m_s, 4)} {unit()}</strong> <span class="muted">({basis}; extrapolated, no trustworthy interval)</span>
                    </>
                  );
                }
                return (
                  <>
                    Predicted {what} <strong>{isp(v.mean_m_s, 4)} ± {isp(v.halfWidth_m_s, 2)} {unit()}</strong>{' '}
                    <span class="muted">({basis}; 95 % interval{v.outside === null ? '; the model does not record its training range, so extrapolation cannot be detected' : ''})</span>
                  </>
                );
              }}
            </Show>
          </p>
          <Show when={ambient(m().doc)?.elsewhere}>{(t) => <p class="hint" role="note" data-testid="model-ambient-note">{t()}</p>}</Show>
          <Show when={outside()}>
            {(o) => (
              <p class="warnings extrapolation" role="alert" data-testid="model-extrapolation">
                {o().map((x) => describeOutOfRange(x, props.units)).join('; ')} — extrapolation: the model has no training data there, so its prediction may be far off and its 95 % interval does not hold.
              </p>
            )}
          </Show>
        </>
      )}
    </Show>
  );
}
