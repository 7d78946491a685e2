/**
 * Secrets in free text (pages, scripts, logs, bodies that are not valid JSON, WebSocket frames), replaced
 * where they stand. One left-to-right scan, no regular expression over the text:
 *
 * - `name=value`, `name: value`, `"name": "value"`, `'name': 'value'`, `name = "value"` (forms, links, JS
 *   object literals and assignments, YAML, properties files, HTTP and STOMP header lines such as
 *   `passcode:…`): the value is secret by its name (names.ts), or by its shape (a JWT, a long random token)
 *   where the name says nothing;
 * - name/value pairs: `{name: "password", value: "…"}`, `<input name="atl_token" value="…">`,
 *   `<meta name="ajs-atl-token" content="…">`, in either order;
 * - `Authorization: Basic …` keeps the scheme and the Basic user; `Cookie:` / `Set-Cookie:` keep names;
 * - `Bearer <token>`, JWTs anywhere, and URLs (`scheme://…`, through redactUrl: userinfo, parameters).
 *
 * Linear time: every character is read by at most a fixed number of steps. A quoted value that is not
 * secret is scanned again from its inside (it may hold `a=b` pairs of its own); an unquoted one is skipped.
 * Markers (`[redacted N]`, `%5Bredacted%20N%5D`) are stepped over, so redacting twice changes nothing.
 */
import { isRedactedMarker, redactedMarker } from '../ground/marker';
import { isIdentityName, isJwt, isSecretName, looksSecret } from './names';
import { encodedMarker, redactUrl, safeDecode } from './url';
import { sanitizeAuthorization, sanitizeCookieHeader, sanitizeSetCookieHeader } from './header-values';
import { replaceKnownTokens } from './rules';
import { Sweeper, collecting, noteAuthorization, noteSecret } from './sweep';
import { decodedViews, mayBeEncoded } from './decode';

interface Edit {
  start: number;
  end: number;
  text: string;
  seq: number;
}

/** Keys that name the field of a name/value pair, and the keys holding its value. */
const NAME_KEYS = new Set(['name', 'key', 'field', 'param', 'parameter', 'id', 'property']);
const VALUE_KEYS = new Set(['value', 'val', 'content']);
/** How far apart (characters) a pair's name and value may be. */
const PAIR_DISTANCE = 1024;

const LETTER = /[\p{L}\p{M}]/u;

/** Letters (of any script: `contraseña`, `пароль`, `密码`), digits, `_ $ . -`: the characters of names, tokens and JWTs. */
function isIdentChar(c: number): boolean {
  if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 0x5f || c === 0x24 || c === 0x2e || c === 0x2d;
  return c >= 0xaa && !(c >= 0xd800 && c <= 0xdfff) && LETTER.test(String.fromCharCode(c));
}

/** Bearer token characters (RFC 6750 b64token without the trailing `=`). */
function isTokenChar(c: number): boolean {
  return isIdentChar(c) || c === 0x7e || c === 0x2b || c === 0x2f;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index just after a `[redacted N]` marker (with claims or a Basic user) starting at i, or -1. */
export function markerEnd(text: string, i: number): number {
  if (!text.startsWith('[redacted ', i)) return -1;
  let j = i + 10;
  const digits = j;
  while (j < text.length && isDigit(text.charCodeAt(j)) && j - digits < 12) j++;
  if (j === digits) return -1;
  if (text.startsWith(' claims:', j)) {
    j += 8;
    const from = j;
    while (j < text.length && j - from < 4096) {
      const c = text.charCodeAt(j);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 0x5f || c === 0x2d)) break;
      j++;
    }
  } else if (text.startsWith(' user=', j)) {
    j += 6;
    const from = j;
    while (j < text.length && j - from < 4096 && text.charCodeAt(j) !== 0x5d && text.charCodeAt(j) > 0x20) j++;
  }
  // The credential's shape, last (`[redacted 36 user=fred shape=api-token]`, parse/credential-shape.ts).
  if (text.startsWith(' shape=', j)) {
    j += 7;
    const from = j;
    while (j < text.length && j - from < 16 && /[a-z0-9-]/.test(text[j]!)) j++;
  }
  return text.charCodeAt(j) === 0x5d ? j + 1 : -1;
}

/** Index just after a percent-encoded marker (`%5Bredacted%20N%5D`, with claims) starting at i, or -1. */
export function encodedMarkerEnd(text: string, i: number): number {
  if (!text.startsWith('%5Bredacted%20', i)) return -1;
  let j = i + 14;
  const digits = j;
  while (j < text.length && isDigit(text.charCodeAt(j)) && j - digits < 12) j++;
  if (j === digits) return -1;
  if (text.startsWith('%20claims%3A', j)) {
    j += 12;
    const from = j;
    while (j < text.length && j - from < 4096) {
      const c = text.charCodeAt(j);
      if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 0x5f || c === 0x2d)) break;
      j++;
    }
  }
  return text.startsWith('%5D', j) ? j + 3 : -1;
}

/** End of a quoted value opened before `from`: the closing quote's index, or the end of the line when unterminated. */
function closingQuote(text: string, from: number, q: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j += 2;
    else if (c === q || c === 0x0a || c === 0x0d) return Math.min(j, text.length);
    else j++;
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && text.charCodeAt(j) !== 0x0a && text.charCodeAt(j) !== 0x0d) j++;
  return j;
}

/** Only spaces or tabs between the start of the line and `at`. */
function atLineStart(text: string, at: number): boolean {
  let j = at - 1;
  while (j >= 0 && isSpace(text.charCodeAt(j))) j--;
  return j < 0 || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d;
}

/** Where an unquoted value ends: `=` values at `& ; , ) ] }`, quotes, `<>` or space; `:` values also at `:`-free ends alike. */
function unquotedEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c <= 0x20 || c === 0x26 || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x3b || c === 0x2c || c === 0x29 || c === 0x5d || c === 0x7d || c === 0x60) break;
    j++;
  }
  return j;
}

/** The rest of the line up to a quote (Authorization and Cookie values contain spaces and `;`). */
function headerValueEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 0x0a || c === 0x0d || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x60) break;
    j++;
  }
  while (j > from && isSpace(text.charCodeAt(j - 1))) j--;
  return j;
}

type Special = 'authorization' | 'cookie' | 'set-cookie' | null;

function specialKey(key: string): Special {
  if (key.length > 32) return null;
  const lower = key.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization' || lower.endsWith('-authorization')) return 'authorization';
  if (lower === 'cookie') return 'cookie';
  if (lower === 'set-cookie' || lower === 'set-cookie2') return 'set-cookie';
  return null;
}

/** The replacement of a secret value, or null when it stays (already redacted, empty). */
function secretReplacement(key: string, value: string, encoded: boolean): string | null {
  if (value === '') return null;
  if (encoded) {
    const decoded = safeDecode(value);
    if (isRedactedMarker(decoded)) return null;
    noteSecret(decoded);
    return encodedMarker(decoded.length);
  }
  const special = specialKey(key);
  if (special === 'authorization') noteAuthorization(value);
  else if (special === null && !isRedactedMarker(value)) noteSecret(value);
  const out =
    special === 'authorization' ? sanitizeAuthorization(value) : special === 'cookie' ? sanitizeCookieHeader(value) : special === 'set-cookie' ? sanitizeSetCookieHeader(value) : isRedactedMarker(value) ? value : redactedMarker(value.length);
  return out === value ? null : out;
}

/** How many decoding steps deep a text's decoded views are read (a view's own views count). */
const MAX_DECODE_DEPTH = 2;

/**
 * Known secret places in free text replaced by markers; everything else is left as it is. The text's
 * decoded views (decode.ts: HTML entities, JS escapes, nested URL encoding, base64 runs) are read too, and
 * every secret found in them is swept out of the text in each of its spellings (sweep.ts).
 */
export function redactText(text: string): string {
  return redactTextAt(text, 0);
}

function redactTextAt(text: string, depth: number): string {
  let out = scanText(replaceKnownTokens(text, false));
  if (depth < MAX_DECODE_DEPTH && text.length >= 8 && mayBeEncoded(text)) {
    const { found } = collecting(() => {
      for (const view of decodedViews(text)) redactTextAt(view, depth + 1);
    });
    if (found.size) out = new Sweeper(found).apply(out);
  }
  return out;
}

/** JS calls that store or send a named value: `localStorage.setItem("access_token", "…")`, `xhr.setRequestHeader("X-Api-Key", "…")`. */
const NAMED_CALLS = new Set(['setitem', 'setrequestheader', 'setheader', 'set', 'append', 'header', 'cookie', 'setcookie']);

/** Per quote character: a stretch [from, until] already known to hold no closing quote (keeps `f("f("f("…` linear). */
type Unclosed = Map<number, [number, number]>;

/** Quoted string starting at `i` (one of `"'\``): [start of value, end of value, index after the closing quote], or null. */
function quotedAt(text: string, i: number, unclosed: Unclosed): [number, number, number] | null {
  const q = text.charCodeAt(i);
  if (q !== 0x22 && q !== 0x27 && q !== 0x60) return null;
  const known = unclosed.get(q);
  if (known && i + 1 >= known[0] && i + 1 <= known[1]) return null;
  const end = closingQuote(text, i + 1, q);
  if (text.charCodeAt(end) !== q) {
    unclosed.set(q, [i + 1, end]);
    return null;
  }
  return [i + 1, end, end + 1];
}

/** The last member of a dotted name (`xhr.setRequestHeader` → `setrequestheader`), lowered; '' when long. */
function callName(text: string, start: number, end: number): string {
  let from = end;
  while (from > start && end - from <= 16 && text.charCodeAt(from - 1) !== 0x2e) from--; // bounded: never back past the word
  return end - from <= 16 ? text.slice(from, end).toLowerCase() : '';
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d) ) i++;
  return i;
}

function scanText(text: string): string {
  const n = text.length;
  const unclosed: Unclosed = new Map();
  const edits: Edit[] = [];
  let sorted = true;
  const edit = (start: number, end: number, replacement: string) => {
    if (edits.length && start <= edits[edits.length - 1]!.start) sorted = false;
    edits.push({ start, end, text: replacement, seq: edits.length });
  };
  // The name/value pair being read: its name (when seen) and a value seen before its name.
  let pairName: string | null = null;
  let pairSecret = false;
  let pairAt = -1;
  let held: { start: number; end: number; value: string; encoded: boolean } | null = null;
  const resetPair = () => {
    pairName = null;
    pairSecret = false;
    held = null;
  };

  let nextLineBreak = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) {
      const e = markerEnd(text, i);
      i = e > 0 ? e : i + 1;
      continue;
    }
    if (c === 0x25) {
      const e = encodedMarkerEnd(text, i);
      i = e > 0 ? e : i + 1;
      continue;
    }
    if (c === 0x7b || c === 0x7d || c === 0x3c || c === 0x3e) {
      resetPair();
      i++;
      continue;
    }
    if (!isIdentChar(c)) {
      i++;
      continue;
    }
    const start = i;
    let j = i + 1;
    while (j < n && isIdentChar(text.charCodeAt(j))) j++;
    i = j;
    const len = j - start;
    const nextChar = j < n ? text.charCodeAt(j) : 0;

    // A URL: its own rules (userinfo, parameters, JWTs in the path).
    if (nextChar === 0x3a && text.charCodeAt(j + 1) === 0x2f && text.charCodeAt(j + 2) === 0x2f && len <= 32 && /^[A-Za-z][A-Za-z0-9+.-]*$/.test(text.slice(start, j))) {
      let end = j + 3;
      while (end < n && !endsUrl(text.charCodeAt(end))) end++;
      const url = text.slice(start, end);
      const redacted = redactUrl(url);
      if (redacted !== url) edit(start, end, redacted);
      i = end;
      continue;
    }
    if (len > 16 && text.startsWith('eyJ', start) && isJwt(text.slice(start, j))) {
      noteSecret(text.slice(start, j));
      edit(start, j, redactedMarker(len));
      continue;
    }
    if (nextChar === 0x28 && NAMED_CALLS.has(callName(text, start, j))) {
      // name("key", "value"): the value is secret by the key's name.
      const a = quotedAt(text, skipSpaces(text, j + 1), unclosed);
      if (a && a[1] - a[0] <= 256) {
        const comma = skipSpaces(text, a[2]);
        const b = text.charCodeAt(comma) === 0x2c ? quotedAt(text, skipSpaces(text, comma + 1), unclosed) : null;
        const name = text.slice(a[0], a[1]);
        if (b && b[1] > b[0] && (isSecretName(name, 'json') || specialKey(name) !== null)) {
          const r = secretReplacement(name, text.slice(b[0], b[1]), false);
          if (r !== null) edit(b[0], b[1], r);
          i = b[2];
          continue;
        }
      }
    }
    if (len === 5 && isSpace(nextChar) && text.slice(start, j).toLowerCase() === 'basic') {
      // `Basic <base64 of user:password>` in free text: the scheme and the user are kept.
      let t = j;
      while (t < n && isSpace(text.charCodeAt(t)) && t - j < 8) t++;
      let e = t;
      while (e < n && isTokenChar(text.charCodeAt(e))) e++;
      while (e < n && text.charCodeAt(e) === 0x3d) e++;
      if (e - t >= 8 && markerEnd(text, t) < 0) {
        const value = `Basic ${text.slice(t, e)}`;
        const r = sanitizeAuthorization(value);
        if (r !== value && /user=/.test(r)) {
          noteAuthorization(value);
          edit(start, e, r);
          i = e;
          continue;
        }
      }
    }
    if (len === 6 && isSpace(nextChar) && text.slice(start, j).toLowerCase() === 'bearer') {
      let t = j;
      while (t < n && isSpace(text.charCodeAt(t)) && t - j < 8) t++;
      const m = markerEnd(text, t);
      if (m > 0) {
        i = m;
        continue;
      }
      let e = t;
      while (e < n && isTokenChar(text.charCodeAt(e))) e++;
      while (e < n && text.charCodeAt(e) === 0x3d) e++;
      if (e - t >= 16 && /\d/.test(text.slice(t, e))) {
        noteSecret(text.slice(t, e));
        edit(t, e, redactedMarker(e - t));
        i = e;
      } // else not a token (prose, `Bearer password=…`): read on after the word
      continue;
    }

    // name, an optional closing quote, spaces, `:` or `=`, spaces, a value.
    let k = j;
    const before = start > 0 ? text.charCodeAt(start - 1) : 0;
    if ((before === 0x22 || before === 0x27) && text.charCodeAt(k) === before) k++;
    else if ((before === 0x22 || before === 0x27) && text.charCodeAt(k) === 0x5c && text.charCodeAt(k + 1) === before) k += 2;
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    const sep = text.charCodeAt(k);
    if (sep !== 0x3a && sep !== 0x3d) continue;
    // `<saml:Assertion`, `</samlp:Response>`: an XML element's namespace prefix, not a name and its value.
    if (sep === 0x3a && k === j && (before === 0x3c || (before === 0x2f && start > 1 && text.charCodeAt(start - 2) === 0x3c))) continue;
    const after = text.charCodeAt(k + 1);
    if (sep === 0x3d && (after === 0x3d || after === 0x3e)) continue; // `==`, `=>`
    if (sep === 0x3a && (after === 0x3a || after === 0x3d)) continue; // `::`, `:=`
    let v = k + 1;
    while (v < n && isSpace(text.charCodeAt(v))) v++;
    const isParam = sep === 0x3d;
    const word = text.slice(start, j);
    const key = isParam && word.indexOf('%') >= 0 ? safeDecode(word) : word;
    const lowerKey = key.length <= 16 ? key.toLowerCase() : '';
    const isNameKey = NAME_KEYS.has(lowerKey);
    const isValueKey = VALUE_KEYS.has(lowerKey);
    const m = Math.max(markerEnd(text, v), encodedMarkerEnd(text, v));
    if (m > 0) {
      i = m;
      continue;
    }

    const q = text.charCodeAt(v);
    let vs: number;
    let ve: number;
    let next: number;
    let quoted = true;
    if (q === 0x22 || q === 0x27) {
      vs = v + 1;
      ve = closingQuote(text, vs, q);
      next = text.charCodeAt(ve) === q ? ve + 1 : ve;
    } else if (q === 0x5c && (text.charCodeAt(v + 1) === 0x22 || text.charCodeAt(v + 1) === 0x27)) {
      // An escaped quote: JSON or JS inside a string literal (`{\"password\":\"…\"}`).
      vs = v + 2;
      if (nextLineBreak < vs) nextLineBreak = lineEnd(text, vs); // cached: positions only move forward
      const quote = text.charCodeAt(v + 1);
      ve = vs;
      while (ve < nextLineBreak && !(text.charCodeAt(ve) === 0x5c && text.charCodeAt(ve + 1) === quote)) ve++;
      next = ve < nextLineBreak ? ve + 2 : ve;
    } else {
      quoted = false;
      vs = v;
      if (q === 0x7b || q === 0x5b) continue; // an object or array follows: its members are read one by one
      const lineHeader = !isParam && atLineStart(text, start);
      ve = (specialKey(key) !== null && !isParam) || lineHeader ? headerValueEnd(text, v) : unquotedEnd(text, v);
      next = ve;
    }
    if (ve <= vs) {
      i = Math.max(i, k + 1);
      continue;
    }
    const value = text.slice(vs, ve);
    const encoded = isParam && !quoted;

    if (isNameKey) {
      pairName = encoded ? safeDecode(value) : value;
      pairSecret = isSecretName(pairName, 'param');
      pairAt = start;
      const h = held as { start: number; end: number; value: string; encoded: boolean } | null;
      if (pairSecret && h && start - h.end <= PAIR_DISTANCE) {
        const r = secretReplacement(pairName, h.value, h.encoded);
        if (r !== null) edit(h.start, h.end, r);
      }
      held = null;
    }
    let replacement: string | null = null;
    let secret = false;
    if (isSecretName(key, isParam ? 'param' : 'json')) {
      secret = true;
      replacement = secretReplacement(key, value, encoded);
    } else if (isValueKey && pairSecret && pairName !== null && start - pairAt <= PAIR_DISTANCE) {
      secret = true;
      replacement = secretReplacement(pairName, value, encoded);
    } else {
      const plain = encoded ? safeDecode(value) : value;
      if (!isIdentityName(key) && looksSecret(plain)) {
        secret = true;
        replacement = encoded ? encodedMarker(plain.length) : redactedMarker(plain.length);
      }
    }
    if (replacement !== null) edit(vs, ve, replacement);
    if (isValueKey && !secret) held = { start: vs, end: ve, value, encoded };
    if (secret) i = next;
    else if (quoted || (!isParam && atLineStart(text, start))) i = vs; // read the inside: it may hold pairs of its own
    else {
      // An unquoted value is not read again (that would be quadratic on `a=a=a=…`), but a URL in it is.
      if (value.indexOf('://') >= 0) {
        const redacted = redactUrl(value);
        if (redacted !== value) edit(vs, ve, redacted);
      }
      i = next;
    }
  }
  return applyEdits(text, edits, sorted);
}

/** Characters that end a URL written inside text. */
function endsUrl(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x3c || c === 0x3e || c === 0x60 || c === 0x5c || c === 0x7b || c === 0x7d || c === 0x7f;
}

/** The text with the edits applied; of overlapping edits the one starting first wins (the longer, then the later one on ties). */
function applyEdits(text: string, edits: Edit[], sorted: boolean): string {
  if (edits.length === 0) return text;
  if (!sorted) edits.sort((a, b) => a.start - b.start || b.end - a.end || b.seq - a.seq);
  let out = '';
  let copied = 0;
  for (const e of edits) {
    if (e.start < copied) continue;
    out += text.slice(copied, e.start) + e.text;
    copied = e.end;
  }
  return out + text.slice(copied);
}
