// Radix-2 FFT and the windowed power spectrum the oscillation flags read.

/** In-place complex FFT of `re`/`im` (length a power of two). */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i];
      re[i] = re[j];
      re[j] = t;
      t = im[i];
      im[i] = im[j];
      im[j] = t;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang);
    const wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1;
      let ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k;
        const b = a + len / 2;
        const xr = re[b] * cr - im[b] * ci;
        const xi = re[b] * ci + im[b] * cr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
        const t = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = t;
      }
    }
  }
}

/**
 * One-sided spectrum of `x` (length a power of two) after removing its least-squares line and
 * applying a Hann window, scaled so that the sum over bins is the signal's mean square: a
 * sinusoid of amplitude A puts A²/2 into the few bins around its frequency.
 */
export function meanSquareSpectrum(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  // least-squares line a + b·(i − mid)
  const mid = (n - 1) / 2;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sy += x[i];
    sxy += (i - mid) * x[i];
    sxx += (i - mid) * (i - mid);
  }
  const a = sy / n;
  const b = sxy / sxx;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  let sw2 = 0;
  for (let i = 0; i < n; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    sw2 += w * w;
    re[i] = (x[i] - a - b * (i - mid)) * w;
  }
  fft(re, im);
  const out = new Float64Array(n / 2 + 1);
  const scale = 2 / (n * sw2);
  for (let k = 0; k <= n / 2; k++) out[k] = (re[k] * re[k] + im[k] * im[k]) * scale;
  out[0] /= 2;
  out[n / 2] /= 2;
  return out;
}
