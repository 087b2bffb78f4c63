// Column scaling for networks: optional log transform, then standardisation to mean 0, std 1.
// Networks train on scaled data; every model carries its scalers so predictions come back in SI.

export interface ColumnScaler {
  /** Apply ln() before standardising (positive quantities spanning decades). */
  log: boolean;
  mean: number;
  std: number;
}

/** Fits one scaler per column of `rows` (rows are samples). */
export function fitScalers(rows: number[][], logCols: boolean[] = []): ColumnScaler[] {
  const nCols = rows[0]?.length ?? 0;
  const out: ColumnScaler[] = [];
  for (let j = 0; j < nCols; j++) {
    const log = !!logCols[j];
    let s = 0;
    let s2 = 0;
    for (const r of rows) {
      const v = log ? Math.log(r[j]) : r[j];
      s += v;
      s2 += v * v;
    }
    const mean = s / rows.length;
    const variance = Math.max(0, s2 / rows.length - mean * mean);
    // A constant column scales by 1 so it maps to 0 without dividing by zero.
    out.push({ log, mean, std: variance > 1e-24 ? Math.sqrt(variance) : 1 });
  }
  return out;
}

/** Scales rows into a flat row-major Float32Array ready for a tensor. */
export function scaleRows(rows: number[][], sc: ColumnScaler[]): Float32Array {
  const m = sc.length;
  const out = new Float32Array(rows.length * m);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    for (let j = 0; j < m; j++) {
      const c = sc[j];
      out[i * m + j] = ((c.log ? Math.log(r[j]) : r[j]) - c.mean) / c.std;
    }
  }
  return out;
}

/** Back to physical units: value of column j for scaled value z. */
export function unscaleValue(z: number, c: ColumnScaler): number {
  const v = z * c.std + c.mean;
  return c.log ? Math.exp(v) : v;
}
