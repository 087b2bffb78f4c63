// An assistant's tool call is untrusted input: it becomes a command action only through the same
// validateCommand the offline grammar's actions pass; malformed, oversized and hostile calls are
// refused with a message naming what was wrong.
import { describe, it, expect } from 'vitest';
import { commandTools, validateToolCall, MAX_TOOL_ARGS_BYTES, TOOL_KIND } from '../../app/domain/assistant/tools.ts';
import { COMMAND_KINDS, validateCommand } from '../../app/domain/command/schema.ts';
import { parseCommand } from '../../app/domain/command/parse.ts';

const refused = (r: ReturnType<typeof validateToolCall>) => {
  expect(r.ok).toBe(false);
  return r.ok ? { code: '', message: '', field: '' } : { field: '', ...r.error };
};

describe('the command schema as tools', () => {
  it('offers one tool per action kind, each an object schema that refuses extra fields', () => {
    const tools = commandTools();
    expect(tools.map((t) => TOOL_KIND[t.name]).sort()).toEqual([...COMMAND_KINDS].sort());
    for (const t of tools) {
      expect(t.parameters.type).toBe('object');
      expect(t.parameters.additionalProperties).toBe(false);
      expect(JSON.stringify(t).length).toBeLessThan(8000);
    }
    const design = tools.find((t) => t.name === 'set_design')!.parameters.properties as Record<string, { enum?: string[]; items?: { enum: string[] } }>;
    expect(design.oxidizers.items!.enum).toContain('lox');
    expect(design.fuels.items!.enum).toContain('lch4');
    expect(design.fuels.items!.enum).not.toContain('lox');
  });
});

describe('validateToolCall', () => {
  it('a good call becomes the same action the grammar makes of the same request', () => {
    // "LOX and methane at 100 bar, O/F 3.4, expansion 40": 100 bar = 1e7 Pa
    const r = validateToolCall({ name: 'set_design', arguments: '{"fuels":["lch4"],"oxidizers":["lox"],"pc":10000000,"of":3.4,"areaRatio":40}' });
    const g = parseCommand('LOX and methane at 100 bar, O/F 3.4, expansion 40');
    expect(r).toEqual(g);
    expect(r.ok && r.value).toEqual({ action: 'set-design', fuels: ['lch4'], oxidizers: ['lox'], pc: 1e7, of: 3.4, areaRatio: 40 });
  });

  it('takes Anthropic\'s arguments as an object, and every kind', () => {
    expect(validateToolCall({ name: 'sweep', arguments: { variable: 'of', from: 2.8, to: 3.8, at: { variable: 'pc', values: [5e6, 1e7] } } }))
      .toEqual(validateCommand({ action: 'sweep', variable: 'of', from: 2.8, to: 3.8, at: { variable: 'pc', values: [5e6, 1e7] } }));
    expect(validateToolCall({ name: 'set_units', arguments: { system: 'US' } })).toEqual({ ok: true, value: { action: 'set-units', system: 'US' } });
    expect(validateToolCall({ name: 'compare', arguments: '{"last":2}' })).toEqual({ ok: true, value: { action: 'compare', last: 2 } });
    expect(validateToolCall({ name: 'navigate', arguments: '' }).ok).toBe(false); // no section
  });

  it('refuses malformed JSON arguments', () => {
    for (const a of ['{"of": 3.4', '{of: 3.4}', "{'of': 3.4}", 'null,', '{"of":3.4}}']) {
      const e = refused(validateToolCall({ name: 'set_design', arguments: a }));
      expect(e.message).toMatch(/not valid JSON/);
      expect(e.field).toBe('arguments');
    }
    expect(refused(validateToolCall({ name: 'set_design', arguments: '[1,2]' })).message).toMatch(/must be an object/);
    expect(refused(validateToolCall({ name: 'set_design', arguments: '"x"' })).message).toMatch(/must be an object/);
  });

  it('refuses unknown tool names, and arguments that name the action', () => {
    for (const name of ['delete_everything', 'set-design', '__proto__', 'toString', '', 42, null]) {
      const e = refused(validateToolCall({ name, arguments: '{}' }));
      expect(e.message).toMatch(/unknown tool/);
      expect(e.field).toBe('name');
    }
    expect(refused(validateToolCall({ name: 'set_units', arguments: '{"action":"export","system":"SI"}' })).field).toBe('action');
  });

  it(`refuses oversized arguments (over ${MAX_TOOL_ARGS_BYTES / 1024} KB), as text or as an object`, () => {
    const big = JSON.stringify({ names: ['a', 'b'], pad: 'x'.repeat(MAX_TOOL_ARGS_BYTES) });
    expect(refused(validateToolCall({ name: 'compare', arguments: big })).message).toMatch(/arguments are 164\d\d bytes \(at most 16384, 16 KB\)/);
    expect(refused(validateToolCall({ name: 'compare', arguments: { names: Array.from({ length: 3000 }, (_, i) => `n${i}`) } })).message).toMatch(/larger than 16 KB/);
  });

  it('refuses wrong types, out-of-range numbers and unknown fields with the validators\' messages', () => {
    let e = refused(validateToolCall({ name: 'set_design', arguments: '{"pc":"100 bar"}' }));
    expect(e.message).toBe("The assistant's action was refused: Chamber pressure must be a number (got \"100 bar\").");
    expect(e.field).toBe('pc');
    e = refused(validateToolCall({ name: 'set_design', arguments: '{"pc":-5}' }));
    expect(e.field).toBe('pc');
    expect(e.message).toMatch(/Chamber pressure/);
    // 1e12 Pa is above the form's 5000 bar; the message is in the user's units
    e = refused(validateToolCall({ name: 'set_design', arguments: '{"pc":1e12}' }, 'US'));
    expect(e.message).toMatch(/psia/);
    e = refused(validateToolCall({ name: 'set_design', arguments: '{"of":1e308,"fuels":["lch4"]}' }));
    expect(e.field).toBe('of');
    e = refused(validateToolCall({ name: 'set_design', arguments: '{"fuels":["unobtainium"]}' }));
    expect(e.message).toMatch(/no propellant "unobtainium"/);
    e = refused(validateToolCall({ name: 'set_design', arguments: '{"of":3,"shell":"rm -rf /"}' }));
    expect(e.message).toMatch(/unknown field "shell"/);
    e = refused(validateToolCall({ name: 'sweep', arguments: '{"variable":"of","from":3.8,"to":2.8}' }));
    expect(e.field).toBe('from');
    e = refused(validateToolCall({ name: 'compare', arguments: '{"last":true}' }));
    expect(e.field).toBe('last');
  });

  it('refuses hostile strings: markup, control characters, over-long strings, odd keys, deep nesting', () => {
    let e = refused(validateToolCall({ name: 'compare', arguments: '{"names":["<img src=x onerror=alert(1)>","b"]}' }));
    expect(e.message).toMatch(/markup or control characters/);
    expect(e.field).toBe('names[0]');
    e = refused(validateToolCall({ name: 'compare', arguments: JSON.stringify({ names: ['a\u0000', 'b'] }) }));
    expect(e.field).toBe('names[0]');
    e = refused(validateToolCall({ name: 'compare', arguments: JSON.stringify({ names: ['a'.repeat(500), 'b'] }) }));
    expect(e.message).toMatch(/500 characters/);
    e = refused(validateToolCall({ name: 'set_design', arguments: '{"__proto__":{"of":3}}' }));
    expect(e.message).toMatch(/unknown field|field named/);
    e = refused(validateToolCall({ name: 'sweep', arguments: JSON.stringify({ variable: 'of', from: 2, to: 3, design: { a: { b: { c: { d: { e: { f: { g: 1 } } } } } } } }) }));
    expect(e.message).toMatch(/nested too deeply/);
  });
});
