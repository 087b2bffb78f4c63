// The records attachment's bytes: UTF-8 text as standard base64 (RFC 4648) for a CouchDB write, and
// text back from each form PouchDB hands over. Expected strings worked by hand: "Ω" is UTF-8
// CE A9, base64 "zqk="; "Ma" is 4D 61, "TWE=".
import { describe, expect, it } from 'vitest';
import { base64OfText, textOfAttachment } from '../../app/data/sync-attachments.ts';

describe('records attachment bytes', () => {
  it('writes UTF-8 as standard base64', () => {
    expect([base64OfText('Ω'), base64OfText('Ma'), base64OfText('')]).toEqual(['zqk=', 'TWE=', '']);
  });
  it('reads back base64 text, a Blob and a Buffer, non-ASCII and long text included', async () => {
    const text = `{"name":"Ω → ñ ${'x'.repeat(100_000)}"}`;
    const bytes = new TextEncoder().encode(text);
    expect(await textOfAttachment(base64OfText(text))).toBe(text);
    expect(await textOfAttachment(new Blob([bytes]))).toBe(text);
    expect(await textOfAttachment(Buffer.from(bytes))).toBe(text);
  });
  it('gives null for what is not UTF-8 text or not bytes', async () => {
    expect(await textOfAttachment(new Uint8Array([0xff, 0xfe, 0x41]))).toBeNull();
    expect(await textOfAttachment('not base64 ☃')).toBeNull();
    expect(await textOfAttachment({ data: 1 })).toBeNull();
    expect(await textOfAttachment(undefined)).toBeNull();
  });
});
