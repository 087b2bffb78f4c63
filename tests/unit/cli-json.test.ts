// The command line's JSON writer: the text JSON.stringify writes, and --compact without mole fractions.
import { describe, expect, it } from 'vitest';
import { resultJson } from '../../scripts/cli-json.ts';

describe('resultJson', () => {
  const station = { T: 3000.5, p: 1e6, rho: 1 / 3, moleFractions: { H2O: 0.7, '*CO': 0.3 }, isp: 2.5e-7 };
  const result = { ok: true, chamber: station, exits: [station, { ok: false, error: { code: 'no-flow', message: 'm "q"', field: 'exits[1].pcOverPe' } }], warnings: ['w'] };

  it('writes one line, parsing back to the same value', () => {
    const text = resultJson(result);
    expect(text).not.toContain('\n');
    expect(JSON.parse(text)).toEqual(result);
    expect(text).toBe('{"ok":true,"chamber":{"T":3000.5,"p":1000000,"rho":0.3333333333333333,"moleFractions":{"H2O":0.7,"*CO":0.3},"isp":2.5e-7},'
      + '"exits":[{"T":3000.5,"p":1000000,"rho":0.3333333333333333,"moleFractions":{"H2O":0.7,"*CO":0.3},"isp":2.5e-7},'
      + '{"ok":false,"error":{"code":"no-flow","message":"m \\"q\\"","field":"exits[1].pcOverPe"}}],"warnings":["w"]}');
  });

  it('--compact drops every moleFractions member and keeps the order of the rest', () => {
    const text = resultJson(result, true);
    expect(text).toBe('{"ok":true,"chamber":{"T":3000.5,"p":1000000,"rho":0.3333333333333333,"isp":2.5e-7},'
      + '"exits":[{"T":3000.5,"p":1000000,"rho":0.3333333333333333,"isp":2.5e-7},'
      + '{"ok":false,"error":{"code":"no-flow","message":"m \\"q\\"","field":"exits[1].pcOverPe"}}],"warnings":["w"]}');
    expect(result.chamber.moleFractions).toEqual({ H2O: 0.7, '*CO': 0.3 }); // the result itself is left alone
  });
});
