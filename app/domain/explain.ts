// Explanations from the numbers: a few sentences about an engine result, each claim computed from
// the result it explains and carrying its figures (SI, named with their units), so a test (or a
// reader) can check every number stated against the result. Offline and always on: no model is
// involved. The text is in the user's unit system; the figures stay SI.
import type { RocketProblem, RocketResult, Station, ExitResult } from './problem.ts';
import type { UnitSystem } from './experiment.ts';
import { G0, toDisplay, unitLabel, type Quantity } from './units.ts';
import { formatSig } from './number-text.ts';
import { checkSeparation, SEPARATION_CRITERION, SEPARATION_CRITERION_FORMULA } from './separation.ts';
import { propellantDensity } from './propellants.ts';

export type ClaimId = 'optimum' | 'why-peak' | 'dissociation' | 'frozen-shifting' | 'expansion' | 'separation' | 'condensed' | 'density-isp' | 'finite-chamber';

export interface Claim<Id extends string = ClaimId> {
  id: Id;
  /** One or two sentences a student can read, every number in them taken from `figures`. */
  text: string;
  /** The numbers the text states, SI (names carry the unit): what a test compares with the result. */
  figures: Record<string, number>;
}

/** An O/F search's answer (what Explore's optimum and Sweep's per-curve optimum report). */
export interface OptimumFound {
  of: number;
  /** The maximised value: vacuum Isp (m/s) or density-Isp (N·s/m³). */
  value: number;
  quantity: 'ispVac' | 'densityIsp';
}

export interface ExplainInput {
  problem: RocketProblem;
  /** The engine's answer for the design point. */
  result: RocketResult;
  system?: UnitSystem;
  /** The optimum O/F of vacuum Isp (and the engine's answer at it, for the reason it peaks there). */
  optimum?: OptimumFound & { result?: RocketResult };
  /** The O/F where the chamber is hottest and the engine's answer there (the other end of "why"). */
  hottest?: { of: number; result: RocketResult };
  /** The same problem solved with frozen composition (from the chamber). */
  frozen?: RocketResult;
  /** Density of each reactant, kg/m³, in the problem's order (for density-Isp). */
  densities?: number[] | null;
  /** The density-Isp optimum O/F, when one was searched. */
  densityOptimum?: OptimumFound;
}

/**
 * Standard enthalpies of formation at 298.15 K of the radicals and atoms a hot chamber holds, J/mol:
 * NIST-JANAF Thermochemical Tables, 4th ed. (M. W. Chase, J. Phys. Chem. Ref. Data Monograph 9, 1998).
 * The energy they hold is given back when they recombine (to H2, O2, H2O, N2 …) in the nozzle.
 */
export const RADICAL_ENTHALPY_J_MOL: Record<string, number> = {
  H: 217_999, O: 249_173, OH: 38_987, N: 472_683, NO: 90_291, CL: 121_302, F: 79_380,
};

/** Condensed species: thermo.inp names them with a phase in parentheses, "AL2O3(L)", "C(gr)", "K2CO3(L)". */
export const isCondensed = (species: string) => /\((?:L|cr|a|b|c|gr|I|II|III)\)$/i.test(species);

const isStation = (e: ExitResult | undefined): e is Station => !!e && !('ok' in e);

/** Text of an SI value in the user's units, 4 significant digits: "100 bar", "3720 K". */
export function show(q: Quantity, si: number, system: UnitSystem, digits = 4): string {
  const u = unitLabel(q, system);
  const v = formatSig(toDisplay(q, si, system), digits);
  return u === '–' ? v : `${v} ${u}`;
}
/** Isp as both figures engineers read: "364.3 s (3573 m/s)". */
export const showIsp = (isp_m_s: number, system: UnitSystem) => `${formatSig(isp_m_s / G0, 4)} s (${show('velocity', isp_m_s, system)})`;
export const pct = (x: number, digits = 3) => `${formatSig(100 * x, digits)} %`;
export const num = (x: number, digits = 4) => formatSig(x, digits);

/** Energy held by radicals in a station's gas, J/kg of mixture: Σ xᵢ·ΔfHᵢ / MW (MW per mole of all species). */
export function radicalEnergy(s: Station): { energy_J_kg: number; fractions: Record<string, number> } {
  const fractions: Record<string, number> = {};
  let perMol = 0;
  for (const [sp, h] of Object.entries(RADICAL_ENTHALPY_J_MOL)) {
    const x = s.moleFractions[sp] ?? 0;
    if (x > 0) {
      fractions[sp] = x;
      perMol += x * h;
    }
  }
  // J/mol of mixture ÷ g/mol = J/g → ×1000 J/kg
  return { energy_J_kg: (perMol / s.MW) * 1000, fractions };
}

/** The explanations of one engine result, in the order a reader wants them. */
export function explainResult(input: ExplainInput): Claim[] {
  const system = input.system ?? 'SI';
  const { problem, result } = input;
  const chamber = result.chamber;
  const exit = result.exits.find(isStation);
  const claims: Claim[] = [];

  // Where Isp peaks, and why there: Isp follows √(Tc/M) (c* = √(R·Tc/M)/Γ), so a lighter exhaust can beat a hotter one.
  const opt = input.optimum;
  if (opt && opt.quantity === 'ispVac') {
    claims.push({
      id: 'optimum',
      text: `Vacuum Isp peaks at O/F ${num(opt.of)} with ${showIsp(opt.value, system)}` +
        (exit && problem.of !== undefined ? `; this design, at O/F ${num(problem.of)}, gives ${showIsp(exit.ispVac, system)}.` : '.'),
      figures: { ofOptimum: opt.of, ispVacOptimum_m_s: opt.value, ...(exit && problem.of !== undefined ? { ofDesign: problem.of, ispVacDesign_m_s: exit.ispVac } : {}) },
    });
    const hot = input.hottest;
    const optChamber = opt.result?.chamber;
    if (hot && optChamber && Math.abs(hot.of - opt.of) > 1e-3 * opt.of) {
      const hc = hot.result.chamber;
      const side = opt.of < hot.of ? 'fuel-rich' : 'oxidizer-rich';
      const ratioOpt = optChamber.T / optChamber.M;
      const ratioHot = hc.T / hc.M;
      const where = `The peak lies ${side} of the hottest flame (O/F ${num(hot.of)}, ${show('temperature', hc.T, system)}; ${show('temperature', optChamber.T, system)} at the peak).`;
      const lighter = optChamber.M < hc.M && ratioOpt > ratioHot;
      claims.push({
        id: 'why-peak',
        text: lighter
          ? `${where} The peak's gas is cooler but lighter, molar mass ${num(optChamber.M)} against ${num(hc.M)} kg/kmol, and Isp grows with √(Tc/M): ` +
            `Tc/M is ${num(ratioOpt)} K·kmol/kg at the peak against ${num(ratioHot)} at the hottest point.`
          : `${where} Here Tc/M alone does not place the peak (${num(ratioOpt)} K·kmol/kg at the peak against ${num(ratioHot)} at the hottest point, molar mass ${num(optChamber.M)} against ${num(hc.M)} kg/kmol): ` +
            'the nozzle decides it: how much heat recombination gives back during expansion, and the gas\'s heat-capacity ratio.',
        figures: { ofHottest: hot.of, TcHottest_K: hc.T, TcOptimum_K: optChamber.T, MOptimum_kg_kmol: optChamber.M, MHottest_kg_kmol: hc.M, TcOverMOptimum: ratioOpt, TcOverMHottest: ratioHot },
      });
    }
  }

  // Dissociation: radicals hold energy in the chamber; shifting equilibrium gives part of it back in the nozzle.
  const rc = radicalEnergy(chamber);
  const radicalTotal = Object.values(rc.fractions).reduce((a, b) => a + b, 0);
  if (radicalTotal >= 0.005) {
    const listed = Object.entries(rc.fractions).sort((a, b) => b[1] - a[1]).filter(([, x]) => x >= 0.001);
    const figures: Record<string, number> = { Tc_K: chamber.T, radicalMoleFraction: radicalTotal, radicalEnergyChamber_J_kg: rc.energy_J_kg };
    for (const [sp, x] of listed) figures[`x_${sp}`] = x;
    let tail = '';
    if (exit) {
      const re = radicalEnergy(exit);
      const ke = exit.ispVac > 0 ? 0.5 * (exit.mach * exit.a) ** 2 : NaN;
      figures.radicalEnergyExit_J_kg = re.energy_J_kg;
      figures.exitKineticEnergy_J_kg = ke;
      tail = ` At the exit ${show('specificEnthalpy', re.energy_J_kg, system)} remains` +
        (Number.isFinite(ke) ? `; the chamber figure is ${pct(rc.energy_J_kg / ke)} of the exhaust's kinetic energy (${show('specificEnthalpy', ke, system)}).` : '.');
      figures.radicalShareOfKineticEnergy = rc.energy_J_kg / ke;
    }
    claims.push({
      id: 'dissociation',
      text: `At ${show('temperature', chamber.T, system)} the flame is partly dissociated: ${pct(radicalTotal)} of the chamber gas (by moles) is ${listed.map(([sp, x]) => `${sp} ${pct(x)}`).join(', ')}, ` +
        `holding ${show('specificEnthalpy', rc.energy_J_kg, system)} (their enthalpy of formation) that is not heat until they recombine.${tail}`,
      figures,
    });
  }

  // Frozen against shifting: frozen composition never gets the recombination energy back.
  const fExit = input.frozen?.exits.find(isStation);
  if (exit && fExit) {
    const loss = exit.ispVac - fExit.ispVac;
    claims.push({
      id: 'frozen-shifting',
      text: `With the composition frozen at the chamber the vacuum Isp is ${showIsp(fExit.ispVac, system)}, ${show('velocity', loss, system)} (${pct(loss / exit.ispVac)}) below shifting equilibrium's ${showIsp(exit.ispVac, system)}: ` +
        `frozen flow keeps the radicals and the exhaust leaves at ${show('temperature', fExit.T, system)} instead of ${show('temperature', exit.T, system)}.`,
      figures: { ispVacShifting_m_s: exit.ispVac, ispVacFrozen_m_s: fExit.ispVac, loss_m_s: loss, lossFraction: loss / exit.ispVac, TeShifting_K: exit.T, TeFrozen_K: fExit.T },
    });
  }

  // Expansion against the ambient pressure, and separation by the criterion Explore uses.
  const pamb = problem.pamb;
  if (exit && pamb !== undefined) {
    if (pamb <= 0) {
      claims.push({
        id: 'expansion',
        text: `In vacuum every nozzle is under-expanded: the gas leaves at ${show('pressure', exit.p, system)} and area ratio ${num(exit.areaRatio)}; a larger area ratio still adds Isp, at the cost of nozzle length and mass.`,
        figures: { pe_Pa: exit.p, pamb_Pa: pamb, areaRatio: exit.areaRatio },
      });
    } else {
      const r = exit.p / pamb;
      const state = Math.abs(r - 1) <= 0.02 ? 'matched to the ambient pressure (ideal expansion, the most thrust this nozzle length can give)'
        : r > 1 ? 'under-expanded: the gas could push on a longer nozzle and still leaves with pressure to spare'
          : 'over-expanded: the ambient air pushes back on the last part of the nozzle';
      claims.push({
        id: 'expansion',
        text: `The exit pressure ${show('pressure', exit.p, system)} is ${pct(r, 3)} of the ambient ${show('pressure', pamb, system)}, so the nozzle is ${state}.` +
          (exit.ispAmb !== undefined ? ` Isp at ambient is ${showIsp(exit.ispAmb, system)} against ${showIsp(exit.ispVac, system)} in vacuum.` : ''),
        figures: { pe_Pa: exit.p, pamb_Pa: pamb, peOverPamb: r, ...(exit.ispAmb !== undefined ? { ispAmb_m_s: exit.ispAmb } : {}), ispVac_m_s: exit.ispVac },
      });
      const sep = checkSeparation(exit.p, exit.mach, pamb);
      if (sep && r < 1) {
        claims.push({
          id: 'separation',
          text: sep.separated
            ? `The flow would separate from the wall: pe/pa = ${num(sep.peOverPamb, 3)} is below ${SEPARATION_CRITERION} limit ${num(sep.limit, 3)} (${SEPARATION_CRITERION_FORMULA}, exit Mach ${num(exit.mach, 3)}), so the full-flowing ambient Isp does not apply; a smaller area ratio would flow full.`
            : `The flow stays attached: pe/pa = ${num(sep.peOverPamb, 3)} is above ${SEPARATION_CRITERION} limit ${num(sep.limit, 3)} (${SEPARATION_CRITERION_FORMULA}, exit Mach ${num(exit.mach, 3)}).`,
          figures: { peOverPamb: sep.peOverPamb, separationLimit: sep.limit, machExit: exit.mach, separated: sep.separated ? 1 : 0 },
        });
      }
    }
  }

  // Condensed products: particles do no expansion work and lag the gas (two-phase loss, not in this figure).
  const station = exit ?? chamber;
  const condensed = Object.entries(station.moleFractions).filter(([sp, x]) => isCondensed(sp) && x > 0).sort((a, b) => b[1] - a[1]);
  const condensedTotal = condensed.reduce((a, [, x]) => a + x, 0);
  if (condensedTotal >= 1e-4) {
    const figures: Record<string, number> = { condensedMoleFraction: condensedTotal, M_kg_kmol: station.M, MW_kg_kmol: station.MW };
    for (const [sp, x] of condensed) figures[`x_${sp}`] = x;
    claims.push({
      id: 'condensed',
      text: `${pct(condensedTotal)} of the ${exit ? 'exhaust' : 'chamber products'} (by moles) is condensed: ${condensed.filter(([, x]) => x >= 1e-4).map(([sp, x]) => `${sp} ${pct(x)}`).join(', ')}. ` +
        `The particles add mass but no gas to expand (molar mass of the gas ${num(station.M)} kg/kmol, of the whole mixture ${num(station.MW)}), and in a real motor they lag the gas and cool slower: ` +
        'a two-phase loss of a few per cent that this equilibrium figure, which lets them keep pace, leaves out.',
      figures,
    });
  }

  // Density-Isp: what counts when tank volume, not propellant mass, limits the vehicle.
  const dens = input.densities;
  if (exit && dens && dens.length === problem.reactants.length && problem.of !== undefined && problem.reactants.some((r) => r.role)) {
    const rho = propellantDensity(problem.reactants, dens, problem.of);
    const dIsp = exit.ispVac * rho;
    const dOpt = input.densityOptimum;
    let more = '';
    const figures: Record<string, number> = { bulkDensity_kg_m3: rho, densityIsp_N_s_m3: dIsp, ispVac_m_s: exit.ispVac };
    if (dOpt && opt && opt.quantity === 'ispVac') {
      figures.ofDensityOptimum = dOpt.of;
      figures.ofIspOptimum = opt.of;
      more = ` Density-Isp peaks at O/F ${num(dOpt.of)}, ${dOpt.of > opt.of ? 'richer in oxidizer than' : 'at or below'} the Isp peak (${num(opt.of)}): ` +
        (dOpt.of > opt.of ? 'the oxidizer is the denser liquid, so more of it shrinks the tanks faster than it costs Isp.' : 'here the fuel is the denser liquid.');
    }
    claims.push({
      id: 'density-isp',
      text: `The propellant's bulk density at O/F ${num(problem.of)} is ${show('density', rho, system)}, so density-Isp (Isp × density, for volume-limited stages) is ${show('densityImpulse', dIsp, system)}.${more}`,
      figures,
    });
  }

  // A finite chamber: heat added in a constant-area duct costs stagnation pressure (Rayleigh flow).
  if (result.pInf !== undefined && result.combustorEnd) {
    const drop = 1 - result.pInf / problem.pc;
    claims.push({
      id: 'finite-chamber',
      text: `The finite-area chamber loses stagnation pressure as the gas speeds up while it burns: the nozzle sees ${show('pressure', result.pInf, system)} instead of the injector's ${show('pressure', problem.pc, system)} (${pct(drop)} less), and c*, Cf and Isp refer to that pressure.`,
      figures: { pInf_Pa: result.pInf, pc_Pa: problem.pc, stagnationLoss: drop },
    });
  }
  return claims;
}
