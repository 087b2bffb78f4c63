// Parser of NASA Glenn transport-property coefficients in the trans.inp format (McBride, Gordon &
// Reno, NASA TM-4647, 1993; Gordon & McBride, NASA RP-1311, 1994, ch. 5 and appendix) and the
// project's compact transport-data document. Pure TS, no node imports.
//
// A record is one species ("pure": viscosity η and conductivity λ) or a pair of species (binary
// interaction viscosity η_ij). Each fit holds over [Tlo, Thi] K:
//   ln η = A ln T + B/T + C/T² + D   (η in micropoise)
//   ln λ = A ln T + B/T + C/T² + D   (λ in microwatts/(cm·K))

/** One fit interval: [Tlo_K, Thi_K, A, B, C, D]. */
export type TransFit = [number, number, number, number, number, number];

export interface TransRecord {
  /** Species name(s) as in thermo.inp; two names for a binary-interaction record. */
  species: [string] | [string, string];
  /** Viscosity fits (η, micropoise), in increasing temperature. */
  viscosity: TransFit[];
  /** Conductivity fits (λ, µW/(cm·K)), in increasing temperature; empty for binaries. */
  conductivity: TransFit[];
  /** The source cited by the record (e.g. "SVEHLA (1994)"). */
  source: string;
}

export interface TransProvenance {
  source: string;
  sha256: string;
  reference: string;
  notes?: string[];
}

export interface TransDocument {
  type: 'rfo-trans';
  version: 1;
  provenance: TransProvenance;
  records: TransRecord[];
}

/** Error thrown by parseTransInp; `line` is 1-based. */
export class TransInpError extends Error {
  constructor(message: string, readonly line: number) {
    super(`trans.inp line ${line}: ${message}`);
  }
}

// Fortran E fields may carry a blank for the exponent sign ("0.61205763E 00").
function num(s: string): number {
  const t = s.replace(/\s+/g, '').replace(/[dD]/, 'e');
  return t === '' ? 0 : Number(t);
}

/** Parses a trans.inp text; throws TransInpError naming the line on malformed records. */
export function parseTransInp(text: string): TransRecord[] {
  const lines = text.split(/\r?\n/);
  const records: TransRecord[] = [];
  let i = 0;
  // The first line is a title ("transport property coefficients").
  if (lines.length && /transport/i.test(lines[0]) && !/V\d\s*C\d/.test(lines[0].slice(34, 38))) i = 1;
  while (i < lines.length) {
    const head = lines[i];
    if (head.trim() === '' || head.startsWith('!')) { i++; continue; }
    if (/^end\b/i.test(head.trim())) break;
    const counts = /^V(\d)C(\d)$/.exec(head.slice(34, 38));
    if (!counts) throw new TransInpError(`expected a record header with "VnCn" in columns 35–38 (got ${JSON.stringify(head.slice(34, 38))})`, i + 1);
    const a = head.slice(0, 16).trim();
    const b = head.slice(16, 32).trim();
    if (!a) throw new TransInpError('record header without a species name', i + 1);
    const nV = Number(counts[1]);
    const nC = Number(counts[2]);
    const rec: TransRecord = { species: b ? [a, b] : [a], viscosity: [], conductivity: [], source: head.slice(38).trim() };
    for (let k = 0; k < nV + nC; k++) {
      const l = lines[i + 1 + k];
      const want = k < nV ? 'V' : 'C';
      if (l === undefined || l[1] !== want) throw new TransInpError(`${rec.species.join('–')}: expected a ${want} line`, i + 2 + k);
      const fit: TransFit = [num(l.slice(2, 11)), num(l.slice(11, 20)), num(l.slice(20, 35)), num(l.slice(35, 50)), num(l.slice(50, 65)), num(l.slice(65, 80))];
      if (fit.some((v) => !Number.isFinite(v)) || !(fit[1] > fit[0])) throw new TransInpError(`${rec.species.join('–')}: bad ${want} fit`, i + 2 + k);
      (k < nV ? rec.viscosity : rec.conductivity).push(fit);
    }
    records.push(rec);
    i += 1 + nV + nC;
  }
  return records;
}

/** The project's document from parsed records. */
export function toTransDocument(records: TransRecord[], provenance: TransProvenance): TransDocument {
  return { type: 'rfo-trans', version: 1, provenance, records };
}

/** Checks the shape of a loaded transport document (it crosses a file or network boundary). */
export function isTransDocument(v: unknown): v is TransDocument {
  const d = v as TransDocument;
  return typeof d === 'object' && d !== null && d.type === 'rfo-trans' && d.version === 1 && Array.isArray(d.records);
}
