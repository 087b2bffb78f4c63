// Pieces of the seeded property tests over random engine problems.

/** A number spread evenly in log between lo and hi, from a uniform draw r() in [0, 1). */
export const logUniform = (r: () => number, lo: number, hi: number): number => lo * (hi / lo) ** r();

/** One reactant list per propellant system of reference cases (system = the id's first part), and whether it has roles (O/F). */
export function reactantTemplates(cases: { id: string; problem: { reactants: { role?: string }[] } }[]): Map<string, { reactants: unknown[]; roles: boolean }> {
  const templates = new Map<string, { reactants: unknown[]; roles: boolean }>();
  for (const c of cases) {
    const key = c.id.split('-')[0];
    if (!templates.has(key)) templates.set(key, { reactants: c.problem.reactants, roles: c.problem.reactants.some((x) => x.role) });
  }
  return templates;
}
