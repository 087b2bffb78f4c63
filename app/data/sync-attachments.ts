// The records attachment's bytes (sync-records.ts says what they hold): base64 for a CouchDB write,
// and text from what PouchDB hands over when it fetches one (a Blob in the browser, a Buffer in Node).
/** UTF-8 text as standard base64 (what a CouchDB attachment's `data` holds). */
export function base64OfText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

/**
 * An attachment's content as text, as PouchDB hands it over: a Blob in the browser, a Buffer (a
 * Uint8Array) in Node, or base64 text; null when it is none of these.
 */
export async function textOfAttachment(data: unknown): Promise<string | null> {
  if (typeof data === 'string') {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(data), (c) => c.charCodeAt(0)));
    } catch {
      return null;
    }
  }
  const bytes = typeof Blob !== 'undefined' && data instanceof Blob ? new Uint8Array(await data.arrayBuffer()) : data instanceof Uint8Array ? data : null;
  if (!bytes) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
