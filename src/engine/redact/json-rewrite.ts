/**
 * Rewrites chosen values of a JSON text in place, leaving every other byte as it was.
 *
 * Redaction needs this rather than JSON.parse + JSON.stringify: re-serializing changes numbers that do
 * not fit a double (issue ids, 64-bit counters), escapes and whitespace of bodies that held no secret at
 * all, and JSON.stringify recurses (it throws on a few thousand levels of nesting). This scanner is one
 * iterative pass: nesting only costs an array entry, and no object is ever built, so hostile keys such as
 * `__proto__` are plain text here.
 */

export interface JsonRewriter<S> {
  /** The state of a value reached through `key` (null for an array item) inside a container in state `parent`. */
  child(parent: S, key: string | null): S;
  /**
   * The replacement JSON text for a string or number value, or undefined to keep it.
   * `value` is the decoded string, or the number's text for numbers; `start`/`end` its place in the text
   * (for close to replace later).
   */
  replace(state: S, value: string, isString: boolean, start: number, end: number): string | undefined;
  /**
   * Called when the object or array whose state is `state` closes: replacements of values it already
   * passed (a name/value pair whose name came after its value). They win over replace's for the same value.
   */
  close?(state: S): { start: number; end: number; text: string }[] | undefined;
}

/** What the scanner accepts next. */
const Expect = {
  Value: 0,
  ValueOrEnd: 1, // right after `[`
  Key: 2,
  KeyOrEnd: 3, // right after `{`
  Colon: 4,
  CommaOrEnd: 5,
  Eof: 6,
} as const;
type Expect = (typeof Expect)[keyof typeof Expect];

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** The rewritten text (the very same string when nothing changed), or null when `text` is not JSON. */
export function rewriteJson<S>(text: string, root: S, rw: JsonRewriter<S>): string | null {
  const n = text.length;
  const isObject: boolean[] = []; // one per open container
  const states: S[] = [];
  const keys: (string | null)[] = []; // the current key of each open object
  let expect: Expect = Expect.Value;
  const edits: { start: number; end: number; text: string; seq: number }[] = [];
  let late = false; // an edit from close(), out of order
  let i = 0;

  const valueState = (): S => (states.length === 0 ? root : rw.child(states[states.length - 1]!, isObject[isObject.length - 1] ? keys[keys.length - 1]! : null));
  const afterValue = (): Expect => (isObject.length === 0 ? Expect.Eof : Expect.CommaOrEnd);
  const substitute = (start: number, end: number, replacement: string) => {
    edits.push({ start, end, text: replacement, seq: edits.length });
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    switch (expect) {
      case Expect.Eof:
        return null;
      case Expect.Colon:
        if (c !== 0x3a /* : */) return null;
        i++;
        expect = Expect.Value;
        continue;
      case Expect.CommaOrEnd:
        if (c === 0x2c /* , */) {
          i++;
          expect = isObject[isObject.length - 1] ? Expect.Key : Expect.Value;
          continue;
        }
        if (c !== (isObject[isObject.length - 1] ? 0x7d /* } */ : 0x5d) /* ] */) return null;
        i++;
        close();
        expect = afterValue();
        continue;
      case Expect.Key:
      case Expect.KeyOrEnd: {
        if (c === 0x7d && expect === Expect.KeyOrEnd) {
          i++;
          close();
          expect = afterValue();
          continue;
        }
        if (c !== 0x22 /* " */) return null;
        const end = stringEnd(text, i);
        if (end < 0) return null;
        const key = decodeString(text, i, end);
        if (key === null) return null;
        keys[keys.length - 1] = key;
        i = end;
        expect = Expect.Colon;
        continue;
      }
      case Expect.Value:
      case Expect.ValueOrEnd: {
        if (c === 0x5d && expect === Expect.ValueOrEnd) {
          i++;
          close();
          expect = afterValue();
          continue;
        }
        if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
          states.push(valueState());
          isObject.push(c === 0x7b);
          keys.push(null);
          i++;
          expect = c === 0x7b ? Expect.KeyOrEnd : Expect.ValueOrEnd;
          continue;
        }
        if (c === 0x22) {
          const end = stringEnd(text, i);
          if (end < 0) return null;
          const value = decodeString(text, i, end);
          if (value === null) return null;
          const replacement = rw.replace(valueState(), value, true, i, end);
          if (replacement !== undefined) substitute(i, end, replacement);
          i = end;
          expect = afterValue();
          continue;
        }
        LITERAL.lastIndex = i;
        const m = LITERAL.exec(text);
        if (!m) return null;
        const end = i + m[0].length;
        const first = m[0].charCodeAt(0);
        if (first === 0x2d || (first >= 0x30 && first <= 0x39)) {
          const replacement = rw.replace(valueState(), m[0], false, i, end);
          if (replacement !== undefined) substitute(i, end, replacement);
        }
        i = end;
        expect = afterValue();
        continue;
      }
    }
  }
  if (expect !== Expect.Eof) return null;
  if (edits.length === 0) return text;
  if (late) edits.sort((a, b) => a.start - b.start || b.seq - a.seq);
  const out: string[] = [];
  let copied = 0;
  for (const e of edits) {
    if (e.start < copied) continue; // the same value replaced twice: the later (close's) edit sorted first
    out.push(text.slice(copied, e.start), e.text);
    copied = e.end;
  }
  out.push(text.slice(copied));
  return out.join('');

  function close() {
    isObject.pop();
    const state = states.pop()!;
    keys.pop();
    const held = rw.close?.(state);
    if (held?.length) {
      late = true;
      for (const h of held) substitute(h.start, h.end, h.text);
    }
  }
}

/** Index just past the closing quote of the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let j = start + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) return -1;
    let backslashes = 0;
    for (let k = q - 1; k > start && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** The string's value (escapes resolved, so `"pass\u0077ord"` is seen as password); null when invalid. */
function decodeString(text: string, start: number, end: number): string | null {
  const inner = text.slice(start + 1, end - 1);
  if (inner.indexOf('\\') < 0) return inner;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return null;
  }
}
