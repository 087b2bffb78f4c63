// A check of JSON bytes that builds nothing, fed a piece at a time: whether the whole is one JSON
// value (the grammar of ECMA-404, as JSON.parse reads it once the bytes are decoded as UTF-8) and,
// for an array, where each of its elements ends. The solve command reads a large input file this way
// in pieces of one buffer (scripts/json-file.ts), and afterwards reads each chunk of elements again
// by its byte positions to parse and solve it: the file is never held whole, nor decoded whole.
//
// The same verdicts as the command's string scan (scripts/json-scan.ts), byte for byte: a value
// split anywhere between two pieces is read as if it came whole. Sound one way only: "valid" means
// JSON.parse reads the decoded text; "invalid" means it may not, and the caller asks JSON.parse.
// Bytes of 0x80 and above are accepted inside strings only (a UTF-8 decoder turns any of them into
// characters, which a JSON string may hold); elsewhere, as a byte-order mark, they are refused.

// What the next byte may be (`state`).
const VALUE = 0; // a value (after `[`, `,`, `:` or at the start)
const KEY = 1; // an object's key (after `{` or `,`)
const COLON = 2; // the `:` after a key
const AFTER = 3; // `,` or the closing bracket after a value inside a container
const STRING = 4; // inside a string
const ESCAPE = 5; // after a backslash in a string
const HEX = 6; // in the four hex digits of a \u escape (`hexLeft` to go)
const MINUS = 7; // after a number's `-`: a digit
const ZERO = 8; // after a leading 0: `.`, `e`, or the number's end
const INT = 9; // in the integer digits
const DOT = 10; // after `.`: a digit
const FRAC = 11; // in the fraction digits
const EXP = 12; // after `e`: a sign or a digit
const EXP_SIGN = 13; // after the exponent's sign: a digit
const EXP_DIGITS = 14; // in the exponent's digits
const WORD = 15; // in true, false or null (`word`, `wordAt` letters read)
const END = 16; // after the top-level value: white space only
const FAILED = 17;

let state = VALUE;
let justOpened = false; // just after `[` or `{`: its closing bracket may come instead
let stringIsKey = false;
let hexLeft = 0;
let word = 0; // 0 true, 1 false, 2 null
let wordAt = 0;
let depth = 0;
let stack: usize = 0; // one byte per open container: 1 for an object
let stackCap = 0;
let topArray = false;
let arrayStart: f64 = -1; // byte position of the top-level array's `[`
let offset: f64 = 0; // byte position of the current piece's first byte
let ascii = true;

let input: usize = 0; // the piece's bytes
let inputCap = 0;
let ends: usize = 0; // f64 byte positions of the element ends found in the current piece
let endCount = 0;

/**
 * Room for pieces of up to `bytes` bytes; returns where the caller writes each piece (valid until the
 * next call of this function). Starts a new scan.
 */
export function jsonScanBuffer(bytes: i32): usize {
  if (bytes > inputCap) {
    if (input) heap.free(input);
    if (ends) heap.free(ends);
    input = heap.alloc(<usize>bytes);
    // an element takes a byte and its comma: at most bytes / 2 + 1 ends in a piece
    ends = heap.alloc(<usize>(bytes / 2 + 2) << 3);
    inputCap = bytes;
  }
  jsonScanReset();
  return input;
}

/** Frees the scan's buffers (a scan runs on the engine's instance, whose memory it then leaves as it was). */
export function jsonScanRelease(): void {
  if (input) heap.free(input);
  if (ends) heap.free(ends);
  if (stack) heap.free(stack);
  input = ends = stack = 0;
  inputCap = stackCap = 0;
  jsonScanReset();
}

/** Starts a new scan (of the next text). */
export function jsonScanReset(): void {
  state = VALUE;
  justOpened = false;
  stringIsKey = false;
  hexLeft = 0;
  wordAt = 0;
  depth = 0;
  topArray = false;
  arrayStart = -1;
  offset = 0;
  ascii = true;
  endCount = 0;
}

@inline function isWs(c: i32): bool {
  return c == 32 || c == 10 || c == 13 || c == 9;
}

@inline function isHex(c: i32): bool {
  return <u32>(c - 48) <= 9 || <u32>((c | 32) - 97) <= 5;
}

// The state after a complete value: inside a container, or at the end of the text.
@inline function valueDone(): i32 {
  return depth == 0 ? END : AFTER;
}

@inline function top(): i32 {
  return <i32>load<u8>(stack + <usize>(depth - 1));
}

function push(isObject: i32): void {
  if (depth >= stackCap) {
    const cap = stackCap < 64 ? 64 : stackCap * 2;
    stack = stack ? heap.realloc(stack, <usize>cap) : heap.alloc(<usize>cap);
    stackCap = cap;
  }
  store<u8>(stack + <usize>depth, <u8>isObject);
  depth++;
}

@inline function recordEnd(at: f64): void {
  store<f64>(ends + (<usize>endCount << 3), at);
  endCount++;
}

/**
 * Reads the next `n` bytes of the text (written where jsonScanBuffer said). Returns 0 while the text
 * may still be JSON, 1 once it cannot (then every later piece gives 1 too). The element ends found in
 * this piece: jsonScanEnds() and jsonScanEndCount().
 */
export function jsonScan(n: i32): i32 {
  endCount = 0;
  if (state == FAILED) return 1;
  let p = input;
  const stop = input + <usize>n;
  let st = state;
  while (p < stop) {
    let c = <i32>load<u8>(p);
    switch (st) {
      case STRING: {
        for (;;) {
          if (c == 34) {
            p++;
            st = stringIsKey ? COLON : valueDone();
            break;
          }
          if (c == 92) {
            p++;
            st = ESCAPE;
            break;
          }
          if (c < 0x20) return fail();
          if (c >= 0x80) ascii = false;
          if (++p >= stop) break;
          c = <i32>load<u8>(p);
        }
        continue;
      }
      case ESCAPE: {
        if (c == 117) {
          st = HEX;
          hexLeft = 4;
        } else if (c == 34 || c == 92 || c == 47 || c == 98 || c == 102 || c == 110 || c == 114 || c == 116) st = STRING;
        else return fail();
        p++;
        continue;
      }
      case HEX: {
        if (!isHex(c)) return fail();
        if (--hexLeft == 0) st = STRING;
        p++;
        continue;
      }
      case ZERO:
      case INT:
      case FRAC:
      case EXP_DIGITS: {
        if (st != ZERO) {
          while (<u32>(c - 48) <= 9) {
            if (++p >= stop) break;
            c = <i32>load<u8>(p);
          }
          if (p >= stop) continue;
        }
        if (c == 46 && st <= INT) {
          st = DOT;
          p++;
        } else if ((c | 32) == 101 && st <= FRAC) {
          st = EXP;
          p++;
        } else st = valueDone(); // (the byte is read again in that state)
        continue;
      }
      case MINUS: {
        if (c == 48) st = ZERO;
        else if (<u32>(c - 49) <= 8) st = INT;
        else return fail();
        p++;
        continue;
      }
      case EXP: {
        if (c == 43 || c == 45) st = EXP_SIGN;
        else if (<u32>(c - 48) <= 9) st = EXP_DIGITS;
        else return fail();
        p++;
        continue;
      }
      case DOT:
      case EXP_SIGN: { // a digit must follow
        if (<u32>(c - 48) > 9) return fail();
        st = st == DOT ? FRAC : EXP_DIGITS;
        p++;
        continue;
      }
      case WORD: {
        // "true", "false", "null": the letter wordAt of the word
        const w = word == 0 ? 0x65757274 : word == 1 ? 0x736c6166 : 0x6c6c756e; // little-endian letters
        const len = word == 1 ? 5 : 4;
        const want = wordAt < 4 ? <i32>((w >>> (<u32>wordAt << 3)) & 0xff) : 101; // (false's e)
        if (c != want) return fail();
        p++;
        if (++wordAt == len) st = valueDone();
        continue;
      }
      default:
        break;
    }
    // the structural states: white space first
    if (isWs(c)) {
      p++;
      continue;
    }
    if (justOpened && c == (st == VALUE ? 93 : 125)) { // `[]` or `{}` (justOpened: st is VALUE or KEY)
      justOpened = false;
      depth--;
      st = valueDone();
      p++;
      continue;
    }
    if (st == VALUE) {
      justOpened = false;
      if (c == 91 || c == 123) {
        if (depth == 0 && c == 91) {
          topArray = true;
          arrayStart = offset + <f64>(p - input);
        }
        push(c == 123 ? 1 : 0);
        justOpened = true;
        st = c == 91 ? VALUE : KEY;
      } else if (c == 34) {
        stringIsKey = false;
        st = STRING;
      } else if (c == 45) st = MINUS;
      else if (c == 48) st = ZERO;
      else if (<u32>(c - 49) <= 8) st = INT;
      else if (c == 116 || c == 102 || c == 110) {
        word = c == 116 ? 0 : c == 102 ? 1 : 2;
        wordAt = 1;
        st = WORD;
      } else return fail();
      p++;
      continue;
    }
    if (st == KEY) {
      justOpened = false;
      if (c != 34) return fail();
      stringIsKey = true;
      st = STRING;
      p++;
      continue;
    }
    if (st == COLON) {
      if (c != 58) return fail();
      st = VALUE;
      p++;
      continue;
    }
    if (st == AFTER) {
      const inObject = top();
      if (c == 44) {
        if (depth == 1 && topArray) recordEnd(offset + <f64>(p - input));
        st = inObject ? KEY : VALUE;
        p++;
        continue;
      }
      if (c == (inObject ? 125 : 93)) {
        if (depth == 1 && topArray) recordEnd(offset + <f64>(p - input));
        depth--;
        st = valueDone();
        p++;
        continue;
      }
      return fail();
    }
    return fail(); // END: something after the value; FAILED
  }
  state = st;
  offset += <f64>n;
  return 0;
}

function fail(): i32 {
  state = FAILED;
  endCount = 0;
  return 1;
}

/**
 * After the last piece: 1 when the text was one JSON array, 2 when one other JSON value, 0 when it
 * may not be JSON (nothing, an unfinished value, or something JSON.parse is to judge).
 */
export function jsonScanDone(): i32 {
  const st = state;
  const complete = st == END || (depth == 0 && (st == ZERO || st == INT || st == FRAC || st == EXP_DIGITS));
  if (!complete) return 0;
  return topArray ? 1 : 2;
}

/** Where the element ends found in the last piece are (f64 byte positions of `,` or `]`). */
export function jsonScanEnds(): usize {
  return ends;
}

export function jsonScanEndCount(): i32 {
  return endCount;
}

/** Byte position of the top-level array's `[` (−1 when the text is no array). */
export function jsonScanArrayStart(): f64 {
  return arrayStart;
}

/** Whether every byte so far was ASCII (the text can then be read as Latin-1, without UTF-8 decoding). */
export function jsonScanAscii(): bool {
  return ascii;
}
