// Seeded pseudo-random numbers for sampling and training: the same seed gives the same stream on
// every platform (Math.random cannot be seeded, so nothing here uses it).

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
}

/**
 * mulberry32, the app's one seeded generator: a small 32-bit generator with good statistical
 * quality for simulation work. Uniform numbers in [0, 1) from the 32-bit state `seed`.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded stream (mulberry32 on the scrambled seed) with normal and integer draws. */
export function createRng(seed: number): Rng {
  const next = mulberry32(Math.floor(seed) ^ 0x9e3779b9);
  let spare: number | null = null;
  return {
    next,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n) {
      return Math.floor(next() * n);
    },
  };
}

/** Fisher–Yates shuffle of `a` in place, driven by `rng`. */
export function shuffleInPlace<T>(a: T[] | Int32Array | Uint32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t as never;
  }
}
