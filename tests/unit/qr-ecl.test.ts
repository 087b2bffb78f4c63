// The full-screen QR view's choice of error-correction level (issue 12, item 9b). Expected values
// are worked by hand from ISO/IEC 18004:2015 Table 7 ("Number of symbol characters and input data
// capacity"), byte-mode column:
//   version  L     M     Q     H          modules across = 21 + 4·(version − 1)
//   1        17    14    11    7          21
//   5        106   84    60    44         37
//   6        134   106   74    58         41
//   7        154   122   86    64         45
//   8        192   152   108   84         49
//   9        230   180   130   98         53
//   10       271   213   151   119        57
//   11       321   251   177   137        61
//   40       2953  2331  1663  1273       177
// and the quiet zone of 4 modules on each side (§ 6.3.8), so a symbol and its quiet zone drawn
// S px wide have modules of S / (size + 8) px.
import { describe, it, expect } from 'vitest';
import { chooseQrEcl, qrVersionFor, encodeQr, QR_MIN_MODULE_PX } from '../../app/domain/qr.ts';
import { qrShareText } from '../../app/domain/share-link.ts';

describe('qrVersionFor: the smallest version holding n bytes, at the capacity table\'s edges', () => {
  it.each([
    [17, 'L', 1], [18, 'L', 2], [7, 'H', 1], [8, 'H', 2], [14, 'M', 1], [11, 'Q', 1], [12, 'Q', 2],
    [271, 'L', 10], [272, 'L', 11], [119, 'H', 10], [120, 'H', 11], [98, 'H', 9], [99, 'H', 10],
    [106, 'M', 6], [107, 'M', 7], [108, 'Q', 8], [109, 'Q', 9],
    [2953, 'L', 40], [1273, 'H', 40], [2331, 'M', 40], [1663, 'Q', 40],
  ] as const)('%i bytes at level %s: version %i', (n, ecl, v) => {
    expect(qrVersionFor(n, ecl)).toBe(v);
  });
  it('one byte past version 40 fits no version', () => {
    expect(qrVersionFor(2954, 'L')).toBeNull();
    expect(qrVersionFor(1274, 'H')).toBeNull();
  });
  it('the encoder uses the same version', () => {
    const r = encodeQr('x'.repeat(119), 'H');
    expect(r.ok && r.value.version).toBe(10);
    expect(r.ok && r.value.size).toBe(57);
  });
});

describe('chooseQrEcl: the highest level whose modules stay at least N px', () => {
  // 100 bytes: H needs version 10 (98 < 100 ≤ 119): 57 modules, 65 with the quiet zone;
  // Q version 8 (86 < 100 ≤ 108): 49 → 57; M version 6 (84 < 100 ≤ 106): 41 → 49;
  // L version 5 (100 ≤ 106): 37 → 45.
  it('600 px: H gives 600/65 = 9.23 px ≥ 8', () => {
    const r = chooseQrEcl(100, 600, 8);
    expect(r.ok && r.value).toMatchObject({ ecl: 'H', version: 10, size: 57, readable: true });
    expect(r.ok && r.value.modulePx).toBeCloseTo(600 / 65, 10);
  });
  it('500 px: H gives 7.69 px, Q 500/57 = 8.77 px', () => {
    const r = chooseQrEcl(100, 500, 8);
    expect(r.ok && r.value).toMatchObject({ ecl: 'Q', version: 8, size: 49, readable: true });
    expect(r.ok && r.value.modulePx).toBeCloseTo(8.7719, 4);
  });
  it('420 px: Q gives 7.37 px, M 420/49 = 8.57 px', () => {
    const r = chooseQrEcl(100, 420, 8);
    expect(r.ok && r.value).toMatchObject({ ecl: 'M', version: 6, size: 41, readable: true });
  });
  it('360 px: M gives 7.35 px, L exactly 360/45 = 8 px (the minimum counts)', () => {
    const r = chooseQrEcl(100, 360, 8);
    expect(r.ok && r.value).toMatchObject({ ecl: 'L', version: 5, size: 37, modulePx: 8, readable: true });
  });
  it('300 px: no level reaches 8 px, so L (the largest modules), marked not readable', () => {
    const r = chooseQrEcl(100, 300, 8);
    expect(r.ok && r.value).toMatchObject({ ecl: 'L', version: 5, readable: false });
    expect(r.ok && r.value.modulePx).toBeCloseTo(300 / 45, 10);
  });
  it('a text too long even for 40-L is an error naming the field; bad sizes are refused', () => {
    const r = chooseQrEcl(2954, 1000);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.field).toBe('text');
    const h = chooseQrEcl(2953, 5000); // too long for 40-H, 40-Q and 40-M; exactly 40-L's capacity
    expect(h.ok && h.value).toMatchObject({ ecl: 'L', version: 40, size: 177, readable: true });
    expect(h.ok && h.value.modulePx).toBeCloseTo(5000 / 185, 10);
    expect(chooseQrEcl(10, 0).ok).toBe(false);
    expect(chooseQrEcl(10, Number.NaN).ok).toBe(false);
    expect(chooseQrEcl(-1, 100).ok).toBe(false);
  });
  it('the default minimum is 8 px', () => {
    expect(QR_MIN_MODULE_PX).toBe(8);
    const r = chooseQrEcl(100, 360);
    expect(r.ok && r.value.ecl).toBe('L');
  });
});

describe('a long share link on the test screen (issue 12 item 9): level L, and the link in its QR form', () => {
  // A 579-byte link like the template links: 'http://127.0.0.1:4173/#x=1.' (27 bytes) + 552 base64url
  // characters (414 bytes of deflated data). The full-screen side at 1280 × 720 is 720 − 56 = 664 px
  // (the caption bar), on a 360 × 740 phone 360 px.
  const link = 'http://127.0.0.1:4173/#x=1.' + 'aZ0_-'.repeat(111).slice(0, 552);
  it('as it is (byte mode): level L, version 16 (L holds 586 bytes there, 520 in 15), 81 modules: 664/89 = 7.46 px', () => {
    expect(link.length).toBe(579);
    const r = chooseQrEcl(link, 664);
    expect(r.ok && r.value).toMatchObject({ ecl: 'L', version: 16, size: 81, readable: false });
    expect(r.ok && r.value.modulePx).toBeCloseTo(664 / 89, 10);
  });
  it('in its QR form: 1006 digits in numeric mode, level L version 14, 73 modules: 664/81 = 8.20 px', () => {
    // hand: 414 bytes = 59 groups of 7 + 1 byte → 59·17 + 3 = 1006 digits.
    // bits from version 10: byte segment 'http://127.0.0.1:4173/#x=1:' 4 + 16 + 27·8 = 236;
    // numeric segment 4 + 12 + 335·10 + 4 (1006 = 3·335 + 1) = 3370; total 3606 bits.
    // ISO/IEC 18004 Table 7, level L data codewords: version 13 428 (3424 bits) < 3606 ≤ version 14 461 (3688 bits).
    // Level M would need version 16 (453 codewords, 3624 bits): 81 modules, 7.46 px, under 8.
    const q = qrShareText(link);
    expect(q.length - 'http://127.0.0.1:4173/#x=1:'.length).toBe(1006);
    const r = chooseQrEcl(q, 664);
    expect(r.ok && r.value).toMatchObject({ ecl: 'L', version: 14, size: 73, readable: true });
    expect(r.ok && r.value.modulePx).toBeCloseTo(664 / 81, 10);
    const code = encodeQr(q, 'L');
    expect(code.ok && code.value.version).toBe(14);
    // on a 360 px phone no level reaches 8 px; L gives 360/81 = 4.44 px (against 360/89 = 4.04 before)
    const phone = chooseQrEcl(q, 360);
    expect(phone.ok && phone.value).toMatchObject({ ecl: 'L', version: 14, readable: false });
    expect(phone.ok && phone.value.modulePx).toBeCloseTo(360 / 81, 10);
  });
  it('a short link keeps a high level: 100 bytes of link at 664 px is H', () => {
    const short = 'https://e.org/#x=1.' + 'abcd'.repeat(21).slice(0, 81);
    expect(short.length).toBe(100);
    // no digit run at its end: byte mode, H version 10 (98 < 100 ≤ 119), 57 modules: 664/65 = 10.2 px
    const r = chooseQrEcl(short, 664);
    expect(r.ok && r.value).toMatchObject({ ecl: 'H', version: 10, size: 57, readable: true });
    expect(r.ok && r.value.modulePx).toBeCloseTo(664 / 65, 10);
  });
});
