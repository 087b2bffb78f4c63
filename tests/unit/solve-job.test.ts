// The solve command's chunks: arraySeparators finds where each element of a JSON array's text is,
// so that worker threads get the text of their problems (scripts/solve-job.ts). Checked by the
// definition: every slice it gives reads back (JSON.parse) as the elements of the parsed array.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../app/domain/ml-random.ts';
import { arraySeparators } from '../../scripts/solve-job.ts';

// elements i…j−1 of the array text, as the pool sends them
const slice = (text: string, sep: Uint32Array, i: number, j: number) => JSON.parse(`[${text.slice(sep[i] + 1, sep[j])}]`) as unknown;

function expectSlices(text: string): void {
  const all = JSON.parse(text) as unknown[];
  const sep = arraySeparators(text);
  expect(sep.length).toBe(Math.max(all.length, 1) + 1); // (an empty array: its brackets)
  for (let i = 0; i < all.length; i++) expect(slice(text, sep, i, i + 1)).toEqual([all[i]]);
  expect(slice(text, sep, 0, all.length)).toEqual(all);
}

describe('arraySeparators', () => {
  it('splits arrays whose strings hold quotes, backslashes, commas and brackets, with any spacing', () => {
    expectSlices('[]');
    expectSlices(' \n[ 1 ] ');
    expectSlices('[{"a":"x,]}\\"[{,"},"\\\\",[1,[2,{"b":"\\\\\\""}]],null , true,\n-1.5e3,"é,ü"\r\n]');
    expectSlices(JSON.stringify([{ name: 'a"b\\', v: [1, 2, { w: '],[' }] }, '\\', '\\"', [], {}, [[[]]]], null, 2));
  });

  it('splits seeded random arrays of 0–3000 elements (more than its first 1024 separators)', () => {
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
      expectSlices(JSON.stringify(a, null, n % 2 ? 1 : 0));
    }
  });
});
