import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { restoreExperiment, type Experiment } from '../../app/domain/experiment.ts';
import {
  encodeShare,
  decodeShare,
  shareUrl,
  toBase64Url,
  fromBase64Url,
  toDecimal,
  fromDecimal,
  qrShareText,
  MAX_JSON_BYTES,
  MAX_LINK_CHARS,
  SHARE_ENVELOPE_VERSION,
} from '../../app/domain/share-link.ts';

const fixed = { now: () => '2024-05-06T07:08:09.000Z', newId: () => 'received' };
const v1 = JSON.parse(readFileSync(new URL('../fixtures/experiment-v1.json', import.meta.url), 'utf8'));
const sample = (): Experiment => {
  const r = restoreExperiment(v1);
  if (!r.ok) throw new Error(r.error.message);
  r.value.studies[0].summary = { ispVac_m_s: 4500 };
  return r.value;
};

async function deflateRaw(text: string): Promise<Uint8Array> {
  const s = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(s).arrayBuffer());
}

describe('share link codec', () => {
  it('round-trips inputs and seeds, not results', async () => {
    const e = sample();
    const code = await encodeShare(e);
    expect(code.startsWith(`${SHARE_ENVELOPE_VERSION}.`)).toBe(true);
    expect(code).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    const r = await decodeShare(`#x=${code}`, fixed);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const got = r.experiment;
    expect(got.inputs).toEqual(e.inputs);
    expect(got.name).toBe(e.name);
    expect(got.tags).toEqual(e.tags);
    expect(got.notes).toBe(e.notes);
    expect(got.colour).toBe('teal'); // unknown fields travel too
    expect(got.studies.map((s) => [s.kind, s.seed, s.spec])).toEqual(e.studies.map((s) => [s.kind, s.seed, s.spec]));
    // never results: no reference, no summary, status back to draft; receiver gets a new id
    expect(got.studies.every((s) => s.resultsRef === null && s.summary === undefined && s.status === 'draft')).toBe(true);
    expect(got.id).toBe('received');
    expect(got.createdAt).toBe('2024-05-06T07:08:09.000Z');
  });

  it('accepts the code with or without the #x= prefix, and in a full URL builder', async () => {
    const e = sample();
    const code = await encodeShare(e);
    expect((await decodeShare(code)).ok).toBe(true);
    expect((await decodeShare(`x=${code}`)).ok).toBe(true);
    expect(await shareUrl('https://example.org/app/#/explore', e)).toBe(`https://example.org/app/#x=${code}`);
  });

  it('reports a truncated link', async () => {
    const code = await encodeShare(sample());
    for (const cut of [code.length - 1, code.length - 5, Math.floor(code.length / 2), 4]) {
      const r = await decodeShare(code.slice(0, cut));
      expect(r.ok, `cut at ${cut}`).toBe(false);
      if (!r.ok) expect(['truncated', 'bad-encoding', 'bad-json']).toContain(r.error.code);
    }
  });

  it.each([
    ['', 'empty'],
    ['#x=', 'empty'],
    ['hello', 'bad-envelope'],
    ['1.', 'truncated'],
    ['1.$$$', 'bad-encoding'],
    ['1.<script>alert(1)</script>', 'bad-encoding'],
    ['1.AAAAAAAA', 'truncated'],
    ['99.AAAA', 'newer-version'],
    ['x.AAAA', 'bad-envelope'],
  ])('rejects garbage %j with %s', async (input, code) => {
    const r = await decodeShare(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message.length).toBeGreaterThan(10);
    }
  });

  it('rejects a link that is too long before decoding it', async () => {
    const r = await decodeShare('1.' + 'A'.repeat(MAX_LINK_CHARS));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('too-large');
  });

  it('caps the inflated size (deflate bomb)', async () => {
    const bomb = await deflateRaw(JSON.stringify({ name: 'b', description: ' '.repeat(MAX_JSON_BYTES * 4) }));
    const code = `1.${toBase64Url(bomb)}`;
    expect(code.length).toBeLessThan(MAX_LINK_CHARS); // small link, huge payload
    const r = await decodeShare(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('too-large');
  });

  it('rejects valid deflate of non-JSON and of invalid UTF-8', async () => {
    const notJson = await decodeShare(`1.${toBase64Url(await deflateRaw('not json'))}`);
    expect(!notJson.ok && notJson.error.code).toBe('bad-json');
    const badUtf8 = new Uint8Array(await new Response(new Blob([new Uint8Array([0x22, 0xff, 0xfe, 0x22])]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer());
    const r = await decodeShare(`1.${toBase64Url(badUtf8)}`);
    expect(!r.ok && r.error.code).toBe('bad-json');
    const arr = await decodeShare(`1.${toBase64Url(await deflateRaw('[1,2,3]'))}`);
    expect(!arr.ok && arr.error.code).toBe('not-an-experiment');
  });

  it('keeps hostile text as inert data and drops prototype keys', async () => {
    const payload = '{"name":"<img src=x onerror=alert(1)>","description":"</script><script>alert(2)</script>","__proto__":{"isAdmin":true},"tags":["<b>x</b>"]}';
    const r = await decodeShare(`1.${toBase64Url(await deflateRaw(payload))}`, fixed);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.experiment.name).toBe('<img src=x onerror=alert(1)>'); // kept verbatim: the UI renders it as text
    expect(r.experiment.tags).toEqual(['<b>x</b>']);
    expect((r.experiment as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('base64url helpers are exact inverses and strict', () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    const s = toBase64Url(bytes);
    expect(s).not.toMatch(/[+/=]/);
    expect(fromBase64Url(s)).toEqual(bytes);
    expect(fromBase64Url('A')).toBeNull(); // a single leftover character cannot encode a byte
    expect(fromBase64Url('ab+c')).toBeNull();
  });
});

describe('the QR form of a link: payload as decimal digits', () => {
  it('writes 7 bytes as 17 digits and a last r bytes as ⌈8r·log10 2⌉ digits', () => {
    // hand: 0xff = 255; 0x0100 = 256 → 5 digits "00256"; 2^56 − 1 = 72057594037927935 (17 digits)
    expect(toDecimal(new Uint8Array([0xff]))).toBe('255');
    expect(toDecimal(new Uint8Array([1, 0]))).toBe('00256');
    expect(toDecimal(new Uint8Array(7).fill(0xff))).toBe('72057594037927935');
    // 8 bytes: a group of 7 then 1: 17 + 3 digits; 2^24 − 1 = 16777215 in 8 digits
    expect(toDecimal(new Uint8Array([0, 0, 0, 0, 0, 0, 1, 7]))).toBe('00000000000000001007');
    expect(toDecimal(new Uint8Array([0xff, 0xff, 0xff]))).toBe('16777215');
    expect(toDecimal(new Uint8Array(0))).toBe('');
  });

  it('reads them back exactly, and strictly', () => {
    for (const n of [0, 1, 2, 3, 6, 7, 8, 13, 14, 15, 100, 415]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 151 + 7 * n) & 0xff);
      expect(fromDecimal(toDecimal(bytes))).toEqual(bytes);
    }
    expect(fromDecimal('256')).toBeNull(); // a 1-byte group above 255
    expect(fromDecimal('72057594037927936')).toBeNull(); // 2^56 in a 7-byte group
    expect(fromDecimal('1234')).toBeNull(); // 4 digits: no group has that many
    expect(fromDecimal('12a')).toBeNull();
  });

  it('a link in its QR form opens the same experiment, and other text is left alone', async () => {
    const e = sample();
    const url = await shareUrl('https://example.org/app/', e);
    const q = qrShareText(url);
    expect(q).toMatch(/^https:\/\/example\.org\/app\/#x=1:\d+$/);
    const a = await decodeShare(url.slice(url.indexOf('#')), fixed);
    const b = await decodeShare(q.slice(q.indexOf('#')), fixed);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(b.experiment).toEqual(a.experiment);
    expect(qrShareText('https://example.org/')).toBe('https://example.org/');
    expect(qrShareText('https://example.org/#/explore')).toBe('https://example.org/#/explore');
    // a damaged digit payload is refused with the same message as damaged base64url
    const bad = await decodeShare('#x=1:12a');
    expect(!bad.ok && bad.error.code).toBe('bad-encoding');
  });
});
