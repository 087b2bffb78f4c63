// The assistant's requests and client against a fake fetch that answers as the providers document
// (OpenAI chat completions with `stream: true`; Anthropic messages streaming events): what is
// sent, the text streamed in, and a clear message for each failure.
import { describe, it, expect } from 'vitest';
import { checkAssistantConfig, type AssistantConfig } from '../../app/domain/assistant/config.ts';
import { commandRequest, explainRequest, explainSummary, httpErrorMessage, readStreamEvent, retryAfterSeconds, shownHeaders } from '../../app/domain/assistant/requests.ts';
import { askForAction, streamAnswer, type FetchLike } from '../../app/domain/assistant/client.ts';
import type { RocketProblem, RocketResult, Station } from '../../app/domain/problem.ts';

const OPENAI: AssistantConfig = { on: true, provider: 'openai', baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', key: 'sk-test-123' };
const ANTHROPIC: AssistantConfig = { on: true, provider: 'anthropic', baseUrl: 'https://api.anthropic.com/v1', model: 'claude-sonnet-4-5', key: 'sk-ant-456' };

const st = (T: number, extra: Partial<Station> = {}): Station => ({
  T, p: 1e7, rho: 1, h: 0, u: 0, g: 0, s: 0, M: 20, MW: 20, cp: 2000, gammaS: 1.2, dlnVdlnP: -1, dlnVdlnT: 1, a: 1000, mach: 0, areaRatio: 0,
  cstar: 1800, cf: 0, ispVac: 0, isp: 0, moleFractions: { H2O: 0.6, CO2: 0.2, CO: 0.1, H2: 0.09, OH: 0.00005 }, ...extra,
});
const problem: RocketProblem = { problem: 'rocket', reactants: [{ name: 'CH4(L)', role: 'fuel', massFraction: 1 }, { name: 'O2(L)', role: 'oxidizer', massFraction: 1 }], of: 3.4, pc: 1e7, exits: [{ areaRatio: 40 }], pamb: 101325 };
const result: RocketResult = { ok: true, chamber: st(3600), throat: st(3400, { mach: 1, areaRatio: 1, cf: 0.7, ispVac: 2200, isp: 1800 }), exits: [st(1500, { mach: 4, areaRatio: 40, cf: 1.9, ispVac: 3650, isp: 3500, ispAmb: 3300 })], warnings: [] };

/** A fetch that records the request and answers with `chunks` as an event stream (or fails as told). */
function fakeFetch(answer: { status?: number; chunks?: string[]; body?: string; headers?: Record<string, string>; breakAfter?: number; throws?: Error }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f: FetchLike = async (url, init) => {
    calls.push({ url, init });
    if (answer.throws) throw answer.throws;
    const enc = new TextEncoder();
    let i = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (answer.breakAfter !== undefined && i === answer.breakAfter) return c.error(new TypeError('network error'));
        if (i < (answer.chunks?.length ?? 0)) c.enqueue(enc.encode(answer.chunks![i++]));
        else c.close();
      },
    });
    return new Response(answer.body ?? stream, { status: answer.status ?? 200, headers: answer.headers });
  };
  return { f, calls };
}

const openaiChunks = (pieces: string[]) => [...pieces.map((p) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: p } }] })}\n\n`), 'data: [DONE]\n\n'];

describe('assistant settings', () => {
  it('are checked field by field', () => {
    expect(checkAssistantConfig({ ...OPENAI }).ok).toBe(true);
    expect(checkAssistantConfig({ ...OPENAI, key: '' }).ok).toBe(true); // a local server needs no key
    const bad = (c: object) => (r => (r.ok ? '' : r.error.field))(checkAssistantConfig(c));
    expect(bad({ ...ANTHROPIC, key: '' })).toBe('key');
    expect(bad({ ...OPENAI, baseUrl: 'ftp://x' })).toBe('baseUrl');
    expect(bad({ ...OPENAI, baseUrl: 'http://api.example.com/v1' })).toBe('baseUrl'); // a key in clear over the internet
    expect(bad({ ...OPENAI, baseUrl: 'http://192.168.1.20:11434/v1' })).toBe('');
    expect(bad({ ...OPENAI, model: '' })).toBe('model');
    expect(bad({ ...OPENAI, key: 'sk bad\nX-Evil: 1' })).toBe('key');
    expect(bad({ ...OPENAI, provider: 'gemini' })).toBe('provider');
  });
});

describe('requests', () => {
  it('OpenAI-compatible: POST {base}/chat/completions, Bearer key, stream: true, system + user messages', () => {
    const s = explainSummary(problem, result, 'SI', ['Isp peaks at O/F 3.2.']);
    const r = explainRequest(OPENAI, s);
    expect(r.url).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(r.headers.authorization).toBe('Bearer sk-test-123');
    expect(r.body.stream).toBe(true);
    expect(r.body.model).toBe('llama3.1');
    const msgs = r.body.messages as { role: string; content: string }[];
    expect(msgs.map((m) => m.role)).toEqual(['system', 'user']);
    // the summary travels as JSON in the user message, nothing else
    const sent = JSON.parse(msgs[1].content.slice(msgs[1].content.indexOf('{')));
    expect(sent).toEqual(JSON.parse(JSON.stringify(s)));
    expect(sent.design.pc_Pa).toBe(1e7);
    expect(sent.results.exits[0].ispVac_m_s).toBe(3650);
    expect(Object.keys(sent.results.chamber.moleFractions)).toEqual(['H2O', 'CO2', 'CO', 'H2']); // 5e-5 left out
    expect(JSON.stringify(r.body)).not.toContain('sk-test-123');
    expect(shownHeaders(r.headers).authorization).toBe('Bearer •••');
  });

  it('Anthropic: POST {base}/messages, x-api-key, anthropic-version, the browser-access header, system apart', () => {
    const r = explainRequest(ANTHROPIC, explainSummary(problem, result, 'US', []));
    expect(r.url).toBe('https://api.anthropic.com/v1/messages');
    expect(r.headers['x-api-key']).toBe('sk-ant-456');
    expect(r.headers['anthropic-version']).toBe('2023-06-01');
    expect(r.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    expect(r.headers.authorization).toBeUndefined();
    expect(r.body.max_tokens).toBeGreaterThan(0);
    expect(typeof r.body.system).toBe('string');
    expect((r.body.messages as { role: string }[]).map((m) => m.role)).toEqual(['user']);
    expect(shownHeaders(r.headers)['x-api-key']).toBe('•••');
  });

  it('the command request carries the schema as tools in each provider\'s shape', () => {
    const o = commandRequest(OPENAI, 'make it a methane engine');
    const tools = o.body.tools as { type: string; function: { name: string; parameters: { type: string } } }[];
    expect(tools.every((t) => t.type === 'function' && t.function.parameters.type === 'object')).toBe(true);
    expect(o.body.stream).toBeUndefined();
    const a = commandRequest(ANTHROPIC, 'make it a methane engine');
    const at = a.body.tools as { name: string; input_schema: { type: string } }[];
    expect(at.map((t) => t.name)).toEqual(tools.map((t) => t.function.name));
    expect(at.every((t) => t.input_schema.type === 'object')).toBe(true);
  });

  it('reads each provider\'s stream events', () => {
    expect(readStreamEvent('openai', { event: 'message', data: '{"choices":[{"delta":{"content":"Hi"}}]}' })).toEqual({ text: 'Hi' });
    expect(readStreamEvent('openai', { event: 'message', data: '{"choices":[{"delta":{"role":"assistant"}}]}' })).toBeNull();
    expect(readStreamEvent('openai', { event: 'message', data: '[DONE]' })).toEqual({ done: true });
    expect(readStreamEvent('openai', { event: 'message', data: '{"error":{"message":"overloaded"}}' })).toEqual({ error: 'overloaded' });
    expect(readStreamEvent('anthropic', { event: 'content_block_delta', data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}' })).toEqual({ text: 'Hi' });
    expect(readStreamEvent('anthropic', { event: 'ping', data: '{"type":"ping"}' })).toBeNull();
    expect(readStreamEvent('anthropic', { event: 'message_stop', data: '{"type":"message_stop"}' })).toEqual({ done: true });
    expect(readStreamEvent('anthropic', { event: 'error', data: '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' })).toEqual({ error: 'Overloaded' });
  });

  it('Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('30', 0)).toBe(30);
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60);
    expect(retryAfterSeconds(null, 0)).toBeNull();
    expect(retryAfterSeconds('soon', 0)).toBeNull();
  });
});

describe('client', () => {
  it('streams an OpenAI answer piece by piece, with a character split across chunks', async () => {
    const body = openaiChunks(['Isp ', 'peaks fuel-rich ', 'because M falls — ', 'ΔT small.']).join('');
    const bytes = new TextEncoder().encode(body);
    // cut the byte stream inside the multi-byte "—" and "Δ", and inside lines
    const cuts = [5, 40, body.indexOf('—') + 1, body.indexOf('Δ') + 3, bytes.length - 3].sort((a, b) => a - b);
    expect(new Set(cuts).size).toBe(5);
    const f: FetchLike = async () => new Response(new ReadableStream<Uint8Array>({
      start(c) { let p = 0; for (const k of [...cuts, bytes.length]) { c.enqueue(bytes.slice(p, k)); p = k; } c.close(); },
    }), { status: 200 });
    const pieces: string[] = [];
    const r = await streamAnswer(OPENAI, explainRequest(OPENAI, explainSummary(problem, result, 'SI', [])), (t) => pieces.push(t), { fetch: f });
    expect(r).toEqual({ ok: true, value: 'Isp peaks fuel-rich because M falls — ΔT small.' });
    expect(pieces).toEqual(['Isp ', 'peaks fuel-rich ', 'because M falls — ', 'ΔT small.']);
  });

  it('streams an Anthropic answer', async () => {
    const ev = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const { f, calls } = fakeFetch({ chunks: [ev('message_start', { message: {} }), ev('content_block_start', { index: 0 }), ev('ping', {}), ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'Hot ' } }), ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'chamber.' } }), ev('content_block_stop', { index: 0 }), ev('message_stop', {})] });
    const r = await streamAnswer(ANTHROPIC, explainRequest(ANTHROPIC, explainSummary(problem, result, 'SI', [])), () => undefined, { fetch: f });
    expect(r).toEqual({ ok: true, value: 'Hot chamber.' });
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>)['x-api-key']).toBe('sk-ant-456');
  });

  const req = () => explainRequest(OPENAI, explainSummary(problem, result, 'SI', []));
  const message = async (answer: Parameters<typeof fakeFetch>[0], signal?: AbortSignal) => {
    const r = await streamAnswer(OPENAI, req(), () => undefined, { fetch: fakeFetch(answer).f, signal, now: () => 0 });
    expect(r.ok).toBe(false);
    return r.ok ? { code: '', message: '' } : r.error;
  };

  it('a wrong key (401, 403) says to check the key, with the server\'s words', async () => {
    const e = await message({ status: 401, body: '{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}' });
    expect(e.code).toBe('unauthorized');
    expect(e.message).toBe('127.0.0.1:11434 refused the API key (HTTP 401). Check the key (and that it may use this model) in Settings → Assistant. The server said: “Incorrect API key provided”');
    expect((await message({ status: 403, body: 'forbidden' })).code).toBe('unauthorized');
  });

  it('a rate limit (429) gives the wait of Retry-After', async () => {
    const e = await message({ status: 429, body: '{"error":{"message":"Rate limit reached"}}', headers: { 'retry-after': '20' } });
    expect(e.code).toBe('rate-limited');
    expect(e.message).toMatch(/HTTP 429.*Try again in 20 s\./);
    expect((await message({ status: 429, body: '' })).message).toMatch(/Wait a little and try again/);
  });

  it('server errors, no network, a dropped connection, a stream that ends without its end marker, cancel', async () => {
    expect((await message({ status: 503, body: '<html>bad gateway</html>' })).message).toBe('127.0.0.1:11434 failed to answer (HTTP 503, a server error). Try again later.');
    const net = await message({ throws: new TypeError('Failed to fetch') });
    expect(net.code).toBe('network');
    expect(net.message).toMatch(/^Could not reach 127\.0\.0\.1:11434: no network/);
    const drop = await message({ chunks: openaiChunks(['a', 'b']).slice(0, 2), breakAfter: 1 });
    expect(drop.code).toBe('dropped');
    expect(drop.message).toMatch(/dropped before the answer was complete \(what arrived is shown above\)/);
    expect((await message({ chunks: openaiChunks(['a', 'b']).slice(0, 2) })).code).toBe('dropped');
    expect((await message({ chunks: ['data: {"error":{"message":"model crashed"}}\n\n'] })).message).toMatch(/stopped with an error: model crashed/);
    const ctl = new AbortController();
    ctl.abort();
    expect((await message({ throws: Object.assign(new Error('aborted'), { name: 'AbortError' }) }, ctl.signal)).code).toBe('aborted');
  });

  it('cancel in the middle of a stream stops reading and says so', async () => {
    const ctl = new AbortController();
    const f: FetchLike = async (_u, init) => new Response(new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode(openaiChunks(['first '])[0]));
        init.signal!.addEventListener('abort', () => c.error(Object.assign(new Error('aborted'), { name: 'AbortError' })));
      },
    }));
    const pieces: string[] = [];
    const r = await streamAnswer(OPENAI, req(), (t) => { pieces.push(t); ctl.abort(); }, { fetch: f, signal: ctl.signal });
    expect(pieces).toEqual(['first ']);
    expect(r.ok ? '' : r.error.code).toBe('aborted');
  });

  it('a tool call comes back as a validated action; a sentence or a bad call is refused', async () => {
    const openaiTool = (name: string, args: string) => JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name, arguments: args } }] }, finish_reason: 'tool_calls' }] });
    let r = await askForAction(OPENAI, 'methane please, 100 bar', 'SI', undefined, { fetch: fakeFetch({ body: openaiTool('set_design', '{"fuels":["lch4"],"oxidizers":["lox"],"of":3.4,"pc":1e7}') }).f });
    expect(r).toEqual({ ok: true, value: { action: 'set-design', fuels: ['lch4'], oxidizers: ['lox'], of: 3.4, pc: 1e7 } });
    r = await askForAction(OPENAI, 'x', 'SI', undefined, { fetch: fakeFetch({ body: openaiTool('set_design', '{"pc": 1e7') }).f });
    expect(r.ok ? '' : r.error.message).toMatch(/not valid JSON/);
    r = await askForAction(OPENAI, 'x', 'SI', undefined, { fetch: fakeFetch({ body: JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'I cannot do that.' } }] }) }).f });
    expect(r.ok ? '' : r.error.message).toBe('The assistant did not choose an action; it said: “I cannot do that.”');
    const anth = JSON.stringify({ content: [{ type: 'text', text: 'Sure.' }, { type: 'tool_use', id: 't1', name: 'set_units', input: { system: 'US' } }], stop_reason: 'tool_use' });
    r = await askForAction(ANTHROPIC, 'use imperial', 'SI', undefined, { fetch: fakeFetch({ body: anth }).f });
    expect(r).toEqual({ ok: true, value: { action: 'set-units', system: 'US' } });
    r = await askForAction(OPENAI, 'x', 'SI', undefined, { fetch: fakeFetch({ body: '{"choices":[{"message":{"content":nul' }).f });
    expect(r.ok ? '' : r.error.code).toBe('dropped');
  });

  it('the http error message for other statuses names the status', () => {
    expect(httpErrorMessage(404, null, null, 'h')).toMatch(/HTTP 404\)\. Check the base URL and the model name/);
    expect(httpErrorMessage(400, 'bad model', null, 'h')).toBe('h refused the request (HTTP 400). The server said: “bad model”');
  });
});
