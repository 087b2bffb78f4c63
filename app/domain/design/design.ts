// A thrust chamber from a thrust requirement: sizing (throat from the delivered thrust coefficient,
// mass flow from the delivered c*), the drawn contour (chamber from L* or a length, nozzle as a
// cone, a Rao bell or a method-of-characteristics wall), the flow along the axis (isentropic,
// frozen γ, from the local area ratio) and the wall heat flux by Bartz, with its integral.
import { err, ok, type Result } from '../result.ts';
import { checkSeparation, SEPARATION_CRITERION } from '../separation.ts';
import type { RocketResult, Station } from '../problem.ts';
import type { DesignSpec } from './spec.ts';
import { areaRatioOfMach, machOfAreaRatio, machOfPressureRatio, momentumThrustCoefficient, pressureRatio, temperatureRatio, vandenkerckhove } from './isentropic.ts';
import { convergentSection, divergenceEfficiencyOf, divergentSection, surfaceArea, type NozzleShape, type XR } from './contour.ts';
import { adiabaticWallTemperature, bartzCoefficient, type BartzGas } from './bartz.ts';
import { RAO_SOURCE } from './rao.ts';

export const R_UNIVERSAL = 8.314462618; // J/(mol·K)

/** What the nozzle flow is, whichever way it was obtained (gas properties or the engine). */
export interface NozzleFlow {
  /** Nozzle stagnation pressure (p∞ with a finite combustor), Pa. */
  p0: number;
  /** Stagnation temperature, K. */
  T0: number;
  /** Ideal c*, m/s. */
  cstar: number;
  /** Frozen γ used for the geometry (MOC) and the flow along the axis. */
  gamma: number;
  /** Area ratio and exit pressure of the nozzle (Pa). */
  areaRatio: number;
  pe: number;
  /** Ideal momentum thrust coefficient ue/c* (no pressure term). */
  cfMomentum: number;
  /** Exit Mach number. */
  exitMach: number;
  /** Transport and heat capacity for Bartz. */
  cp: number;
  viscosity: number;
  prandtl: number;
  /** What was used, for `model`. */
  model: Record<string, unknown>;
}

/** The nozzle flow of ideal-gas properties with frozen γ (Sutton & Biblarz ch. 3). */
export function flowFromGas(spec: DesignSpec): NozzleFlow {
  const g = spec.gas!;
  const R = R_UNIVERSAL / g.molarMass;
  const cstar = Math.sqrt(R * g.Tc) / vandenkerckhove(g.gamma);
  let eps: number;
  let Me: number;
  if (spec.areaRatio !== undefined) {
    eps = spec.areaRatio;
    Me = machOfAreaRatio(eps, g.gamma, true);
  } else {
    Me = machOfPressureRatio(spec.pe! / g.pc, g.gamma);
    eps = areaRatioOfMach(Me, g.gamma);
  }
  const pe = g.pc * pressureRatio(Me, g.gamma);
  return {
    p0: g.pc, T0: g.Tc, cstar, gamma: g.gamma, areaRatio: eps, pe, exitMach: Me,
    cfMomentum: momentumThrustCoefficient(pe / g.pc, g.gamma),
    cp: g.cp, viscosity: g.viscosity, prandtl: g.prandtl,
    model: { gas: 'given properties, ideal gas of frozen γ (no chemistry)', combustor: 'infinite-area (stagnation at pc)', transport: 'given (gas.viscosity, gas.prandtl, gas.cp)' },
  };
}

/**
 * The nozzle flow of an engine result whose only exit is the design's: c*, pe, ue from the engine
 * (equilibrium or frozen as the problem asked); transport properties and frozen cp of the gas
 * entering the nozzle (the combustor end with a finite chamber); γ for the drawn flow = the throat's γs.
 */
export function flowFromEngine(r: RocketResult, problem: Record<string, unknown>, combustor: string): Result<NozzleFlow> {
  const first = r.exits[0];
  if (!first || 'error' in first) {
    const e = first && 'error' in first ? first.error : { code: 'no-exit', message: 'the engine gave no exit' };
    return err(e.code, `the nozzle exit could not be solved: ${e.message}`, 'areaRatio');
  }
  const exit: Station = first;
  const gasIn: Station = r.combustorEnd ?? r.chamber;
  const viscosity = gasIn.viscosity;
  const prandtl = gasIn.prandtlFrozen ?? gasIn.prandtl;
  const cp = gasIn.cpFrozen ?? gasIn.cp;
  if (viscosity === undefined || prandtl === undefined) {
    return err('no-transport', 'the engine gave no transport properties for this propellant system, so Bartz cannot be applied: give "gas" with viscosity and prandtl instead', 'problem');
  }
  const p0 = r.pInf ?? (problem.pc as number);
  return ok({
    p0, T0: r.chamber.T, cstar: r.throat.cstar, gamma: r.throat.gammaS,
    areaRatio: exit.areaRatio, pe: exit.p, exitMach: exit.mach,
    cfMomentum: exit.isp / r.throat.cstar,
    cp, viscosity, prandtl,
    model: {
      gas: `engine: chemical equilibrium (NASA CEA method), ${problem.chemistry === 'frozen' ? 'frozen' : 'shifting equilibrium'} expansion; c*, pe and exit velocity from the engine`,
      combustor,
      transport: `engine transport properties (CEA2 method) of the ${r.combustorEnd ? 'combustor end' : 'chamber'}: viscosity ${viscosity.toPrecision(4)} Pa·s, frozen Pr ${prandtl.toPrecision(4)}, frozen cp ${cp.toPrecision(5)} J/(kg·K)`,
      axisGamma: `flow along the axis and MOC at the throat's γs = ${r.throat.gammaS.toPrecision(5)} (frozen)`,
    },
  });
}

export interface HeatFluxRow {
  x: number; r: number; areaRatio: number; mach: number; p: number; T: number;
  /** W/(m²·K). */
  h: number;
  /** W/m². */
  q: number;
  /** K. */
  Taw: number;
}

export interface DesignResult {
  massFlow: number;
  throatDiameter: number;
  exitDiameter: number;
  chamberDiameter: number;
  /** Length of the cylindrical part, m. */
  chamberLength: number;
  /** Throat to exit, m. */
  nozzleLength: number;
  divergenceEfficiency: number;
  thetaN?: number;
  thetaE?: number;
  thrust: number;
  ispDelivered: number;
  contour: XR[];
  /** x of every tangency joint of the contour (cylinder/fillet, fillet/cone, cone/throat arc, arc/nozzle), m. */
  tangencies: number[];
  heatFlux: HeatFluxRow[];
  heatLoad: number;
  // extras
  areaRatio: number;
  pe: number;
  exitMach: number;
  contractionRatio: number;
  cstar: number;
  cstarDelivered: number;
  cfDelivered: number;
  ispVacDelivered: number;
  /** Injector face to throat, m. */
  injectorToThroat: number;
  chamberVolume: number;
  lStar: number;
  chamberSurfaceArea: number;
  nozzleSurfaceArea: number;
  heatLoadChamber: number;
  heatLoadNozzle: number;
  maxHeatFlux: number;
  warnings: string[];
  model: Record<string, unknown>;
}

/** The whole design for a validated spec and its nozzle flow. */
export function designChamber(spec: DesignSpec, flow: NozzleFlow): Result<DesignResult> {
  const warnings: string[] = [];
  const nz = spec.nozzle;
  // the divergence loss is on the momentum term only; the pressure term acts on the exit area
  const shape: NozzleShape = nz.type === 'moc' ? { type: 'moc', planar: nz.planar, characteristics: nz.characteristics, gamma: flow.gamma } : nz;
  // λ does not depend on the throat's size: the contour is drawn once Rt is known
  const lambda = divergenceEfficiencyOf(shape, flow.areaRatio);
  const cfDelivered = lambda * flow.cfMomentum + (flow.areaRatio * (flow.pe - spec.pamb)) / flow.p0;
  const cfVac = lambda * flow.cfMomentum + (flow.areaRatio * flow.pe) / flow.p0;
  if (!(cfDelivered > 0)) {
    return err('no-thrust', `at ambient ${spec.pamb} Pa this nozzle (exit pressure ${flow.pe.toPrecision(4)} Pa, area ratio ${flow.areaRatio.toPrecision(4)}) gives no thrust: lower pamb or the area ratio`, 'pamb');
  }
  const sep = checkSeparation(flow.pe, flow.exitMach, spec.pamb);
  if (sep?.separated) warnings.push(`the flow would separate from the nozzle wall at ${spec.pamb} Pa (${SEPARATION_CRITERION}: pe/pa ${sep.peOverPamb.toPrecision(3)} < ${sep.limit.toPrecision(3)}); the thrust of a full-flowing nozzle is given`);
  const cstarDel = spec.cstarEfficiency * flow.cstar;
  const ispDelivered = cstarDel * cfDelivered;
  const At = spec.thrust / (flow.p0 * cfDelivered);
  const Rt = Math.sqrt(At / Math.PI);
  const massFlow = (flow.p0 * At) / cstarDel;
  const Rc = Rt * Math.sqrt(spec.chamber.contractionRatio);
  const ch = spec.chamber;
  const conv = convergentSection({ Rt, Rc, convergenceAngle: ch.convergenceAngle, ru: ch.upstreamRadius * Rt, rf: ch.filletRadius * Rt });
  if (!conv) {
    return err('bad-geometry', `the contraction ratio ${ch.contractionRatio} is too small for a ${ch.convergenceAngle}° convergent with throat arc ${ch.upstreamRadius} Rt and fillet ${ch.filletRadius} Rt: raise it or make the radii smaller`, 'chamber.contractionRatio');
  }
  let Lcyl: number;
  if (ch.lStar !== undefined) {
    Lcyl = (ch.lStar * At - conv.volume) / (Math.PI * Rc * Rc);
    if (!(Lcyl >= 0)) {
      const minL = conv.volume / At;
      return err('bad-geometry', `L* ${ch.lStar} m is shorter than the convergent section alone (${minL.toPrecision(3)} m at this contraction ratio): raise chamber.lStar`, 'chamber.lStar');
    }
  } else Lcyl = ch.length!;
  const div = divergentSection(Rt, flow.areaRatio, shape);
  warnings.push(...div.notes.filter((n) => n.includes('outside') || n.includes('bends back') || n.includes('planar:')));
  const x0 = conv.xCylinderEnd - Lcyl;
  const contour: XR[] = [];
  const nCyl = Math.max(2, Math.min(24, Math.ceil(Lcyl / (0.25 * Rt))));
  for (let i = 0; i < nCyl; i++) contour.push({ x: x0 + (Lcyl * i) / nCyl, r: Rc });
  for (const p of conv.points) contour.push(p);
  for (const p of div.points.slice(1)) contour.push(p);

  // flow along the axis and Bartz at every contour point
  const rCurv = nz.type === 'moc' ? ch.upstreamRadius * Rt : 0.5 * (ch.upstreamRadius + nz.downstreamRadius) * Rt;
  const bg: BartzGas = { p0: flow.p0, T0: flow.T0, cstar: cstarDel, gamma: flow.gamma, cp: flow.cp, viscosity: flow.viscosity, prandtl: flow.prandtl };
  const planar = nz.type === 'moc' && nz.planar;
  const heatFlux: HeatFluxRow[] = contour.map((p) => {
    const ar = Math.max(1, planar && p.x > 0 ? p.r / Rt : (p.r / Rt) ** 2);
    const M = p.x === 0 ? 1 : machOfAreaRatio(ar, flow.gamma, p.x > 0);
    const h = bartzCoefficient(bg, 2 * Rt, rCurv, ar, M, spec.wallTemperature);
    const Taw = adiabaticWallTemperature(flow.T0, M, flow.gamma, flow.prandtl);
    return { x: p.x, r: p.r, areaRatio: ar, mach: M, p: flow.p0 * pressureRatio(M, flow.gamma), T: flow.T0 * temperatureRatio(M, flow.gamma), h, q: h * (Taw - spec.wallTemperature), Taw };
  });
  let heatLoadChamber = 0;
  let heatLoadNozzle = 0;
  for (let i = 1; i < heatFlux.length; i++) {
    const a = heatFlux[i - 1];
    const b = heatFlux[i];
    const dq = Math.PI * (a.q * a.r + b.q * b.r) * Math.hypot(b.x - a.x, b.r - a.r);
    if (b.x <= 0) heatLoadChamber += dq;
    else heatLoadNozzle += dq;
  }
  const chamberPts = contour.filter((p) => p.x <= 0);
  const nozzlePts = div.points;
  const chamberVolume = conv.volume + Math.PI * Rc * Rc * Lcyl;
  return ok({
    massFlow,
    throatDiameter: 2 * Rt,
    exitDiameter: 2 * div.points[div.points.length - 1].r,
    chamberDiameter: 2 * Rc,
    chamberLength: Lcyl,
    nozzleLength: div.length,
    divergenceEfficiency: div.divergenceEfficiency,
    ...(div.thetaN !== undefined && nz.type === 'bell' ? { thetaN: div.thetaN, thetaE: div.thetaE } : {}),
    ...(nz.type === 'moc' ? { thetaN: div.thetaN } : {}),
    thrust: massFlow * ispDelivered,
    ispDelivered,
    contour,
    tangencies: [conv.xCylinderEnd, ...conv.joints, 0, ...div.joints],
    heatFlux,
    heatLoad: heatLoadChamber + heatLoadNozzle,
    areaRatio: flow.areaRatio,
    pe: flow.pe,
    exitMach: flow.exitMach,
    contractionRatio: ch.contractionRatio,
    cstar: flow.cstar,
    cstarDelivered: cstarDel,
    cfDelivered,
    ispVacDelivered: cstarDel * cfVac,
    injectorToThroat: -x0,
    chamberVolume,
    lStar: chamberVolume / At,
    chamberSurfaceArea: surfaceArea(chamberPts),
    nozzleSurfaceArea: surfaceArea(nozzlePts),
    heatLoadChamber,
    heatLoadNozzle,
    maxHeatFlux: Math.max(...heatFlux.map((r) => r.q)),
    warnings,
    model: {
      ...flow.model,
      sizing: `At = F/(p0·Cf), Cf = λ·Cf,momentum + ε·(pe − pamb)/p0; ṁ = p0·At/(η_c*·c*); Isp = η_c*·c*·Cf; c* efficiency ${spec.cstarEfficiency}`,
      nozzle: nz.type === 'conical'
        ? `conical, half-angle ${nz.halfAngle}°, throat arcs ${ch.upstreamRadius} Rt upstream and ${nz.downstreamRadius} Rt downstream; λ = (1 + cos α)/2`
        : nz.type === 'bell'
          ? `Rao thrust-optimised parabolic bell, ${(nz.lengthFraction * 100).toFixed(0)} % of the 15° cone; θn/θe from ${RAO_SOURCE}; quadratic Bézier after arcs ${ch.upstreamRadius} Rt upstream and ${nz.downstreamRadius} Rt downstream; λ from the exit-plane momentum with the flow angle rising linearly from the axis to θe`
          : div.notes[0],
      chamber: `cylinder ${ch.lStar !== undefined ? `from L* = ${ch.lStar} m (Vc = L*·At, convergent included)` : `of given length ${Lcyl} m`}, contraction ratio ${ch.contractionRatio}, convergent ${ch.convergenceAngle}° with a ${ch.filletRadius} Rt fillet`,
      axis: `Mach, pressure and temperature from the local area ratio, isentropic with frozen γ = ${flow.gamma.toPrecision(5)}`,
      heatFlux: `Bartz (1957) with σ correction (ω = 0.6), throat radius of curvature ${(rCurv / Rt).toPrecision(3)} Rt (${nz.type === 'moc' ? 'upstream arc' : 'mean of the two throat arcs'}), c* delivered, recovery factor Pr^(1/3) (turbulent), wall at ${spec.wallTemperature} K; heat load = ∫ q·2πr ds over the wall`,
      bartzLeavesOut: 'Bartz is a turbulent-pipe correlation fitted at the throat: it ignores the boundary layer history (entrance effects, laminarisation in strong acceleration: it over-predicts in the convergent part and near the throat, by up to 2× in tests), gas radiation, soot and deposits, film cooling, injector streaks and incomplete combustion near the wall.',
    },
  });
}

/** Whole design from gas properties (no engine). */
export function designFromGas(spec: DesignSpec): Result<DesignResult> {
  return designChamber(spec, flowFromGas(spec));
}
