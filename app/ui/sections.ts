// The product's sections, in navigation order.
export interface Section {
  path: string;
  label: string;
  summary: string;
}

export const SECTIONS: Section[] = [
  { path: '/explore', label: 'Explore', summary: 'Performance of one design point' },
  { path: '/sweep', label: 'Sweep', summary: 'Map performance over ranges' },
  { path: '/optimize', label: 'Optimize', summary: 'Optimum mixtures and Pareto fronts' },
  { path: '/design', label: 'Design', summary: 'Thrust chamber: size, contour, heat flux' },
  { path: '/learn', label: 'Learn', summary: 'Surrogates and test-fire data' },
  { path: '/stand', label: 'Stand', summary: 'Test stand: live firing data and anomaly flags' },
  { path: '/experiments', label: 'Experiments', summary: 'Your saved work' },
  { path: '/propellants', label: 'Propellants', summary: 'The propellant library' },
  { path: '/settings', label: 'Settings', summary: 'Units, storage, engine' },
];
