// A check of JSON text that builds nothing: whether JSON.parse would read it, and, for an array,
// where each of its elements ends. The solve command reads a long array this way and parses it a chunk
// at a time as it solves (scripts/solve.ts): parsing the whole array first kept every problem alive
// until the end, and on the 10,000-point grid that promoted ~10 MB of objects and made the young
// generation grow to its largest size, thousands of fresh memory pages (each a page fault, ~11 µs
// on a virtual machine) for nothing.
//
// Sound one way only: `true` means JSON.parse reads the text (the grammar of ECMA-404, as
// JSON.parse implements it); `false` means it may not, and the caller then asks JSON.parse itself
// (for its verdict and its message). tests/unit/json-scan.test.ts compares the two on mutated texts.

const enum C {
  TAB = 9, LF = 10, CR = 13, SPACE = 32, QUOTE = 34, PLUS = 43, COMMA = 44, MINUS = 45, DOT = 46,
  ZERO = 48, NINE = 57, COLON = 58, UPPER_E = 69, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93,
  LOWER_E = 101, LBRACE = 123, RBRACE = 125,
}

const isWs = (c: number) => c === C.SPACE || c === C.LF || c === C.CR || c === C.TAB;
const isDigit = (c: number) => c >= C.ZERO && c <= C.NINE;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/**
 * What scanJson found: the text is one JSON value; for an array, where its `[` is and where each
 * element ends (`ends[k]`: the position of the comma after element k, or of the array's `]` after
 * the last), so that its elements can be cut out without walking the text again.
 */
export type JsonShape = { array: true; start: number; ends: number[] } | { array: false };

/** Index after the string whose opening quote is at `i`, or −1 when it is not a valid JSON string. */
function skipString(t: string, i: number): number {
  const n = t.length;
  for (i++; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === C.QUOTE) return i + 1;
    if (c < 0x20) return -1;
    if (c === C.BACKSLASH) {
      const e = t.charCodeAt(++i);
      if (e === 117) { // \uXXXX
        if (!(isHex(t.charCodeAt(i + 1)) && isHex(t.charCodeAt(i + 2)) && isHex(t.charCodeAt(i + 3)) && isHex(t.charCodeAt(i + 4)))) return -1;
        i += 4;
      } else if (!(e === C.QUOTE || e === C.BACKSLASH || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116)) return -1;
    }
  }
  return -1;
}

/** Index after the number starting at `i`, or −1 when none starts there. */
function skipNumber(t: string, i: number): number {
  if (t.charCodeAt(i) === C.MINUS) i++;
  const c = t.charCodeAt(i);
  if (c === C.ZERO) i++;
  else if (c >= 49 && c <= 57) {
    i++;
    while (isDigit(t.charCodeAt(i))) i++;
  } else return -1;
  if (t.charCodeAt(i) === C.DOT) {
    i++;
    if (!isDigit(t.charCodeAt(i))) return -1;
    while (isDigit(t.charCodeAt(i))) i++;
  }
  const e = t.charCodeAt(i);
  if (e === C.LOWER_E || e === C.UPPER_E) {
    i++;
    const s = t.charCodeAt(i);
    if (s === C.PLUS || s === C.MINUS) i++;
    if (!isDigit(t.charCodeAt(i))) return -1;
    while (isDigit(t.charCodeAt(i))) i++;
  }
  return i;
}

/** Index after the literal `word` at `i`, or −1. */
function skipWord(t: string, i: number, word: string): number {
  return t.startsWith(word, i) ? i + word.length : -1;
}

/**
 * Whether `text` is JSON that JSON.parse reads (null when it cannot tell it is), with its shape.
 * Iterative (no recursion): any depth of nesting.
 */
export function scanJson(text: string): JsonShape | null {
  const n = text.length;
  // the open containers: true for an object
  const stack: boolean[] = [];
  let i = 0;
  let topArray = false;
  let start = -1;
  const ends: number[] = []; // of the top-level array's elements
  // expecting a value (after `[`, `,` or `:`), or what follows one
  let wantValue = true;
  // in an object, a key is wanted next (after `{` or `,`)
  let wantKey = false;
  // just after `[` or `{`: its closing bracket may come instead of a value or key
  let justOpened = false;
  for (;;) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) return stack.length === 0 && !wantValue ? (topArray ? { array: true, start, ends } : { array: false }) : null;
    if (stack.length === 0 && !wantValue) return null; // something after the value
    const c = text.charCodeAt(i);
    const inObject = stack[stack.length - 1];
    if (justOpened && c === (inObject ? C.RBRACE : C.RBRACKET)) { // an empty object or array
      stack.pop();
      i++;
      wantKey = wantValue = justOpened = false;
      continue;
    }
    justOpened = false;
    if (wantKey) {
      if (c !== C.QUOTE) return null;
      i = skipString(text, i);
      if (i < 0) return null;
      while (i < n && isWs(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== C.COLON) return null;
      i++;
      wantKey = false;
      wantValue = true;
      continue;
    }
    if (wantValue) {
      if (c === C.LBRACKET || c === C.LBRACE) {
        if (stack.length === 0 && c === C.LBRACKET) {
          topArray = true;
          start = i;
        }
        stack.push(c === C.LBRACE);
        i++;
        justOpened = true;
        wantValue = c === C.LBRACKET;
        wantKey = c === C.LBRACE;
        continue;
      }
      if (c === C.QUOTE) i = skipString(text, i);
      else if (c === C.MINUS || isDigit(c)) i = skipNumber(text, i);
      else if (c === 116) i = skipWord(text, i, 'true');
      else if (c === 102) i = skipWord(text, i, 'false');
      else if (c === 110) i = skipWord(text, i, 'null');
      else return null;
      if (i < 0) return null;
      wantValue = false;
      continue;
    }
    // after a value: `,` or the container's closing bracket
    const close = c === (inObject ? C.RBRACE : C.RBRACKET);
    if (c !== C.COMMA && !close) return null;
    if (topArray && stack.length === 1) ends.push(i); // the end of a top-level element
    if (close) stack.pop();
    else if (inObject) wantKey = true;
    else wantValue = true;
    i++;
  }
}
