// JSON text of command-line results. V8's own JSON.stringify is the fastest writer there is (a
// hand-written one measured 3× slower: the time goes into printing the numbers, which both do the
// same way); what costs is pretty-printing and one giant string, so results are written one line
// each. `compact` leaves out every `moleFractions` member.

// A copy of v without `moleFractions` members, at any depth (copies only what it must).
function withoutFractions(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(withoutFractions);
  const o = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    if (k === 'moleFractions') continue;
    const x = o[k];
    out[k] = typeof x === 'object' && x !== null ? withoutFractions(x) : x;
  }
  return out;
}

/** JSON text of a result on one line; `compact` drops the mole fractions. */
export function resultJson(r: unknown, compact = false): string {
  return JSON.stringify(compact ? withoutFractions(r) : r) ?? 'null';
}
