// What the assistant sends and how its answers are read, for both provider families, as pure
// functions: the design summary "Explain with AI" sends (and shows), the HTTP requests (OpenAI
// chat completions, Anthropic messages), the reading of each streamed event, the reading of a tool
// call, and the message for each way a request can fail. The client (client.ts) only moves bytes.
import type { RocketProblem, RocketResult, Station } from '../problem.ts';
import type { UnitSystem } from '../experiment.ts';
import type { Propellant } from '../propellants.ts';
import type { AssistantConfig } from './config.ts';
import type { SseEvent } from './sse.ts';
import { commandTools } from './tools.ts';

/** The answer's length limit asked of the provider (a few paragraphs). */
export const MAX_ANSWER_TOKENS = 1024;

const sig = (x: number, d = 5) => (Number.isFinite(x) ? Number(x.toPrecision(d)) : null);
const isStation = (e: unknown): e is Station => typeof e === 'object' && e !== null && !('ok' in e);

/** The design and its results as the assistant receives them: SI, with the unit in each name. */
export interface ExplainSummary {
  about: string;
  units_shown_to_user: UnitSystem;
  design: Record<string, unknown>;
  results: Record<string, unknown>;
  /** The app's own explanations ("Why these numbers"), so the answer builds on them. */
  offline_explanations: string[];
}

function species(st: Station, n = 8): Record<string, number | null> {
  return Object.fromEntries(Object.entries(st.moleFractions).filter(([, x]) => x >= 1e-4).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, x]) => [k, sig(x, 4)]));
}

const station = (st: Station, nozzle: boolean) => ({
  T_K: sig(st.T), p_Pa: sig(st.p), molarMass_kg_kmol: sig(st.M), gammaS: sig(st.gammaS, 4),
  ...(nozzle ? { mach: sig(st.mach, 4), areaRatio: sig(st.areaRatio, 4), cf: sig(st.cf, 4), ispVac_m_s: sig(st.ispVac), isp_m_s: sig(st.isp), ...(st.ispAmb !== undefined ? { ispAmb_m_s: sig(st.ispAmb) } : {}) } : {}),
  moleFractions: species(st),
});

/**
 * The summary of one design point: its inputs, its stations and the offline explanations — no
 * names of experiments, no other data of the workspace.
 */
export function explainSummary(problem: RocketProblem, result: RocketResult, system: UnitSystem, claims: string[], library: Propellant[] = []): ExplainSummary {
  const named = (name: string) => library.find((p) => p.components.length === 1 && p.components[0].name === name)?.name ?? name;
  const design: Record<string, unknown> = {
    reactants: problem.reactants.map((r) => ({ name: named(r.name), ...(r.role ? { role: r.role } : {}), massFraction: sig(r.massFraction, 4), ...(r.T !== undefined ? { T_K: r.T } : {}) })),
    ...(problem.of !== undefined ? { of: problem.of } : {}),
    ...(problem.phi !== undefined ? { phi: problem.phi } : {}),
    pc_Pa: problem.pc,
    exits: (problem.exits ?? []).map((e) => ('areaRatio' in e ? { areaRatio: e.areaRatio } : 'pcOverPe' in e ? { pcOverPe: e.pcOverPe } : { subsonicAreaRatio: e.subsonicAreaRatio })),
    ...(problem.pamb !== undefined ? { pamb_Pa: problem.pamb } : {}),
    chemistry: problem.chemistry === 'frozen' ? `frozen at the ${problem.freezeAt ?? 'chamber'}` : 'shifting equilibrium',
    combustor: problem.combustor ? problem.combustor : 'infinite area',
  };
  const exits = result.exits.map((e) => (isStation(e) ? station(e, true) : { error: e.error.message }));
  return {
    about: 'One rocket design point computed by chemical equilibrium (NASA CEA method) in the Rocket Fuel Optimizer app.',
    units_shown_to_user: system,
    design,
    results: {
      cstar_m_s: sig(result.chamber.cstar),
      chamber: station(result.chamber, false),
      throat: station(result.throat, true),
      exits,
      ...(result.warnings.length ? { warnings: result.warnings } : {}),
    },
    offline_explanations: claims,
  };
}

const EXPLAIN_SYSTEM = 'You explain rocket propellant performance to students and engineers. Explain, in a few short paragraphs of plain text (no Markdown, no HTML), why this design has the performance it has: what drives its specific impulse, its chamber temperature and composition, the nozzle expansion, and anything notable. Use only the figures given; state numbers in the units the user reads (SI: bar, K, m/s and s; US: psia, °R, ft/s and s). Do not invent data.';

const COMMAND_SYSTEM = 'You turn a request for a rocket propellant app into exactly one call of one of the given tools. Numbers are SI: pressures in pascals (convert bar, psi, atm), O/F as a mass ratio. Use only the propellant and template ids listed. If the request is not something the tools can do, answer in one short sentence without calling a tool.';

/** An HTTP request to make; `body` is exactly what is sent (the user can read it). */
export interface AssistantRequest {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

function endpoint(cfg: AssistantConfig): string {
  const base = cfg.baseUrl.replace(/\/+$/, '');
  return cfg.provider === 'anthropic' ? `${base}/messages` : `${base}/chat/completions`;
}

function headers(cfg: AssistantConfig, stream: boolean): Record<string, string> {
  const h: Record<string, string> = { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' };
  if (cfg.provider === 'anthropic') {
    h['x-api-key'] = cfg.key;
    h['anthropic-version'] = '2023-06-01';
    // Anthropic answers a browser's CORS request only when the page says it calls the API directly
    h['anthropic-dangerous-direct-browser-access'] = 'true';
  } else if (cfg.key) h.authorization = `Bearer ${cfg.key}`;
  return h;
}

/** The streamed "Explain with AI" request. */
export function explainRequest(cfg: AssistantConfig, summary: ExplainSummary): AssistantRequest {
  const user = `Explain these results.\n${JSON.stringify(summary, null, 1)}`;
  const body: Record<string, unknown> = cfg.provider === 'anthropic'
    ? { model: cfg.model, max_tokens: MAX_ANSWER_TOKENS, stream: true, system: EXPLAIN_SYSTEM, messages: [{ role: 'user', content: user }] }
    // no max_tokens for OpenAI-compatible servers: newer OpenAI models refuse it, local servers ignore it
    : { model: cfg.model, stream: true, messages: [{ role: 'system', content: EXPLAIN_SYSTEM }, { role: 'user', content: user }] };
  return { url: endpoint(cfg), headers: headers(cfg, true), body };
}

/** The command bar's request: the sentence, with the command schema as tools (not streamed). */
export function commandRequest(cfg: AssistantConfig, sentence: string, library?: Propellant[]): AssistantRequest {
  const tools = commandTools(library);
  const body: Record<string, unknown> = cfg.provider === 'anthropic'
    ? {
      model: cfg.model, max_tokens: MAX_ANSWER_TOKENS, system: COMMAND_SYSTEM,
      messages: [{ role: 'user', content: sentence }],
      tools: tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })),
    }
    : {
      model: cfg.model,
      messages: [{ role: 'system', content: COMMAND_SYSTEM }, { role: 'user', content: sentence }],
      tools: tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })),
      tool_choice: 'auto',
    };
  return { url: endpoint(cfg), headers: headers(cfg, false), body };
}

/** The headers as shown to the user: the key masked. */
export function shownHeaders(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, k === 'authorization' ? 'Bearer •••' : k === 'x-api-key' ? '•••' : v]));
}

/** What one streamed event means: more text, the end, an error the provider reports, or nothing. */
export type StreamStep = { text: string } | { done: true } | { error: string } | null;

const parse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};
type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : null);
const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…` : s);
const errorText = (v: unknown): string | null => {
  const e = rec(v);
  if (!e) return typeof v === 'string' ? clip(v) : null;
  return typeof e.message === 'string' ? clip(e.message) : typeof e.type === 'string' ? e.type : null;
};

/** Reads one server-sent event of an OpenAI-compatible chat completion or an Anthropic message stream. */
export function readStreamEvent(provider: AssistantConfig['provider'], ev: SseEvent): StreamStep {
  if (provider === 'openai') {
    if (ev.data.trim() === '[DONE]') return { done: true };
    const d = rec(parse(ev.data));
    if (!d) return { error: `the server sent an event that is not JSON (${JSON.stringify(clip(ev.data, 60))})` };
    if (d.error !== undefined) return { error: errorText(d.error) ?? 'the server reported an error' };
    const choice = rec(Array.isArray(d.choices) ? d.choices[0] : null);
    const content = rec(choice?.delta)?.content;
    return typeof content === 'string' && content ? { text: content } : null;
  }
  const d = rec(parse(ev.data));
  const type = typeof d?.type === 'string' ? d.type : ev.event;
  if (type === 'message_stop') return { done: true };
  if (type === 'error') return { error: errorText(d?.error) ?? 'the server reported an error' };
  if (type === 'content_block_delta') {
    const delta = rec(d?.delta);
    return delta?.type === 'text_delta' && typeof delta.text === 'string' && delta.text ? { text: delta.text } : null;
  }
  return null; // message_start, content_block_start/stop, message_delta, ping
}

/** What a (non-streamed) command answer holds: a tool call, or a sentence instead. */
export type CommandAnswer = { call: { name: unknown; arguments: unknown } } | { text: string } | { error: string };

export function readCommandAnswer(provider: AssistantConfig['provider'], json: unknown): CommandAnswer {
  const d = rec(json);
  if (!d) return { error: 'the server answered with something that is not a JSON object' };
  if (provider === 'openai') {
    const msg = rec(rec(Array.isArray(d.choices) ? d.choices[0] : null)?.message);
    if (!msg) return { error: 'the answer has no message (choices[0].message)' };
    const calls = Array.isArray(msg.tool_calls) ? msg.tool_calls : [];
    const fn = rec(rec(calls[0])?.function);
    if (fn) return { call: { name: fn.name, arguments: fn.arguments } };
    // older servers answer with the deprecated single function_call
    const legacy = rec(msg.function_call);
    if (legacy) return { call: { name: legacy.name, arguments: legacy.arguments } };
    return { text: typeof msg.content === 'string' ? clip(msg.content.trim()) : '' };
  }
  const content = Array.isArray(d.content) ? d.content.map(rec) : [];
  const use = content.find((c) => c?.type === 'tool_use');
  if (use) return { call: { name: use.name, arguments: use.input } };
  return { text: clip(content.filter((c) => c?.type === 'text').map((c) => String(c?.text ?? '')).join(' ').trim()) };
}

/** Seconds to wait that a Retry-After header gives (delay in seconds, or an HTTP date), or null. */
export function retryAfterSeconds(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, Math.ceil((t - nowMs) / 1000)) : null;
}

/** The message for an HTTP error answer; `detail` is the provider's own message when it gave one. */
export function httpErrorMessage(status: number, detail: string | null, retryAfter: number | null, host: string): string {
  const said = detail ? ` The server said: “${clip(detail, 200)}”` : '';
  if (status === 401 || status === 403) return `${host} refused the API key (HTTP ${status}). Check the key (and that it may use this model) in Settings → Assistant.${said}`;
  if (status === 429) {
    const wait = retryAfter !== null ? ` Try again in ${retryAfter} s.` : ' Wait a little and try again.';
    return `${host} is limiting requests (HTTP 429: rate limit or quota reached).${wait}${said}`;
  }
  if (status === 404) return `${host} has no such endpoint or model (HTTP 404). Check the base URL and the model name in Settings → Assistant.${said}`;
  if (status >= 500) return `${host} failed to answer (HTTP ${status}, a server error). Try again later.${said}`;
  return `${host} refused the request (HTTP ${status}).${said}`;
}

/** The provider's message inside an error body (OpenAI and Anthropic both use {error:{message}}). */
export function errorDetail(bodyText: string): string | null {
  const d = rec(parse(bodyText));
  if (d) return errorText(d.error) ?? (typeof d.message === 'string' ? clip(d.message) : null);
  const t = bodyText.trim();
  return t && t.length < 300 && !t.startsWith('<') ? t : null;
}
