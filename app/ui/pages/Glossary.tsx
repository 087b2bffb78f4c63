// The glossary: every term the app shows, with its formula and its SI and US customary units.
// `?term=cstar` (the toggletips' "More in glossary") brings that entry into view and marks it.
import { For, Show, createEffect } from 'solid-js';
import { useIsRouting, useSearchParams } from '@solidjs/router';
import { GLOSSARY, shownUnit } from '../../domain/glossary.ts';

export default function Glossary() {
  const [params] = useSearchParams();
  const routing = useIsRouting();
  createEffect(() => {
    const id = params.term;
    // after the router's own scroll to the top of a new page
    if (typeof id !== 'string' || routing()) return;
    requestAnimationFrame(() => requestAnimationFrame(() => {
      const el = document.getElementById(`term-${id}`);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: 'start' });
    }));
  });
  return (
    <section class="page glossary" aria-labelledby="page-title">
      <h1 id="page-title">Glossary</h1>
      <p class="lead">What the quantities and methods in this app mean, with their formulas and units. g0 = 9.80665 m/s² (standard gravity); R = 8314.46 J/(kmol·K); subscripts c chamber, t throat, e exit, a ambient.</p>
      <dl class="glossary-list">
        <For each={GLOSSARY}>
          {(t) => (
            <div class="card glossary-entry" id={`term-${t.id}`} tabindex="-1" classList={{ current: params.term === t.id }} data-term={t.id}>
              <dt><span class="glossary-name">{t.name}</span>{t.symbol.toLowerCase() === t.name.toLowerCase() ? '' : <> <span class="glossary-symbol">{t.symbol}</span></>}</dt>
              <dd class="glossary-text">{t.short}</dd>
              <Show when={t.formula}>{(f) => <dd class="glossary-formula" data-testid="formula"><span class="muted">Formula: </span><span class="formula">{f()}</span></dd>}</Show>
              <Show when={t.si !== null}>
                <dd class="glossary-units" data-testid="units"><span class="muted">SI: </span>{shownUnit(t.si!)}<span class="muted"> · US: </span>{shownUnit(t.us!)}</dd>
              </Show>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}
