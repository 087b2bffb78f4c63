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

/** HTPB as the reference cases give it (CEA's formula and enthalpy, per mole of that formula). */
export const HTPB = { name: 'HTPB', T: 298.15, formula: { C: 7.3165, H: 10.336, O: 0.1063 }, enthalpy: 5020.8 };
/** Liquid oxygen at its normal boiling point, as oxidizer. */
export const LOX = { name: 'O2(L)', role: 'oxidizer', massFraction: 1, T: 90.17 };
/** Propellant systems of the random sequences: reactants, and an O/F range where they have roles. */
export const ENGINE_SYSTEMS: { reactants: unknown[]; of?: [number, number] }[] = [
  { reactants: [{ name: 'RP-1', role: 'fuel', massFraction: 1, T: 298.15 }, LOX], of: [1.5, 3.6] },
  { reactants: [{ name: 'CH6N2(L)', role: 'fuel', massFraction: 1, T: 298.15 }, { name: 'N2O4(L)', role: 'oxidizer', massFraction: 1, T: 298.15 }], of: [1.2, 3.2] },
  { reactants: [{ name: 'H2(L)', role: 'fuel', massFraction: 1, T: 20.27 }, LOX], of: [3, 8] },
  { reactants: [{ name: 'NH4CLO4(I)', massFraction: 0.68, T: 298.15 }, { name: 'AL(cr)', massFraction: 0.18, T: 298.15 }, { ...HTPB, massFraction: 0.14 }] },
];
