import { HashRouter, Route, Navigate, A, type RouteSectionProps } from '@solidjs/router';
import { lazy, For, Suspense } from 'solid-js';
import { SECTIONS } from './sections.ts';
import { UpdatePrompt } from './components/UpdatePrompt.tsx';
import { JobsPanel } from './components/JobsPanel.tsx';
import { CommandBar } from './components/CommandBar.tsx';
import { captureShareHash } from '../state/share.ts';

const Explore = lazy(() => import('./pages/Explore.tsx'));
const Planned = lazy(() => import('./pages/Planned.tsx'));
const Experiments = lazy(() => import('./pages/Experiments.tsx'));
const Templates = lazy(() => import('./pages/Templates.tsx'));
const Propellants = lazy(() => import('./pages/Propellants.tsx'));
const Settings = lazy(() => import('./pages/Settings.tsx'));
const SharePreview = lazy(() => import('./pages/SharePreview.tsx'));
const Sweep = lazy(() => import('./pages/Sweep.tsx'));
const Optimize = lazy(() => import('./pages/Optimize.tsx'));
const Learn = lazy(() => import('./pages/Learn.tsx'));
const Analyze = lazy(() => import('./pages/Analyze.tsx'));
const Glossary = lazy(() => import('./pages/Glossary.tsx'));
const Stand = lazy(() => import('./pages/Stand.tsx'));
const Design = lazy(() => import('./pages/Design.tsx'));

function Layout(props: RouteSectionProps) {
  return (
    <div class="shell">
      {/* The hash belongs to the router, so the skip link moves focus itself instead of navigating to "#main". */}
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="topbar">
        <A href="/explore" class="brand" aria-label="Rocket Fuel Optimizer home">
          <img src="./icons/icon.svg" alt="" width="28" height="28" />
          <span>Rocket Fuel Optimizer</span>
        </A>
        {/* the offline notice sits in the bar (it covers nothing); the update offer is a fixed toast */}
        <UpdatePrompt />
        <nav aria-label="Sections" class="sections">
          <For each={SECTIONS}>
            {(s) => (
              <A href={s.path} activeClass="active" title={s.summary}>
                {s.label}
              </A>
            )}
          </For>
        </nav>
        <CommandBar />
        <JobsPanel />
      </header>
      <main id="main" tabindex="-1">
        <Suspense fallback={<p class="loading" role="status">Loading…</p>}>{props.children}</Suspense>
      </main>
    </div>
  );
}

export function App() {
  // A shared link (#x=…) is not a route: take it before the router reads the hash.
  captureShareHash();
  return (
    <HashRouter root={Layout}>
      <Route path="/" component={() => <Navigate href="/explore" />} />
      <Route path="/explore" component={Explore} />
      <Route path="/sweep" component={Sweep} />
      <Route path="/optimize" component={Optimize} />
      <Route path="/design" component={Design} />
      <Route path="/learn" component={Learn} />
      <Route path="/analyze" component={Analyze} />
      <Route path="/experiments/:id?" component={Experiments} />
      <Route path="/templates" component={Templates} />
      <Route path="/propellants" component={Propellants} />
      <Route path="/settings" component={Settings} />
      <Route path="/share" component={SharePreview} />
      <Route path="/glossary" component={Glossary} />
      <Route path="/stand" component={Stand} />
      <Route path="/:section" component={Planned} />
    </HashRouter>
  );
}
