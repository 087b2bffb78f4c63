import { HashRouter, Route, Navigate, A, type RouteSectionProps } from '@solidjs/router';
import { lazy, For, Suspense } from 'solid-js';
import { SECTIONS } from './sections.ts';
import { UpdatePrompt } from './components/UpdatePrompt.tsx';
import { JobsPanel } from './components/JobsPanel.tsx';

const Explore = lazy(() => import('./pages/Explore.tsx'));
const Planned = lazy(() => import('./pages/Planned.tsx'));

function Layout(props: RouteSectionProps) {
  return (
    <div class="shell">
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="topbar">
        <A href="/explore" class="brand" aria-label="Rocket Fuel Optimizer home">
          <img src="./icons/icon.svg" alt="" width="28" height="28" />
          <span>Rocket Fuel Optimizer</span>
        </A>
        <nav aria-label="Sections" class="sections">
          <For each={SECTIONS}>
            {(s) => (
              <A href={s.path} activeClass="active" title={s.summary}>
                {s.label}
              </A>
            )}
          </For>
        </nav>
        <JobsPanel />
      </header>
      <main id="main" tabindex="-1">
        <Suspense fallback={<p class="loading" role="status">Loading…</p>}>{props.children}</Suspense>
      </main>
      <UpdatePrompt />
    </div>
  );
}

export function App() {
  return (
    <HashRouter root={Layout}>
      <Route path="/" component={() => <Navigate href="/explore" />} />
      <Route path="/explore" component={Explore} />
      <Route path="/:section" component={Planned} />
    </HashRouter>
  );
}
