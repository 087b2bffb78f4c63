// The raw trace of a saved firing, compressed without loss: the SI columns as little-endian
// Float64, byte-shuffled (all first bytes of every value, then all second bytes…: neighbouring
// samples share their sign, exponent and high mantissa bytes, so the planes compress well), then
// gzip through CompressionStream, which Chromium, Firefox, Safari 16.4+ and node ≥ 18 all have.
// Lossless rather than delta-coded Float32: a saved firing reads back to the same figures.
import { err, ok, type Result } from '../result.ts';

export const TRACE_ENCODING = 'f64le-shuffle-gzip';

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Columns of equal length → compressed bytes (decodeTrace gives them back bit for bit). */
export async function encodeTrace(columns: Float64Array[]): Promise<Uint8Array> {
  const n = columns[0]?.length ?? 0;
  const values = columns.length * n;
  const raw = new Uint8Array(values * 8);
  const view = new DataView(raw.buffer);
  columns.forEach((c, k) => {
    for (let i = 0; i < n; i++) view.setFloat64((k * n + i) * 8, c[i], true);
  });
  const shuffled = new Uint8Array(raw.length);
  for (let v = 0; v < values; v++) for (let b = 0; b < 8; b++) shuffled[b * values + v] = raw[v * 8 + b];
  return pipe(shuffled, new CompressionStream('gzip'));
}

/** Compressed bytes → `width` columns of `samples` values; an error when the bytes are not such a trace. */
export async function decodeTrace(bytes: Uint8Array, width: number, samples: number): Promise<Result<Float64Array[]>> {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(samples) || samples < 0) {
    return err('bad-trace', `a trace needs a whole number of columns ≥ 1 and of samples ≥ 0 (got ${width} columns, ${samples} samples)`, 'meta.width');
  }
  let shuffled: Uint8Array;
  try {
    shuffled = await pipe(bytes, new DecompressionStream('gzip'));
  } catch (e) {
    return err('bad-trace', `the stored trace is not readable gzip (${e instanceof Error ? e.message : String(e)})`, 'columns.trace');
  }
  const values = width * samples;
  if (shuffled.length !== values * 8) {
    return err('bad-trace', `the stored trace holds ${shuffled.length} bytes, not the ${values * 8} of ${width} columns × ${samples} samples`, 'columns.trace');
  }
  const raw = new Uint8Array(values * 8);
  for (let v = 0; v < values; v++) for (let b = 0; b < 8; b++) raw[v * 8 + b] = shuffled[b * values + v];
  const view = new DataView(raw.buffer);
  return ok(Array.from({ length: width }, (_, k) => Float64Array.from({ length: samples }, (_, i) => view.getFloat64((k * samples + i) * 8, true))));
}
