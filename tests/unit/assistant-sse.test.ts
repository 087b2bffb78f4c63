// The SSE parser against the examples of the WHATWG HTML standard's "Server-sent events" section
// (§9.2.6 "Interpreting an event stream" and its worked examples), fed whole, split at every
// position and one character at a time: the events must not depend on how the text arrives.
import { describe, it, expect } from 'vitest';
import { createSseParser, type SseEvent } from '../../app/domain/assistant/sse.ts';

const run = (chunks: string[]): SseEvent[] => {
  const p = createSseParser();
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
};
/** Every way of cutting `text` in two, plus one character at a time. */
function everySplit(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

describe('SSE parser', () => {
  it('joins several data lines with a newline (the standard\'s stock-ticker example)', () => {
    const text = 'data: YHOO\ndata: +2\ndata: 10\n\n';
    for (const chunks of everySplit(text)) expect(run(chunks)).toEqual([{ event: 'message', data: 'YHOO\n+2\n10' }]);
  });

  it('skips comments, keeps ids, strips only one space after the colon', () => {
    const text = ': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n';
    const want = [
      { event: 'message', data: 'first event', id: '1' },
      { event: 'message', data: 'second event', id: '' },
      { event: 'message', data: ' third event', id: '' },
    ];
    for (const chunks of everySplit(text)) expect(run(chunks)).toEqual(want);
  });

  it('dispatches empty data, and drops an event the end of the stream cut off', () => {
    const text = 'data\n\ndata\ndata\n\ndata:';
    for (const chunks of everySplit(text)) expect(run(chunks)).toEqual([{ event: 'message', data: '' }, { event: 'message', data: '\n' }]);
  });

  it('reads CRLF, CR and LF line ends alike, also with CR and LF in different chunks', () => {
    const text = 'event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n';
    const want = [{ event: 'a', data: '1' }, { event: 'b', data: '2' }, { event: 'message', data: '3' }];
    for (const chunks of everySplit(text)) expect(run(chunks)).toEqual(want);
    // a CR at the end of one chunk and the LF at the start of the next are one line end, not two
    expect(run(['data: x\r', '\n', '\r', '\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });

  it('an event with no data is not dispatched; the event name resets after each event', () => {
    expect(run(['event: ping\n\n', 'data: a\n\n'])).toEqual([{ event: 'message', data: 'a' }]);
  });

  it('drops a byte-order mark at the start of the stream only', () => {
    expect(run(['\uFEFFdata: a\n\n'])).toEqual([{ event: 'message', data: 'a' }]);
    expect(run(['data: a\n\n', '\uFEFFdata: b\n\n'])).toEqual([{ event: 'message', data: 'a' }]);
  });

  it('an OpenAI chat-completions stream with [DONE], cut mid-JSON', () => {
    const text = 'data: {"choices":[{"delta":{"content":"Hel"}}]}\n\ndata: {"choices":[{"delta":{"content":"lo"}}]}\n\ndata: [DONE]\n\n';
    for (const chunks of everySplit(text)) expect(run(chunks).map((e) => e.data)).toEqual(['{"choices":[{"delta":{"content":"Hel"}}]}', '{"choices":[{"delta":{"content":"lo"}}]}', '[DONE]']);
  });

  it('an Anthropic stream keeps the event names', () => {
    const text = 'event: message_start\ndata: {"type":"message_start"}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n';
    expect(run([text]).map((e) => e.event)).toEqual(['message_start', 'content_block_delta', 'message_stop']);
  });
});
