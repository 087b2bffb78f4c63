// Parsing of numbers typed by people: accepts "7e6", "1 000", "3,5" (decimal comma); rejects junk.

/** Parses user-typed text to a finite number, or returns null when it is not one. */
export function parseNumberText(text: string): number | null {
  const t = text.trim().replace(/[\s_\u00a0]/g, '');
  if (t === '') return null;
  const normalised = /^[-+]?\d+,\d+$/.test(t) ? t.replace(',', '.') : t;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised)) return null;
  const v = Number(normalised);
  return Number.isFinite(v) ? v : null;
}

/** Formats a number for display with a fixed count of significant digits, never "NaN". */
export function formatSig(v: number, digits = 5): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  // Round first, so 999.99996 at 5 digits becomes 1000.0 (not 1000.00).
  const r = Number(v.toPrecision(digits));
  const a = Math.abs(r);
  if (a >= 1e6 || a < 1e-3) return r.toExponential(digits - 1);
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(a)));
  return r.toFixed(Math.min(decimals, 10));
}
