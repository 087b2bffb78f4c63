// Share links: `#x=<envelope version>.<base64url(deflate-raw(json))>`, and the same payload as
// decimal digits, `#x=<envelope version>:<digits>`, for QR codes (qrShareText): a QR code stores
// digits in numeric mode at 10 bits per 3, so the payload costs ~8.1 bits a byte against 10.7 for
// base64url in byte mode — a quarter fewer modules.
// The JSON is the experiment document without id, timestamps, results or result references (the
// receiver recomputes), so a link reproduces the inputs and seeds exactly and nothing else.
// Decoding treats the link as hostile: size caps before and after inflation, strict base64url,
// strict UTF-8, JSON only, then restoreExperiment; every failure is a readable error value.
//
// deflate-raw rather than deflate: same algorithm without the 6-byte zlib wrapper (8 link
// characters); CompressionStream supports it in Chromium 103+, Firefox 113+, Safari 16.4+ and
// Node ≥ 20 (checked on 20.20).
import { restoreExperiment, withoutResults, type Experiment } from './experiment.ts';
import type { KernelError } from './result.ts';

export const SHARE_ENVELOPE_VERSION = 1;
export const SHARE_HASH_PREFIX = '#x=';
/** Longest accepted payload (characters after `#x=`); a template link is a few hundred. */
export const MAX_LINK_CHARS = 32_000;
/** Largest accepted inflated JSON, bytes: guards against deflate bombs. */
export const MAX_JSON_BYTES = 256 * 1024;

export type ShareDecodeResult = { ok: true; experiment: Experiment; warnings: string[] } | { ok: false; error: KernelError };

const fail = (code: string, message: string): { ok: false; error: KernelError } => ({ ok: false, error: { code, message } });

/** The part of an experiment that travels in a link. */
export function shareableExperiment(e: Experiment): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, isTemplate: _t, rev: _rev, modifiedBy: _mb, modifiedAt: _ma, studies, ...rest } = e;
  return {
    ...rest,
    studies: studies.map((s) => {
      const { resultsRef: _r, status: _s, updatedAt: _su, ...keep } = withoutResults(s);
      return keep;
    }),
  };
}

/** `<version>.<payload>`: the text after `#x=`. */
export async function encodeShare(e: Experiment): Promise<string> {
  return packEnvelope(shareableExperiment(e));
}

/**
 * Any JSON document in the link envelope, `<version>.<base64url(deflate-raw(json))>`: what an
 * experiment link carries after `#x=`, and what other pages' links (Analyze's `?x=`) carry too.
 */
export async function packEnvelope(doc: unknown): Promise<string> {
  const packed = await pipeThrough(new TextEncoder().encode(JSON.stringify(doc)), new CompressionStream('deflate-raw'), Infinity);
  return `${SHARE_ENVELOPE_VERSION}.${toBase64Url(packed!)}`;
}

/** A full link: base URL (without fragment) + `#x=…`. */
export async function shareUrl(baseUrl: string, e: Experiment): Promise<string> {
  return `${baseUrl.split('#')[0]}${SHARE_HASH_PREFIX}${await encodeShare(e)}`;
}

/** True when a location hash carries a shared experiment. */
export function isShareHash(hash: string): boolean {
  return hash.startsWith(SHARE_HASH_PREFIX);
}

/**
 * Decodes `#x=1.…`, `x=1.…` or `1.…` into an experiment (new id, fresh timestamps via
 * restoreExperiment's defaults). Never throws; stores nothing.
 */
export async function decodeShare(fragment: string, opts: { now?: () => string; newId?: () => string } = {}): Promise<ShareDecodeResult> {
  let s = typeof fragment === 'string' ? fragment.trim() : '';
  if (s.startsWith('#')) s = s.slice(1);
  if (s.startsWith('x=')) s = s.slice(2);
  if (!s) return fail('empty', 'The link carries no experiment.');
  const u = await unpackEnvelope(s, 'experiment');
  if (!u.ok) return u;
  const json = u.value;
  const { id: _id, createdAt: _c, updatedAt: _u, isTemplate: _t, ...doc } = (json ?? {}) as Record<string, unknown>;
  const r = restoreExperiment(typeof json === 'object' && json !== null && !Array.isArray(json) ? doc : json, opts);
  if (!r.ok) return r;
  return { ok: true, experiment: r.value, warnings: r.warnings };
}

/**
 * The JSON in a link envelope (`<version>.<payload>`), the link treated as hostile: size caps
 * before and after inflation, strict base64url, strict UTF-8. `what` names the link in messages.
 * Never throws.
 */
export async function unpackEnvelope(s: string, what: string): Promise<{ ok: true; value: unknown } | { ok: false; error: KernelError }> {
  try {
    if (s.length > MAX_LINK_CHARS) return fail('too-large', `The link is too long (${s.length} characters; at most ${MAX_LINK_CHARS}).`);
    const env = /^(\d{1,4})([.:])/.exec(s);
    if (!env) return fail('bad-envelope', `The link is not a Rocket Fuel Optimizer ${what} link (no version before the data).`);
    const version = Number(env[1]);
    if (version > SHARE_ENVELOPE_VERSION) {
      return fail('newer-version', `The link was made by a newer version of the app (link format ${version}; this app reads ${SHARE_ENVELOPE_VERSION}). Update the app to open it.`);
    }
    if (version < 1) return fail('bad-envelope', `Unknown link format ${version}.`);
    const body = s.slice(env[0].length);
    const bytes = env[2] === '.' ? fromBase64Url(body) : fromDecimal(body);
    if (!bytes) return fail('bad-encoding', 'The link is damaged: it contains characters that cannot be part of the data. Was it cut or edited?');
    let inflated: Uint8Array | null;
    try {
      inflated = await pipeThrough(bytes, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
    } catch {
      return fail('truncated', 'The link is incomplete or damaged (the data does not decompress). Copy the whole link and try again.');
    }
    if (!inflated) return fail('too-large', `The link's data is larger than ${MAX_JSON_BYTES / 1024} KiB once unpacked; it was not opened.`);
    try {
      return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated)) as unknown };
    } catch {
      return fail('bad-json', 'The link is damaged: its data is not readable JSON.');
    }
  } catch (e) {
    return fail('bad-link', `The link could not be read (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Runs bytes through a (de)compression stream; null when the output exceeds maxBytes. Rejects on corrupt input. */
async function pipeThrough(input: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes: number): Promise<Uint8Array | null> {
  const writer = stream.writable.getWriter();
  const done = writer.write(input as Uint8Array<ArrayBuffer>).then(() => writer.close());
  done.catch(() => {}); // the reader reports the same failure
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  await done;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Strict base64url (no padding needed); null on any other character or an impossible length. */
export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return null;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    return null;
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Bytes as decimal digits for QR numeric mode: each 7 bytes (a number below 2^56) as 17 digits
// (10^17 > 2^56), a last group of r < 7 bytes as ⌈8r·log10 2⌉ digits. Those counts (3, 5, 8, 10, 13,
// 15) differ from each other and are under 17, so the length alone says how the digits split.
const DIGITS_FOR_BYTES = [0, 3, 5, 8, 10, 13, 15, 17];

export function toDecimal(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 7) {
    const chunk = bytes.subarray(i, i + 7);
    let v = 0n;
    for (const b of chunk) v = (v << 8n) | BigInt(b);
    out += v.toString().padStart(DIGITS_FOR_BYTES[chunk.length], '0');
  }
  return out;
}

/** Strict inverse of toDecimal; null on a non-digit, an impossible length or a group too large for its bytes. */
export function fromDecimal(s: string): Uint8Array<ArrayBuffer> | null {
  if (!/^\d*$/.test(s)) return null;
  const tail = DIGITS_FOR_BYTES.indexOf(s.length % 17);
  if (tail < 0) return null;
  const full = Math.floor(s.length / 17);
  const out = new Uint8Array(7 * full + tail);
  for (let g = 0, o = 0; o < out.length; g++) {
    const n = Math.min(7, out.length - o);
    const start = 17 * g;
    let v = BigInt(s.slice(start, start + DIGITS_FOR_BYTES[n]));
    if (v >> BigInt(8 * n) !== 0n) return null;
    for (let k = n - 1; k >= 0; k--) {
      out[o + k] = Number(v & 0xffn);
      v >>= 8n;
    }
    o += n;
  }
  return out;
}

/**
 * The text to put in a QR code for a link: a share link `…#x=<v>.<base64url>` becomes the same link
 * with its payload in digits, `…#x=<v>:<digits>` (opened by the same decoder); any other text is
 * returned as it is.
 */
export function qrShareText(link: string): string {
  const m = /^([^#]*#x=\d{1,4})\.([A-Za-z0-9_-]+)$/.exec(link);
  const bytes = m ? fromBase64Url(m[2]) : null;
  return m && bytes ? `${m[1]}:${toDecimal(bytes)}` : link;
}
