// The assistant's client: plain fetch (injected, so node tests pass a fake) to the provider, the
// stream read through the SSE parser, every failure turned into a message a user can act on —
// a wrong key, no network, a dropped connection, a rate limit, a server error, a cancel. Loaded
// only when the assistant is used (a dynamic import from the UI).
import type { UnitSystem } from '../experiment.ts';
import { BUILT_IN_PROPELLANTS, type Propellant } from '../propellants.ts';
import { err, ok, type Result } from '../result.ts';
import type { CommandAction } from '../command/schema.ts';
import type { AssistantConfig } from './config.ts';
import { createSseParser } from './sse.ts';
import {
  commandRequest, errorDetail, httpErrorMessage, readCommandAnswer, readStreamEvent, retryAfterSeconds, type AssistantRequest,
} from './requests.ts';
import { validateToolCall } from './tools.ts';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface CallOptions {
  signal?: AbortSignal;
  fetch?: FetchLike;
  /** Epoch ms (for a Retry-After given as a date). */
  now?: () => number;
}

const CANCELLED = 'Cancelled: the request was stopped before the answer was complete.';
const aborted = (e: unknown, signal?: AbortSignal) => signal?.aborted || (e instanceof Error && e.name === 'AbortError');
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

async function send(req: AssistantRequest, o: CallOptions): Promise<Result<Response>> {
  const f = o.fetch ?? ((u, i) => fetch(u, i));
  const host = hostOf(req.url);
  let res: Response;
  try {
    res = await f(req.url, { method: 'POST', headers: req.headers, body: JSON.stringify(req.body), signal: o.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch (e) {
    if (aborted(e, o.signal)) return err('aborted', CANCELLED);
    return err('network', `Could not reach ${host}: no network, the server is not running, or it does not accept requests from this page (CORS). Check the connection and the base URL in Settings → Assistant.`);
  }
  if (res.ok) return ok(res);
  let body = '';
  try {
    body = await res.text();
  } catch {
    /* the message is enough without the body */
  }
  const retry = res.status === 429 ? retryAfterSeconds(res.headers.get('retry-after'), (o.now ?? Date.now)()) : null;
  const code = res.status === 401 || res.status === 403 ? 'unauthorized' : res.status === 429 ? 'rate-limited' : res.status >= 500 ? 'server-error' : 'refused';
  return err(code, httpErrorMessage(res.status, errorDetail(body), retry, host));
}

/**
 * Streams an answer: `onText` gets each piece as it arrives; resolves to the whole text, or the
 * reason it stopped (with what had arrived by then still shown by the caller).
 */
export async function streamAnswer(cfg: AssistantConfig, req: AssistantRequest, onText: (piece: string) => void, o: CallOptions = {}): Promise<Result<string>> {
  const res = await send(req, o);
  if (!res.ok) return res;
  const host = hostOf(req.url);
  const body = res.value.body;
  if (!body) return err('dropped', `${host} sent no answer body.`);
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = createSseParser();
  let text = '';
  const dropped = () => err('dropped', `The connection to ${host} dropped before the answer was complete${text ? ' (what arrived is shown above)' : ''}. Try again.`);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const events = done ? [...parser.push(decoder.decode()), ...parser.end()] : parser.push(decoder.decode(value, { stream: true }));
      for (const ev of events) {
        const step = readStreamEvent(cfg.provider, ev);
        if (!step) continue;
        if ('done' in step) {
          void reader.cancel().catch(() => undefined);
          return ok(text);
        }
        if ('error' in step) {
          void reader.cancel().catch(() => undefined);
          return err('server-error', `${host} stopped with an error: ${step.error}`);
        }
        text += step.text;
        onText(step.text);
      }
      // the stream closed without its end marker ([DONE] or message_stop): the connection dropped
      if (done) return dropped();
    }
  } catch (e) {
    if (aborted(e, o.signal)) return err('aborted', CANCELLED);
    return dropped();
  }
}

/**
 * Sends a sentence the offline grammar did not understand, with the command schema as tools; the
 * tool call that comes back is checked like any action. A sentence back instead of a call, or a
 * call that fails the checks, is refused with a message.
 */
export async function askForAction(cfg: AssistantConfig, sentence: string, system: UnitSystem, library: Propellant[] = BUILT_IN_PROPELLANTS, o: CallOptions = {}): Promise<Result<CommandAction>> {
  const req = commandRequest(cfg, sentence, library);
  const res = await send(req, o);
  if (!res.ok) return res;
  const host = hostOf(req.url);
  let json: unknown;
  try {
    const text = await res.value.text();
    if (text.length > 1024 * 1024) return err('assistant-refused', `${host} sent an answer of ${Math.round(text.length / 1024)} KB; refused.`);
    json = JSON.parse(text);
  } catch (e) {
    if (aborted(e, o.signal)) return err('aborted', CANCELLED);
    return err('dropped', `The answer from ${host} was cut off or is not JSON. Try again.`);
  }
  const a = readCommandAnswer(cfg.provider, json);
  if ('error' in a) return err('assistant-refused', `${host}: ${a.error}.`);
  if ('text' in a) return err('assistant-no-action', a.text ? `The assistant did not choose an action; it said: “${a.text}”` : 'The assistant did not choose an action.');
  return validateToolCall(a.call, system, library);
}
