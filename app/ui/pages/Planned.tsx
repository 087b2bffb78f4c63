// A section that later work fills: says what it will do and links to what works today.
import { useParams, A } from '@solidjs/router';
import { Show } from 'solid-js';
import { SECTIONS } from '../sections.ts';

const PLANS: Record<string, string> = {
  sweep: 'Map performance over grids of up to three inputs (O/F, chamber pressure, area ratio, exit or ambient pressure), with line families, carpet plots and heat maps, run as background jobs you can cancel and resume.',
  optimize: 'Find the mixture ratio that maximises Isp or density-Isp, and trade Isp against density, chamber temperature and cost with multi-objective (NSGA-II) Pareto fronts.',
  learn: 'Train neural-network surrogates of the engine and learn the delivered-to-ideal efficiency from your own test firings, with uncertainty and a suggestion for the next test.',
  experiments: 'Keep your experiments in this browser, search and compare them, start from templates, and share them by link or QR code.',
  propellants: 'Browse the propellant library (densities, storage temperatures, cost, hazards) and define your own propellants by formula and enthalpy of formation.',
  settings: 'Choose SI or US customary units, see storage usage, and pick the compute backend.',
};

export default function Planned() {
  const params = useParams();
  const section = () => SECTIONS.find((s) => s.path === `/${params.section}`);
  return (
    <Show when={section()} fallback={<section class="page"><h1>Page not found</h1><p>There is no section called “{params.section}”. <A href="/explore">Go to Explore</A>.</p></section>}>
      {(s) => (
        <section class="page" aria-labelledby="page-title">
          <h1 id="page-title">{s().label}</h1>
          <p class="lead">{PLANS[params.section ?? ""] ?? s().summary}</p>
          <p class="note">This section is being built. What works today: the <A href="/explore">ideal-rocket calculator in Explore</A>, computed in a WebAssembly worker and available offline.</p>
        </section>
      )}
    </Show>
  );
}
