// Explore: one design point. The equilibrium engine (CEA-class) by default; the ideal rocket
// (constant γ) as the quick teaching mode, selected by a tab (and `?mode=ideal` in the URL).
import { Show, Suspense, lazy } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { RocketExplorer } from '../components/RocketExplorer.tsx';
import { designStore } from '../../state/design.ts';
import { DesignBar } from '../components/DesignBar.tsx';

/** The teaching calculator's tab loads its code when opened. */
const IdealCalculator = lazy(() => import('../components/IdealCalculator.tsx').then((m) => ({ default: m.IdealCalculator })));

export default function Explore() {
  const [params, setParams] = useSearchParams();
  const ideal = () => params.mode === 'ideal';
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Explore</h1>
      <div class="tabs" role="tablist" aria-label="Model">
        <button type="button" role="tab" id="tab-eq" aria-selected={!ideal()} aria-controls="explore-panel" classList={{ active: !ideal() }} onClick={() => setParams({ mode: undefined })}>
          Equilibrium (CEA-class)
        </button>
        <button type="button" role="tab" id="tab-ideal" aria-selected={ideal()} aria-controls="explore-panel" classList={{ active: ideal() }} onClick={() => setParams({ mode: 'ideal' })}>
          Ideal rocket (teaching)
        </button>
      </div>
      <div id="explore-panel" role="tabpanel" aria-labelledby={ideal() ? 'tab-ideal' : 'tab-eq'}>
        <Show when={ideal()} fallback={
          <>
            <p class="lead">Chemical equilibrium with NASA Glenn thermodynamic data, infinite-area combustor, shifting or frozen expansion — the method of NASA CEA. Results update as you edit and are computed in a WebAssembly worker.</p>
            <DesignBar />
            <RocketExplorer store={designStore()} />
          </>
        }>
          <Suspense><IdealCalculator /></Suspense>
        </Show>
      </div>
    </section>
  );
}
