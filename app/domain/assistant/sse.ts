// A parser of Server-Sent Events (the WHATWG "text/event-stream" format) that takes the text as it
// arrives, in chunks cut anywhere — inside a line, between "\r" and "\n" — and hands back the
// events completed so far. Pure: the assistant's client feeds it decoded text from fetch's body.
// What the format says and this follows: lines end in CRLF, LF or CR; a line starting with ":" is
// a comment; "field: value" loses one space after the colon; several "data" lines join with "\n";
// a blank line ends the event, and an event with no data is not dispatched; an event cut off by
// the end of the stream is dropped (the caller sees no end marker and reports the drop).

export interface SseEvent {
  /** The event type ("message" when the stream names none). */
  event: string;
  /** The data lines joined with "\n". */
  data: string;
  /** The last event id given, if any. */
  id?: string;
}

export interface SseParser {
  /** Takes the next piece of text; returns the events it completed, in order. */
  push(chunk: string): SseEvent[];
  /** The stream ended: whatever event was still open is dropped (as the format says). */
  end(): SseEvent[];
}

export function createSseParser(): SseParser {
  let buffer = '';
  let started = false;
  let lastWasCr = false;
  let data: string[] = [];
  let event = '';
  let id: string | undefined;

  const line = (l: string, out: SseEvent[]) => {
    if (l === '') {
      if (data.length) out.push(id === undefined ? { event: event || 'message', data: data.join('\n') } : { event: event || 'message', data: data.join('\n'), id });
      data = [];
      event = '';
      return;
    }
    if (l.startsWith(':')) return;
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id' && !value.includes('\0')) id = value;
    // "retry" and unknown fields: nothing for a fetch-based reader to do
  };

  return {
    push(chunk) {
      const out: SseEvent[] = [];
      if (!chunk) return out;
      let text = chunk;
      if (!started) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      // a CR ending the previous chunk already ended its line: a LF starting this one belongs to it
      if (lastWasCr && text.startsWith('\n')) text = text.slice(1);
      lastWasCr = text.endsWith('\r');
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        line(buffer.slice(start, i), out);
        if (c === 13 && buffer.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    end() {
      buffer = '';
      data = [];
      event = '';
      return [];
    },
  };
}
