// Optimize's "Bayesian optimisation on a Learn model": when the objective comes from a learned
// model, a Gaussian process of its answers so far picks each next batch of designs by expected
// improvement, over the O/F, chamber pressure and area ratio of the Optimize form. Runs in the ML
// worker; shows the best design in the user's units and says what was done.
import { For, Show, onMount } from 'solid-js';
import { createBayesModelStore, type BayesVariables } from '../../state/bayes-model-store.ts';
import { bayesModelAppIO } from '../../state/analyze-app-io.ts';
import { workspace } from '../../state/workspace.ts';
import { outputShown, fmtValue } from '../../domain/analysis/analysis-explain.ts';
import { toDisplay, unitLabel } from '../../domain/units.ts';
import { formatSig } from '../../domain/number-text.ts';

export function BayesOnModel(props: { variables: () => BayesVariables; seed: () => number }) {
  const s = createBayesModelStore(bayesModelAppIO);
  onMount(() => void s.refresh());
  const offers = s.offers(props.variables);
  const offered = () => offers().filter((o) => !o.why);
  const notOffered = () => offers().filter((o) => o.why);
  const isp = () => outputShown('ispVac', workspace().units());
  const whole = (t: string, lo: number, hi: number, set: (v: number) => void) => {
    const v = Number(t);
    if (Number.isInteger(v) && v >= lo && v <= hi) set(v);
  };
  return (
    <section class="card" aria-labelledby="bayes-title" data-testid="bayes-on-model">
      <h2 id="bayes-title">Bayesian optimisation on a Learn model</h2>
      <p class="hint">When the objective comes from a learned model, each evaluation is one of its predictions: a Gaussian process (Matérn 5/2) of the answers so far chooses the next batch of designs where the expected improvement is largest. One objective, the model's vacuum Isp, over the O/F, chamber pressure and area ratio ranges above; the propellants are the model's. Runs in the background, seeded.</p>
      <Show when={s.models().length} fallback={<p class="muted">No Learn models saved yet: train one in Learn (or import a model file there) and save it to an experiment.</p>}>
        <div class="row">
          <div class="field">
            <label for="bayes-model">Learn model</label>
            <select id="bayes-model" value={s.modelId() ?? ''} onChange={(e) => s.setModelId(e.currentTarget.value || null)}>
              <For each={offered()}>{(o) => <option value={o.model.id} selected={s.modelId() === o.model.id}>{o.model.doc.name}</option>}</For>
            </select>
          </div>
          <div class="field">
            <label for="bayes-goal">Goal</label>
            <select id="bayes-goal" value={s.goal()} onChange={(e) => s.setGoal(e.currentTarget.value as 'maximize' | 'minimize')}>
              <option value="maximize">maximise vacuum Isp</option>
              <option value="minimize">minimise vacuum Isp</option>
            </select>
          </div>
          <div class="field"><label for="bayes-evals">Predictions (3–500)</label><input id="bayes-evals" type="number" min="3" max="500" value={s.evaluations()} onInput={(e) => whole(e.currentTarget.value, 3, 500, s.setEvaluations)} /></div>
          <div class="field"><label for="bayes-batch">Batch q (1–50)</label><input id="bayes-batch" type="number" min="1" max="50" value={s.batch()} onInput={(e) => whole(e.currentTarget.value, 1, 50, s.setBatch)} /></div>
        </div>
        <Show when={notOffered().length}>
          <ul class="hint" data-testid="bayes-not-offered"><For each={notOffered()}>{(o) => <li>“{o.model.doc.name}” is not offered: {o.why}.</li>}</For></ul>
        </Show>
        <div class="row">
          <button type="button" data-testid="bayes-run" disabled={s.busy() || !offered().length} onClick={() => void s.run(props.variables(), props.seed())}>Optimise on the model</button>
          <Show when={s.busy()}><span class="muted" aria-live="polite">Optimising…</span></Show>
        </div>
      </Show>
      <Show when={s.error()}>{(e) => <p class="error" role="alert" data-testid="bayes-error">{e().message}</p>}</Show>
      <Show when={s.result()}>
        {(r) => (
          <div data-testid="bayes-result">
            <table>
              <tbody>
                <tr><th scope="row">Best {isp().label} (predicted)</th><td>{fmtValue(r().best.value, isp())} {isp().unit}</td></tr>
                <For each={Object.entries(r().best.design)}>
                  {([k, v]) => <tr><th scope="row">{k === 'of' ? 'O/F' : k === 'pc' ? `Chamber pressure (${unitLabel('pressure', workspace().units())})` : 'Area ratio ε'}</th><td>{formatSig(k === 'pc' ? toDisplay('pressure', v, workspace().units()) : v, 4)}</td></tr>}
                </For>
              </tbody>
            </table>
            <p data-testid="bayes-summary">
              The {r().goal === 'maximize' ? 'highest' : 'lowest'} {isp().label} found is {fmtValue(r().best.value, isp())} {isp().unit}, after {r().evaluations} predictions. {s.note(workspace().units())}
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
