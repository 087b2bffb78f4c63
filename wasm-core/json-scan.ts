// Typed wrapper of the JSON byte scan (wasm-core/assembly/text/json-scan.ts): a text checked a piece
// at a time, each piece written straight into the kernel's memory.
import type { Core } from './index.ts';

interface JsonScanExports {
  jsonScanBuffer(bytes: number): number;
  jsonScan(n: number): number;
  jsonScanDone(): number;
  jsonScanEnds(): number;
  jsonScanEndCount(): number;
  jsonScanArrayStart(): number;
  jsonScanAscii(): number;
  jsonScanRelease(): void;
}

/** What a scan found: one JSON array (its `[` and its elements' ends), another JSON value, or maybe not JSON. */
export type ByteShape =
  | { kind: 'array'; start: number; ends: number[]; ascii: boolean }
  | { kind: 'value' }
  | { kind: 'unknown' };

/**
 * Scans a text of pieces of at most `pieceBytes` bytes: `read(into)` fills `into` (a view of the
 * kernel's memory) with the next piece and returns its length, 0 at the end. The element ends are
 * byte positions in the text (of the `,` after each element, or of the array's `]`).
 */
export function scanJsonBytes(core: Core, pieceBytes: number, read: (into: Uint8Array) => number): ByteShape {
  const x = core.exports as unknown as JsonScanExports;
  try {
    const at = x.jsonScanBuffer(pieceBytes);
    const ends: number[] = [];
    for (;;) {
      // (a new view each time: the scan may grow the memory, which detaches the last one)
      const n = read(new Uint8Array(core.exports.memory.buffer, at, pieceBytes));
      if (n === 0) break;
      if (x.jsonScan(n) !== 0) return { kind: 'unknown' };
      const count = x.jsonScanEndCount();
      if (count > 0) {
        const v = core.f64View(x.jsonScanEnds(), count);
        for (let i = 0; i < count; i++) ends.push(v[i]);
      }
    }
    const done = x.jsonScanDone();
    if (done === 1) return { kind: 'array', start: x.jsonScanArrayStart(), ends, ascii: x.jsonScanAscii() !== 0 };
    return done === 2 ? { kind: 'value' } : { kind: 'unknown' };
  } finally {
    x.jsonScanRelease();
  }
}
