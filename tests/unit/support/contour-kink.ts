// Slope continuity of a sampled wall contour, for the design tests.
import type { XR } from '../../../app/domain/design/contour.ts';

const DEG = 180 / Math.PI;

/**
 * Largest mismatch (degrees) between the tangent a vertex gets from the two segments before it
 * and the one it gets from the two segments after it, each extrapolated to the vertex (exact for
 * uniformly sampled arcs and lines, second order for the parabola). A vertex next to a joint is
 * skipped, as one of its pairs straddles a jump in curvature (which is allowed); the joints themselves
 * (listed by x) are checked, so a kink there shows.
 */
export function worstKinkDeg(pts: readonly XR[], joints: readonly number[] = []): number {
  const ang = (a: XR, b: XR) => Math.atan2(b.r - a.r, b.x - a.x);
  const isJoint = (i: number) => joints.some((x) => Math.abs(pts[i].x - x) < 1e-9 * (1 + Math.abs(x)));
  let worst = 0;
  for (let i = 2; i < pts.length - 2; i++) {
    if (isJoint(i - 1) || isJoint(i + 1)) continue;
    const aLL = ang(pts[i - 2], pts[i - 1]);
    const aL = ang(pts[i - 1], pts[i]);
    const aR = ang(pts[i], pts[i + 1]);
    const aRR = ang(pts[i + 1], pts[i + 2]);
    const left = aL + (aL - aLL) / 2;
    const right = aR - (aRR - aR) / 2;
    worst = Math.max(worst, Math.abs(left - right) * DEG);
  }
  return worst;
}
