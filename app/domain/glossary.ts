// The glossary: every quantity and idea the app shows, in a sentence or two, with its formula and
// its units in SI and US customary as the app shows them. The toggletips next to labels (<Term>)
// and the glossary page read this one list. Pure data: runs in node, tested in node.
//
// Formulas are plain text (· for products, √ for roots, Σ for sums); symbols as in NASA RP-1311
// (Gordon & McBride) and Sutton & Biblarz, Rocket Propulsion Elements. g0 = 9.80665 m/s² is
// standard gravity (CGPM 1901); R = 8314.46 J/(kmol·K) the molar gas constant.

export interface GlossaryTerm {
  id: string;
  /** What it is called, as a reader would say it. */
  name: string;
  /** The symbol or short label the app shows next to numbers ("c*", "γs"). */
  symbol: string;
  /** One or two sentences: what it is and why it matters. */
  short: string;
  /** The defining relation, readable text; null for an idea without one (a method, a model). */
  formula: string | null;
  /** Unit as the app shows it in SI; "–" for a pure number; null for an idea, not a quantity. */
  si: string | null;
  /** Unit as the app shows it in US customary units; same conventions as `si`. */
  us: string | null;
  /** What the toggletip asks ("What is …?") when the symbol alone would not read well. */
  ask?: string;
}

const T = <const I extends string>(t: GlossaryTerm & { id: I }) => t;

/** In the order the glossary page lists them: performance first, then the gas, the nozzle, the models. */
export const GLOSSARY = [
  T({ id: 'isp', name: 'Specific impulse', symbol: 'Isp', si: 's (or m/s)', us: 'lbf·s/lbm (= s)',
    formula: 'Isp = F/(ṁ·g0) = Cf·c*/g0',
    short: 'Thrust per unit weight flow of propellant: how many seconds one unit weight of propellant can hold up its own weight. Higher is better. Multiplied by g0 it is the effective exhaust velocity in m/s.' }),
  T({ id: 'ispVac', name: 'Vacuum specific impulse', symbol: 'Isp vac', ask: 'vacuum Isp', si: 's (or m/s)', us: 'lbf·s/lbm (= s)',
    formula: 'Isp,vac = ve + pe·Ae/ṁ (as a velocity; ÷ g0 for seconds)',
    short: 'Specific impulse with no ambient pressure outside the nozzle (in space): the exit pressure pushes on the whole exit area. The largest Isp a nozzle gives.' }),
  T({ id: 'ispAmb', name: 'Ambient specific impulse', symbol: 'Isp amb', ask: 'ambient Isp', si: 's (or m/s)', us: 'lbf·s/lbm (= s)',
    formula: 'Isp,amb = Isp,vac − pa·Ae/ṁ (as a velocity; ÷ g0 for seconds)',
    short: 'Specific impulse at the chosen ambient pressure pa (1.01325 bar at sea level): the air pressing on the exit area takes some thrust away. It has no meaning when the flow separates in the nozzle.' }),
  T({ id: 'ispMatched', name: 'Specific impulse at matched exit pressure', symbol: 'Isp (pa = pe)', si: 's (or m/s)', us: 'lbf·s/lbm (= s)',
    formula: 'Isp = ve/g0 when pa = pe',
    short: 'Specific impulse when the outside pressure equals the exit pressure (an optimally expanded nozzle): then thrust is just mass flow times exit velocity ve. This is the Isp NASA CEA prints.' }),
  T({ id: 'cstar', name: 'Characteristic velocity', symbol: 'c*', si: 'm/s', us: 'ft/s',
    formula: 'c* = pc·At/ṁ',
    short: 'How much chamber pressure a propellant makes per mass flow through a given throat: a measure of the combustion alone, independent of the nozzle. Higher means hotter, lighter gas.' }),
  T({ id: 'cf', name: 'Thrust coefficient', symbol: 'Cf', si: '–', us: '–',
    formula: 'Cf = F/(pc·At) = Isp·g0/c*',
    short: 'How much the nozzle amplifies the thrust that the chamber pressure alone would give on the throat area: a measure of the nozzle alone. Typically 1.3 to 2.' }),
  T({ id: 'densityIsp', name: 'Density-specific impulse', symbol: 'ρ·Isp', ask: 'density-Isp', si: 'kg·s/m³', us: 'lbf·s/ft³',
    formula: 'ρ·Isp = ρbulk·Isp (Isp in s)',
    short: 'Specific impulse times the propellant’s bulk density: impulse per unit tank volume. Dense propellants (RP-1, N2O4) win here even with a lower Isp, because smaller tanks weigh less.' }),
  T({ id: 'bulkDensity', name: 'Bulk density', symbol: 'ρbulk', ask: 'bulk density', si: 'kg/m³', us: 'lbm/ft³',
    formula: 'ρbulk = (1 + O/F)/(O/F/ρox + 1/ρfuel)',
    short: 'The density of the fuel and oxidizer together at the mixture ratio, their volumes adding: mass of propellant per volume of tank.' }),
  T({ id: 'of', name: 'Mixture ratio', symbol: 'O/F', si: '– (mass ratio)', us: '– (mass ratio)',
    formula: 'O/F = ṁox/ṁfuel',
    short: 'Mass of oxidizer per mass of fuel. The best Isp is usually on the fuel-rich side of stoichiometric, where the exhaust is lighter.' }),
  T({ id: 'phi', name: 'Equivalence ratio', symbol: 'φ', ask: 'the equivalence ratio φ', si: '–', us: '–',
    formula: 'φ = (O/F)st/(O/F)',
    short: 'The stoichiometric mixture ratio over the actual one: 1 is stoichiometric, above 1 fuel-rich, below 1 oxidizer-rich.' }),
  T({ id: 'pc', name: 'Chamber pressure', symbol: 'pc', si: 'bar', us: 'psia',
    formula: 'pc = ṁ·c*/At',
    short: 'The gas pressure in the combustion chamber (at the injector for a finite-area chamber). Higher pressure gives a smaller engine and a little more Isp, as less of the gas stays dissociated.' }),
  T({ id: 'pinf', name: 'Stagnation pressure', symbol: 'p∞', ask: 'the stagnation pressure p∞', si: 'bar', us: 'psia',
    formula: 'p∞ = pressure the combustor gas would have brought to rest isentropically',
    short: 'In a finite-area combustor the gas speeds up and loses pressure before the throat; p∞ is the pressure an infinite-area chamber would need to give the same nozzle flow.' }),
  T({ id: 'contractionRatio', name: 'Contraction ratio', symbol: 'Ac/At', si: '–', us: '–',
    formula: 'Ac/At = chamber cross-section area / throat area',
    short: 'How much wider the combustion chamber is than the throat. Below about 3 the gas moves fast in the chamber and loses stagnation pressure (a finite-area combustor).' }),
  T({ id: 'massFlux', name: 'Mass flux', symbol: 'ṁ/Ac', si: 'kg/(s·m²)', us: 'lbm/(s·ft²)',
    formula: 'ṁ/Ac = ṁ / chamber cross-section area',
    short: 'Propellant mass flow per unit chamber cross-section; the other way to size a finite-area combustor.' }),
  T({ id: 'pamb', name: 'Ambient pressure', symbol: 'pa', si: 'bar', us: 'psia',
    formula: null,
    short: 'The pressure outside the nozzle: 1.01325 bar (14.696 psia) at sea level, 0 in vacuum. It sets the ambient Isp and whether the flow separates.' }),
  T({ id: 'pe', name: 'Exit pressure', symbol: 'pe', si: 'bar', us: 'psia',
    formula: 'pe = pc / (pc/pe)',
    short: 'The gas pressure at the nozzle exit. A nozzle is matched when pe equals the ambient pressure; far below it, the flow separates.' }),
  T({ id: 'areaRatio', name: 'Area ratio (expansion ratio)', symbol: 'ε = Ae/At', ask: 'ε (Ae/At)', si: '–', us: '–',
    formula: 'ε = Ae/At',
    short: 'Nozzle exit area over throat area. A larger ε expands the gas further: lower exit pressure and more vacuum Isp, but at sea level an oversized nozzle over-expands and may separate.' }),
  T({ id: 'pressureRatio', name: 'Pressure ratio', symbol: 'pc/pe', si: '–', us: '–',
    formula: 'pc/pe = chamber pressure / exit pressure',
    short: 'The other way to state a nozzle exit: by how far the gas expands in pressure rather than by the area ratio Ae/At. Each fixes the other for a given propellant and chemistry.' }),
  T({ id: 'throat', name: 'Throat', symbol: 'At', ask: 'the throat', si: 'm²', us: 'ft²',
    formula: 'At = ṁ·c*/pc; Mach = 1 at the throat',
    short: 'The narrowest section of the nozzle, where the flow reaches the speed of sound. Its area At sets the mass flow for a given chamber pressure.' }),
  T({ id: 'tc', name: 'Chamber temperature', symbol: 'Tc', si: 'K', us: '°R',
    formula: 'h(products at Tc, pc) = h(reactants)',
    short: 'The adiabatic flame temperature: the temperature at which the burnt gas in equilibrium has the same enthalpy as the reactants fed in. Hotter gas gives more Isp but is harder on the walls.' }),
  T({ id: 'temperature', name: 'Temperature', symbol: 'T', ask: 'temperature', si: 'K', us: '°R',
    formula: null,
    short: 'The gas temperature at a station: highest in the chamber, falling through the throat to the exit as the gas expands and speeds up.' }),
  T({ id: 'pressure', name: 'Pressure', symbol: 'p', ask: 'pressure', si: 'bar', us: 'psia',
    formula: null,
    short: 'The static gas pressure at a station: the chamber pressure in the chamber, about 55 % of it at the throat, the exit pressure at the exit.' }),
  T({ id: 'density', name: 'Density', symbol: 'ρ', ask: 'density', si: 'kg/m³', us: 'lbm/ft³',
    formula: 'ρ = p·M/(R·T)',
    short: 'Mass per volume of the gas at a station (ideal-gas law with the mixture’s molar mass M).' }),
  T({ id: 'molarMass', name: 'Molar mass', symbol: 'M', ask: 'molar mass M', si: 'kg/kmol', us: 'lbm/lbmol',
    formula: 'M = Σ nj·Mj / Σ nj (gas species)',
    short: 'The average molar mass of the gas mixture. Lighter exhaust (water, hydrogen) leaves faster at the same temperature, which is why hydrogen gives a high Isp.' }),
  T({ id: 'cp', name: 'Specific heat at constant pressure', symbol: 'cp', si: 'kJ/(kg·K)', us: 'BTU/(lbm·°R)',
    formula: 'cp = (∂h/∂T)p',
    short: 'Energy to warm a unit mass of gas by one degree at constant pressure. In shifting equilibrium it includes the heat of the reactions that shift with temperature; “frozen” cp does not.' }),
  T({ id: 'gammaS', name: 'Isentropic exponent', symbol: 'γs', si: '–', us: '–',
    formula: 'γs = (∂ln p/∂ln ρ)s; a = √(γs·p/ρ)',
    short: 'How pressure changes with density in an isentropic expansion; for a frozen ideal gas it equals cp/cv. It sets the speed of sound and how much of the heat the nozzle turns into velocity.' }),
  T({ id: 'soundSpeed', name: 'Speed of sound', symbol: 'a', ask: 'the speed of sound', si: 'm/s', us: 'ft/s',
    formula: 'a = √(γs·p/ρ)',
    short: 'How fast pressure waves travel in the gas; the flow reaches it at the throat.' }),
  T({ id: 'mach', name: 'Mach number', symbol: 'Ma', ask: 'the Mach number', si: '–', us: '–',
    formula: 'Ma = v/a',
    short: 'Flow speed over the local speed of sound: about 0 in the chamber, 1 at the throat, above 1 (supersonic) in the diverging nozzle.' }),
  T({ id: 'enthalpy', name: 'Specific enthalpy', symbol: 'h', ask: 'enthalpy', si: 'kJ/kg', us: 'BTU/lbm',
    formula: 'h = u + p/ρ; ve = √(2·(hc − he))',
    short: 'Energy content of the gas per unit mass (internal energy plus flow work), including heats of formation. The drop from chamber to exit becomes exhaust kinetic energy.' }),
  T({ id: 'entropy', name: 'Specific entropy', symbol: 's', ask: 'entropy', si: 'kJ/(kg·K)', us: 'BTU/(lbm·°R)',
    formula: 's = constant through an ideal (isentropic) nozzle',
    short: 'The expansion through the nozzle is taken as isentropic: every station has the chamber’s entropy.' }),
  T({ id: 'moleFraction', name: 'Mole fraction', symbol: 'xj', ask: 'a mole fraction', si: '–', us: '–',
    formula: 'xj = nj / Σ n',
    short: 'The share of the molecules of species j among all product molecules, at a station. It shows what the exhaust is made of (H2O, CO, CO2, H2, radicals such as OH).' }),
  T({ id: 'shifting', name: 'Shifting equilibrium', symbol: 'shifting equilibrium', si: null, us: null,
    formula: 'composition at every station minimises the Gibbs energy at that station’s T and p',
    short: 'The products stay in chemical equilibrium as they expand: radicals recombine and release heat in the nozzle. An upper bound on performance (CEA’s default).' }),
  T({ id: 'frozen', name: 'Frozen flow', symbol: 'frozen flow', si: null, us: null,
    formula: 'xj = constant after the freezing point (chamber or throat)',
    short: 'The composition stops changing at the chamber (or the throat): no recombination in the nozzle, so a lower bound on performance. Real nozzles lie between frozen and shifting.' }),
  T({ id: 'separation', name: 'Flow separation (Schmucker criterion)', symbol: 'flow separation', si: null, us: null,
    formula: 'separates when pe/pa < (1.88·Me − 1)^−0.64',
    short: 'In a strongly over-expanded nozzle the ambient pressure pushes the flow off the wall before the exit; the nozzle no longer runs full and its ambient Isp formula does not apply. Schmucker’s fit to test data (1973, quoted in Sutton & Biblarz) predicts when.' }),
  T({ id: 'viscosity', name: 'Viscosity', symbol: 'μ', ask: 'viscosity', si: 'µPa·s', us: 'lbm/(ft·h)',
    formula: 'τ = μ·∂u/∂y',
    short: 'The gas’s resistance to shear: it sets boundary-layer friction and heat transfer to the nozzle wall.' }),
  T({ id: 'conductivity', name: 'Thermal conductivity', symbol: 'k', ask: 'thermal conductivity', si: 'W/(m·K)', us: 'BTU/(h·ft·°R)',
    formula: 'q = −k·∂T/∂y',
    short: 'How well the gas conducts heat. “Equilibrium” includes the heat carried by reacting species (dissociation and recombination); “frozen” does not.' }),
  T({ id: 'prandtl', name: 'Prandtl number', symbol: 'Pr', ask: 'the Prandtl number', si: '–', us: '–',
    formula: 'Pr = μ·cp/k',
    short: 'Momentum diffusion over heat diffusion in the gas; used in wall heat-transfer correlations (Bartz). About 0.4 to 0.8 for rocket exhaust.' }),
  T({ id: 'idealRocket', name: 'Ideal rocket', symbol: 'ideal rocket', ask: 'the ideal rocket', si: null, us: null,
    formula: 'c* = √(R·Tc/(γ·M)) · ((γ+1)/2)^((γ+1)/(2(γ−1)))',
    short: 'The textbook model: a perfect gas with constant γ and fixed composition, expanding isentropically. Quick, and within a few per cent of equilibrium for many propellants.' }),
  T({ id: 'paretoFront', name: 'Pareto front', symbol: 'Pareto front', ask: 'a Pareto front', si: null, us: null,
    formula: 'a design is on the front if no other is at least as good in every objective and better in one',
    short: 'The set of best trade-offs between objectives (say, Isp against density-Isp): improving one objective along the front costs another.' }),
  T({ id: 'nsga', name: 'NSGA-II / NSGA-III', symbol: 'NSGA-II/III', si: null, us: null,
    formula: null,
    short: 'Non-dominated Sorting Genetic Algorithms (Deb et al. 2002; Deb & Jain 2014): evolve a population of designs, keeping the non-dominated ones and spreading them along the front (by crowding distance in II, by reference directions in III, for three objectives).' }),
  T({ id: 'hypervolume', name: 'Hypervolume', symbol: 'HV', ask: 'hypervolume', si: null, us: null,
    formula: 'HV = volume of objective space dominated by the front, up to a reference point',
    short: 'One number for the quality of a front: it grows as the front moves toward better values and spreads out. It tracks an optimisation’s progress.' }),
  T({ id: 'costPerImpulse', name: 'Propellant cost per impulse', symbol: 'cost per impulse', si: 'USD/(kN·s)', us: 'USD/(klbf·s)',
    formula: 'cost per impulse = cost per kg of propellant / Isp (m/s)',
    short: 'What the propellant for one unit of total impulse costs, from the library’s prices per kilogram.' }),
  T({ id: 'surrogate', name: 'Surrogate model', symbol: 'surrogate model', ask: 'a surrogate model', si: null, us: null,
    formula: null,
    short: 'A small neural network trained on engine results that predicts them almost instantly, with an uncertainty from an ensemble. Trust it only inside its training range.' }),
  T({ id: 'efficiency', name: 'Delivered efficiency', symbol: 'η', ask: 'delivered efficiency η', si: '–', us: '–',
    formula: 'η = Isp,measured / Isp,ideal',
    short: 'What a real engine delivers against the equilibrium prediction at the same conditions; Learn fits it to your test firings (typically 0.9 to 0.98).' }),
  T({ id: 'predictionInterval', name: '95 % interval', symbol: '95 % interval', ask: 'the 95 % interval', si: null, us: null,
    formula: 'mean ± 1.96·σ',
    short: 'The range a model expects the true value to fall in 95 times in 100, from the spread of its ensemble; it does not hold outside the training range (extrapolation).' }),
  T({ id: 'expectedImprovement', name: 'Expected improvement', symbol: 'EI', ask: 'expected improvement', si: null, us: null,
    formula: 'EI = E[max(f − f_best, 0)]',
    short: 'How much a test at a point is expected to beat the best result so far, counting the model’s uncertainty: Learn suggests the point where it is largest.' }),
] as const satisfies readonly GlossaryTerm[];

export type TermId = (typeof GLOSSARY)[number]['id'];

const BY_ID = new Map<string, GlossaryTerm>(GLOSSARY.map((t) => [t.id, t]));

/** The entry for an id (undefined for an unknown one). */
export function glossaryTerm(id: string): GlossaryTerm | undefined {
  return BY_ID.get(id);
}

/** The glossary entry that explains a station property (the keys of a Station), if there is one. */
export const STATION_TERMS: Readonly<Record<string, TermId>> = {
  p: 'pressure', T: 'temperature', rho: 'density', h: 'enthalpy', s: 'entropy', M: 'molarMass', cp: 'cp',
  gammaS: 'gammaS', a: 'soundSpeed', mach: 'mach', areaRatio: 'areaRatio', cstar: 'cstar', cf: 'cf',
  ispVac: 'ispVac', isp: 'ispMatched', ispAmb: 'ispAmb', viscosity: 'viscosity', conductivity: 'conductivity',
  conductivityFrozen: 'conductivity', cpFrozen: 'cp', prandtl: 'prandtl', prandtlFrozen: 'prandtl',
};

/** The toggletip's question, its button's accessible name: "What is c*?". */
export const termQuestion = (t: GlossaryTerm) => `What is ${t.ask ?? t.symbol}?`;

/** A unit as the glossary shows it: the app's "–" for a pure number says so. */
export const shownUnit = (u: string) => (u === '–' ? '– (a pure number)' : u);

/** The glossary page's address for a term (a hash route). */
export const glossaryHref = (id: string) => `#/glossary?term=${encodeURIComponent(id)}`;
