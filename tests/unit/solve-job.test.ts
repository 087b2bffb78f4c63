// The solve command's chunks: nextElements finds where the next elements of a JSON array's text end,
// so that worker threads get the text of their problems (scripts/solve-job.ts). Checked by the
// definition: every slice it gives reads back (JSON.parse) as the elements of the parsed array.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../app/domain/ml-random.ts';
import { arrayStart, elementEnds, nextElements } from '../../scripts/solve-job.ts';
import { scanJson } from '../../scripts/json-scan.ts';

// The array's text walked in steps of `n` elements, as the pool hands it out: every step's slice
// reads back as the next n elements (fewer at the end), and the walk ends on the array's `]`.
function expectSlices(text: string, n = 1): void {
  const all = JSON.parse(text) as unknown[];
  let at = arrayStart(text);
  expect(text[at]).toBe('[');
  let i = 0;
  for (;;) {
    const { end, count } = nextElements(text, at, n);
    expect(count).toBe(Math.min(n, all.length - i));
    if (count > 0) expect(JSON.parse(`[${text.slice(at + 1, end)}]`)).toEqual(all.slice(i, i + count));
    i += count;
    at = end;
    if (count < n || i === all.length && text[end] === ']') break;
  }
  expect(i).toBe(all.length);
  expect(text[at]).toBe(']');
}

describe('nextElements', () => {
  it('splits arrays whose strings hold quotes, backslashes, commas and brackets, with any spacing', () => {
    expectSlices('[]');
    expectSlices(' \n[ 1 ] ');
    expectSlices('[ ]', 3);
    expectSlices('[1,2,3,4,5,6,7]', 3);
    expectSlices('[1,2,3,4,5,6]', 3);
    expectSlices('[{"a":"x,]}\\"[{,"},"\\\\",[1,[2,{"b":"\\\\\\""}]],null , true,\n-1.5e3,"é,ü"\r\n]');
    expectSlices(JSON.stringify([{ name: 'a"b\\', v: [1, 2, { w: '],[' }] }, '\\', '\\"', [], {}, [[[]]]], null, 2));
  });

  it('is no array: a text that does not begin with [', () => {
    expect(arrayStart(' {"a": [1]}')).toBe(-1);
    expect(arrayStart('"[x]"')).toBe(-1);
    expect(arrayStart('\t\r\n [1]')).toBe(4);
  });

  it('splits seeded random arrays of 0–3000 elements in steps of 1, 7 and 200', () => {
    const rnd = mulberry32(7);
    const chars = ['"', '\\', ',', '[', ']', '{', '}', 'a', ' ', 'é'];
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 2 || r < 0.3) return Math.round(rnd() * 1e6) / 100;
      if (r < 0.55) return Array.from({ length: Math.floor(rnd() * 6) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
      if (r < 0.8) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => [`k${k}"`, value(depth + 1)]));
    };
    for (const n of [0, 1, 2, 1023, 1024, 1025, 3000]) {
      const a = Array.from({ length: n }, () => value(0));
      const text = JSON.stringify(a, null, n % 2 ? 1 : 0);
      for (const step of [1, 7, 200]) expectSlices(text, step);
      // elementEnds (the command's way when JSON.parse, not the scan, read the input) ends each
      // element where the scan does
      const shape = scanJson(text);
      expect(shape).toMatchObject({ array: true });
      expect(elementEnds(text, arrayStart(text))).toEqual(shape?.array ? shape.ends : null);
    }
  });
});
