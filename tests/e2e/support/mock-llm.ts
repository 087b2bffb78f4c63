// A mock OpenAI-compatible server for the browser tests, on 127.0.0.1 (a free port): POST
// /v1/chat/completions answers as OpenAI documents it — with `stream: true` a text/event-stream of
// `data: {choices:[{delta:{content}}]}` lines ending in `data: [DONE]`, sent in pieces cut inside
// lines; without, a JSON completion whose message carries `tool_calls`. CORS as a real server
// configured for the page's origin (preflight included). `mode` chooses the answer of the next
// requests; `requests` keeps each body received.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type MockMode = 'ok' | 'unauthorized' | 'drop';

export interface MockLlm {
  baseUrl: string;
  mode: MockMode;
  /** Arguments (JSON text) of the tool call a command request gets, by tool name. */
  toolCall: { name: string; arguments: string } | null;
  /** The answer a stream sends, in these pieces. */
  pieces: string[];
  requests: { auth: string | undefined; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, accept, x-api-key, anthropic-version, anthropic-dangerous-direct-browser-access',
  'access-control-max-age': '600',
};

const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let s = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (s += c));
  req.on('end', () => resolve(s));
});

export async function startMockLlm(): Promise<MockLlm> {
  const mock: Omit<MockLlm, 'baseUrl' | 'close'> = { mode: 'ok', toolCall: null, pieces: [], requests: [] };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'OPTIONS') return res.writeHead(204, CORS).end();
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return res.writeHead(404, { ...CORS, 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
    const body = JSON.parse(await read(req)) as Record<string, unknown>;
    mock.requests.push({ auth: req.headers.authorization, body });
    if (mock.mode === 'unauthorized') {
      return res.writeHead(401, { ...CORS, 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'Incorrect API key provided: sk-wron****.', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    }
    if (!body.stream) {
      const message = mock.toolCall
        ? { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: mock.toolCall }] }
        : { role: 'assistant', content: 'I cannot help with that.' };
      return res.writeHead(200, { ...CORS, 'content-type': 'application/json' })
        .end(JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion', model: body.model, choices: [{ index: 0, message, finish_reason: mock.toolCall ? 'tool_calls' : 'stop' }] }));
    }
    res.writeHead(200, { ...CORS, 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const event = (content: string) => `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const text = `: mock stream\n\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant' } }] })}\n\n${mock.pieces.map(event).join('')}`;
    // sent in pieces cut inside lines, a little apart, as a real stream arrives
    const cut = Math.ceil(text.length / 5);
    for (let i = 0; i < text.length; i += cut) {
      res.write(text.slice(i, i + cut));
      await new Promise((r) => setTimeout(r, 40));
    }
    if (mock.mode === 'drop') {
      // the connection drops before [DONE]; first a pause, so that what was sent has been read: a reset
      // discards data the browser has received but not yet read (under load, all of it)
      await new Promise((r) => setTimeout(r, 500));
      return res.destroy();
    }
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(mock, {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  }) as MockLlm;
}
