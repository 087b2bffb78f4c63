// One line under Explore's performance summary when the design's experiment has a trained model:
// the predicted (delivered or vacuum) Isp with its 95 % interval, computed in the ML worker. A
// design outside the model's training range gets the mean only and a warning that it is an
// extrapolation, where the interval does not hold.
import { Show, createMemo } from 'solid-js';
import type { RocketProblem, Station } from '../../domain/problem.ts';
import type { UnitSystem } from '../../domain/experiment.ts';
import { formatSig } from '../../domain/number-text.ts';
import { toDisplay, unitLabel } from '../../domain/units.ts';
import { describeOutOfRange } from '../../domain/model-range.ts';
import { designStore } from '../../state/design.ts';
import { createModelPrediction } from '../../state/model-prediction.ts';

export function ModelPrediction(props: { problem: RocketProblem; exit: Station; units: UnitSystem }) {
  const experimentId = createMemo(() => { const o = designStore().origin(); return o.kind === 'experiment' ? o.id : null; });
  const point = createMemo(() => {
    const of = props.problem.of;
    const e = props.exit;
    // the area ratio as the design states it: the solver's station converges it only to ~1e-6,
    // which would put a design at a trained ε just outside a model's training range
    const spec = props.problem.exits?.[0];
    const areaRatio = spec && 'areaRatio' in spec ? spec.areaRatio : e.areaRatio;
    return of === undefined ? null : { of, pc_Pa: props.problem.pc, areaRatio, ispVac_m_s: e.ispVac, ispAmb_m_s: e.ispAmb ?? e.isp, reactants: props.problem.reactants.map((r) => r.name) };
  });
  const { latest, prediction } = createModelPrediction(experimentId, point);
  const isp = (v: number, digits: number) => formatSig(toDisplay('specificImpulse', v, props.units), digits);
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
                const basis = d.kind === 'efficiency' ? `efficiency model trained on ${d.nTrain} firings` : `surrogate trained on ${d.nTrain} engine samples`;
                const unit = unitLabel('specificImpulse', props.units);
                if (v.outside?.length) {
                  return (
                    <>
                      Predicted {what} <strong>{isp(v.mean_m_s, 4)} {unit}</strong> <span class="muted">({basis}; extrapolated, no trustworthy interval)</span>
                    </>
                  );
                }
                return (
                  <>
                    Predicted {what} <strong>{isp(v.mean_m_s, 4)} ± {isp(v.halfWidth_m_s, 2)} {unit}</strong>{' '}
                    <span class="muted">({basis}; 95 % interval{v.outside === null ? '; the model does not record its training range, so extrapolation cannot be detected' : ''})</span>
                  </>
                );
              }}
            </Show>
          </p>
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
