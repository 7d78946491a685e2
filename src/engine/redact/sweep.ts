/**
 * Every value found once is removed everywhere (issue 25.1). The structural rules (redact.ts, text.ts,
 * url.ts, cookie-value.ts) tell `noteSecret` each secret they replace; `redactHar` then sweeps the whole
 * document once for every spelling of every noted value: raw, URL-encoded once and twice, base64 and
 * base64url (at each of the three byte alignments, so a value inside a longer base64 text is found too),
 * JSON string escapes (once and twice), `\u`-escaped and HTML entities.
 *
 * One multi-pattern pass (a rolling hash of each position's last 8 characters, looked up once), so the sweep
 * is linear in the text whatever the number of values (never one regular expression per value per string).
 *
 * Not swept (documented in SECURITY.md): values shorter than MIN_SWEEP (8) characters, which would hit
 * ordinary words and numbers; values of digits only; and values judged secret by their shape alone (a
 * long random-looking string under a name that says nothing: it may be a build hash that is also in URLs).
 */
import { redactedMarker } from '../ground/marker';
import { decodeBase64Utf8, splitAuthorization } from '../ground/parse/authorization';

export const MIN_SWEEP = 8;

/** `[redacted N]` percent-encoded (as url.ts spells it; kept here so url.ts can import this module). */
export function encodedMarker(length: number): string {
  return encodeURIComponent(redactedMarker(length));
}
const MAX_SWEEP = 16_384;

/** Open collectors (redactHar's, and redactText's decoded views), innermost last. */
const collectors: Set<string>[] = [];

/** Runs `fn` with a collector open; returns what was noted during it. */
export function collecting<T>(fn: () => T): { result: T; found: Set<string> } {
  const found = new Set<string>();
  collectors.push(found);
  try {
    return { result: fn(), found };
  } finally {
    collectors.pop();
  }
}

let muted = 0;

/** Runs `fn` with nothing noted (fields whose redacted values are replaced anyway, such as carried SSO facts). */
export function withoutNotes<T>(fn: () => T): T {
  muted++;
  try {
    return fn();
  } finally {
    muted--;
  }
}

/**
 * Tells the open collectors that `value` was redacted. `weak`: a value redacted because its place fails
 * closed (an unlisted header), not because anything said it is secret: swept only when it looks like a
 * token (no spaces, no URL, letters and digits).
 */
export function noteSecret(value: string, weak = false): void {
  if (collectors.length === 0 || muted > 0 || !sweepable(value, weak)) return;
  for (const c of collectors) c.add(value);
}

/**
 * An Authorization value's secrets, noted (its sanitizing stays in header-values.ts): the credentials as
 * sent, and of Basic the password alone (the user is kept by design, so it is never swept).
 */
export function noteAuthorization(value: string): void {
  if (collectors.length === 0) return;
  const { scheme, credentials } = splitAuthorization(value);
  if (credentials === '' || credentials.startsWith('[redacted ')) return;
  noteSecret(credentials);
  if (scheme !== null && scheme.toLowerCase() === 'basic') {
    const decoded = decodeBase64Utf8(credentials);
    const colon = decoded?.indexOf(':') ?? -1;
    if (decoded && colon >= 0) noteSecret(decoded.slice(colon + 1));
  }
}

function sweepable(v: string, weak: boolean): boolean {
  if (v.length < MIN_SWEEP || v.length > MAX_SWEEP) return false;
  if (fewerThanFourCharacters(v)) return false; // masks (`********`) and fillers, not secrets
  if (v.length <= 12 && (/^[a-z_-]+$/.test(v) || /^[A-Z_-]+$/.test(v))) return false; // words (`anonymous`, `AUTHENTICATED`): states, not secrets
  if (/^[\d\s.,:+-]*$/.test(v)) return false; // numbers, dates, times, IPs
  if (/redacted|\[removed:/i.test(v)) return false; // a marker, or a piece of one: sweeping it would break markers
  // A token: no spaces, quotes, lists or paths; letters and digits mixed, or both cases over 16+ characters.
  if (weak) return !/[\s/"',;]/.test(v) && ((/\d/.test(v) && /[A-Za-z]/.test(v)) || (v.length >= 16 && /[a-z]/.test(v) && /[A-Z]/.test(v)));
  return true;
}

/**
 * Fewer than four different characters (code points, as a Set of the string counts them) in the first 64
 * code units. A loop: a Set per value found was a cost of its own in a large HAR.
 */
function fewerThanFourCharacters(v: string): boolean {
  const n = Math.min(v.length, 64);
  const seen = [-1, -1, -1];
  for (let i = 0; i < n; ) {
    let x = v.codePointAt(i)!;
    if (x > 0xffff && i + 1 >= n) x = v.charCodeAt(i); // a pair the first 64 cut in two
    i += x > 0xffff ? 2 : 1;
    if (x === seen[0] || x === seen[1] || x === seen[2]) continue;
    const free = seen.indexOf(-1);
    if (free < 0) return false;
    seen[free] = x;
  }
  return true;
}

// ---- spellings ------------------------------------------------------------------------------------

/**
 * How a spelling is replaced: `raw` by `[redacted N]`, `encoded` by `%5Bredacted%20N%5D` (URL-safe).
 * Raw and encoded spellings match only as a whole word (issue 15.6: a short session id inside a user name
 * `jsmith-admin` changes nothing there); base64 spellings match anywhere, being parts of a longer base64.
 */
type Kind = 0 | 1 | 2;
const RAW: Kind = 0;
const ENCODED: Kind = 1;
const BASE64: Kind = 2;

const encoder = new TextEncoder();

function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

const toUrl = (s: string) => s.replace(/\+/g, '-').replace(/\//g, '_');

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The stable middle of the value's base64 when it starts at byte offset `shift` (mod 3) of a longer text:
 * the characters touched only by its own bits (not by the unknown bytes before or after it). Computed
 * digit by digit: the toExchange filter makes three per value found, and btoa of a padded copy was a
 * tenth of a large HAR's reading.
 */
function base64Core(bytes: Uint8Array, shift: number): string {
  const n = shift + bytes.length;
  const byteAt = (i: number) => (i < shift || i >= n ? 0 : bytes[i - shift]!);
  const lead = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
  const stable = Math.floor((n * 8) / 6);
  let out = '';
  for (let c = lead; c < stable; c++) {
    const bit = c * 6;
    const word = (byteAt(bit >> 3) << 8) | byteAt((bit >> 3) + 1);
    out += BASE64_DIGITS[(word >> (10 - (bit & 7))) & 63];
  }
  return out;
}

function jsonEscape(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** `\\u`-escaped as JavaScript obfuscation and some JSON writers do: every character but letters and digits (all of them for short values). */
function unicodeEscape(s: string, all: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += !all && isAlnum(c) ? s[i] : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out;
}

function htmlEscape(s: string, numeric: boolean): string {
  return s.replace(/[&<>"']/g, (c) => (numeric ? `&#${c.charCodeAt(0)};` : ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' } as Record<string, string>)[c]!));
}

function safeEncode(s: string): string | null {
  try {
    return encodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * The ways a value is spelled, each made from the value alone, so a Sweeper keeps only which way (a number)
 * and re-makes the spelling when its hash says it may be there. Order matters: where two ways give the same
 * text, the first one's kind is used.
 */
const WAYS: { kind: Kind; spell: (value: string) => string | null }[] = [
  { kind: RAW, spell: (v) => v },
  { kind: RAW, spell: (v) => jsonEscape(v) },
  { kind: RAW, spell: (v) => jsonEscape(jsonEscape(v)) },
  { kind: RAW, spell: (v) => htmlEscape(v, false) },
  { kind: RAW, spell: (v) => htmlEscape(v, true) },
  { kind: RAW, spell: (v) => unicodeEscape(v, false) },
  { kind: RAW, spell: (v) => (v.length <= 64 ? unicodeEscape(v, true) : null) },
  { kind: ENCODED, spell: (v) => safeEncode(v) },
  { kind: ENCODED, spell: (v) => safeEncode(v)?.replace(/%20/g, '+') ?? null },
  { kind: ENCODED, spell: (v) => ((once) => (once === null ? null : safeEncode(once)))(safeEncode(v)) },
  { kind: ENCODED, spell: (v) => safeEncode(v)?.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()) ?? null },
  ...[0, 1, 2].flatMap((shift) => [
    { kind: BASE64, spell: (v: string) => base64Core(utf8(v), shift) },
    { kind: BASE64, spell: (v: string) => toUrl(base64Core(utf8(v), shift)) },
  ]),
];

/** Every spelling of `value` worth looking for, with how to replace it, and which of WAYS made it. */
function spellingWays(value: string): [string, Kind, number][] {
  const out = new Map<string, [Kind, number]>();
  WAYS.forEach(({ kind, spell }, way) => {
    const s = spell(value);
    if (s !== null && s.length >= MIN_SWEEP && !out.has(s)) out.set(s, [kind, way]);
  });
  return [...out].map(([s, [kind, way]]) => [s, kind, way]);
}

/** Every spelling of `value` worth looking for, with how to replace it. */
export function spellingsOf(value: string): [string, Kind][] {
  return spellingWays(value).map(([s, kind]) => [s, kind]);
}

// ---- multi-pattern search ------------------------------------------------------------------------

/**
 * Every spelling is found by its last WINDOW characters: a rolling hash of the text's last WINDOW
 * characters is looked up at each position in a hash table, and only the few spellings whose own last
 * WINDOW characters hash the same are compared. One pass, constant work per character.
 *
 * Memory: a redacted HAR can have tens of thousands of found values (a fresh XSRF token per request), each
 * with about a dozen spellings. The table keeps no spelling: per spelling only its window's hash, its value
 * and which way it was spelled (typed arrays, ~13 bytes), and a spelling is made again from its value when
 * the hash matches (rare outside real matches). Holding the spellings as strings took ~1 KB per value; an
 * Aho-Corasick trie over them, hundreds of MB.
 */
const WINDOW = MIN_SWEEP;

/**
 * A cheap test of which values may have a spelling in `text`, so that a sweep of a few short strings (one
 * exchange: toExchange) compiles only those, most often none. Conservative, never wrong the other way: every
 * spelling but base64 and the fully `\u`-escaped one keeps the value's letters and digits as they are, so it
 * holds each run of them (every one is tested: an XSRF token `B2ZK-10000` has the run `10000` in its own
 * request's URL and id, and the Sweeper compiled for that false hit was a quarter of a large HAR's reading);
 * a `\u`-escaped one needs a backslash; a base64 one is looked for as it is (its cores) where the text has a
 * run of the base64 or base64url alphabet that long.
 */
export function spellingFilter(text: string): (value: string) => boolean {
  const backslash = text.indexOf('\\') >= 0;
  let longestB64 = -1; // measured when a value first needs it
  return (value) => {
    if (backslash || everyAlnumRunIn(value, text)) return true;
    if (longestB64 < 0) longestB64 = longestBase64Run(text);
    return longestB64 >= Math.floor((value.length * 4) / 3) - 2 && base64Cores(value).some((core) => text.includes(core));
  };
}

/** Each run of letters and digits of the value is somewhere in the text (true when it has none). */
function everyAlnumRunIn(value: string, text: string): boolean {
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const alnum = i < value.length && isAlnum(value.charCodeAt(i));
    if (alnum && start < 0) start = i;
    else if (!alnum && start >= 0) {
      if (!text.includes(value.slice(start, i))) return false;
      start = -1;
    }
  }
  return true;
}

/** The longest run of the base64 or of the base64url alphabet in the text. */
function longestBase64Run(text: string): number {
  let longest = 0;
  let std = 0;
  let url = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = isAlnum(c);
    std = alnum || c === 0x2b || c === 0x2f ? std + 1 : 0;
    url = alnum || c === 0x2d || c === 0x5f ? url + 1 : 0;
    if (std > longest) longest = std;
    if (url > longest) longest = url;
  }
  return longest;
}

/** The value's base64 cores at the three byte alignments, standard and URL-safe. */
function base64Cores(value: string): string[] {
  const bytes = utf8(value);
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const core = base64Core(bytes, shift);
    if (core.length >= MIN_SWEEP) out.push(core, toUrl(core));
  }
  return out;
}

/** A compiled sweep over a set of values; `apply` is linear in the text. */
export class Sweeper {
  /** Spellings looked for. */
  readonly size: number;
  private readonly values: string[] = [];
  /** Per spelling: its window hash, its value (index in values), which of WAYS, the next spelling in its slot. */
  private readonly hashes: Int32Array;
  private readonly valueOf: Int32Array;
  private readonly wayOf: Uint8Array;
  private readonly next: Int32Array;
  /** Slot (mixed hash & mask) → first spelling in it, or -1. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Odd multiplier, drawn per sweep (a file cannot be built to collide with it), and its WINDOW-1th power. */
  private readonly base = (Math.floor(Math.random() * 0x3fffffff) * 2 + 1) | 0;
  private readonly top: number;

  constructor(values: Iterable<string>) {
    let top = 1;
    for (let k = 1; k < WINDOW; k++) top = Math.imul(top, this.base);
    this.top = top;
    // Filled straight into typed arrays that double as needed: plain number[] arrays for a large HAR's
    // hundreds of thousands of spellings (and the copies their growth leaves behind) were most of redact's
    // peak memory, all of it at this moment.
    let hashes = new Int32Array(1024);
    let valueOf = new Int32Array(1024);
    let wayOf = new Uint8Array(1024);
    let n = 0;
    for (const v of values) {
      const id = this.values.length;
      let any = false;
      for (const [spelling, , way] of spellingWays(v)) {
        if (n === hashes.length) {
          hashes = grown(hashes, new Int32Array(n * 2));
          valueOf = grown(valueOf, new Int32Array(n * 2));
          wayOf = grown(wayOf, new Uint8Array(n * 2));
        }
        hashes[n] = this.hash(spelling, spelling.length - WINDOW);
        valueOf[n] = id;
        wayOf[n] = way;
        n++;
        any = true;
      }
      if (any) this.values.push(v);
    }
    this.size = n;
    this.hashes = hashes.slice(0, n);
    this.valueOf = valueOf.slice(0, n);
    this.wayOf = wayOf.slice(0, n);
    let slots = 16;
    while (slots < n) slots *= 2;
    this.mask = slots - 1;
    this.slots = new Int32Array(slots).fill(-1);
    this.next = new Int32Array(n);
    for (let id = 0; id < n; id++) {
      const slot = this.slotOf(this.hashes[id]!);
      this.next[id] = this.slots[slot]!;
      this.slots[slot] = id;
    }
  }

  /** Spellings made again lately: a repetitive text can match the same window hash at every period. */
  private readonly made = new Map<number, string>();

  private spelling(id: number): string {
    let p = this.made.get(id);
    if (p === undefined) {
      if (this.made.size >= 256) this.made.clear();
      p = WAYS[this.wayOf[id]!]!.spell(this.values[this.valueOf[id]!]!)!;
      this.made.set(id, p);
    }
    return p;
  }

  /** The polynomial hash's low bits depend only on the characters' low bits: mixed before picking a slot. */
  private slotOf(h: number): number {
    return (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 12) & this.mask;
  }

  private hash(text: string, from: number): number {
    let h = 0;
    for (let k = from; k < from + WINDOW; k++) h = (Math.imul(h, this.base) + text.charCodeAt(k)) | 0;
    return h;
  }

  /**
   * The text with every spelling replaced by a marker; the same string when nothing matched. `urlSafe`:
   * always the percent-encoded marker (the text is a URL).
   */
  apply(text: string, urlSafe = false): string {
    if (this.size === 0 || text.length < WINDOW) return text;
    const { values, hashes, valueOf, wayOf, next, slots, base, top } = this;
    // Matches as [start, end, kind, valueLen].
    let hits: [number, number, number, number][] | null = null;
    let h = this.hash(text, 0);
    for (let end = WINDOW; ; end++) {
      // The longest spelling ending here.
      let best = -1;
      let bestStart = 0;
      for (let id = slots[this.slotOf(h)]!; id >= 0; id = next[id]!) {
        if (hashes[id] !== h) continue;
        const p = this.spelling(id);
        const start = end - p.length;
        // Of two as long, the value found first (the chain runs from the last added).
        if (start < 0 || (best >= 0 && start > bestStart) || !text.startsWith(p, start)) continue;
        if (WAYS[wayOf[id]!]!.kind !== BASE64 && !(wordStart(text, start) && wordEnd(text, end))) continue;
        best = id;
        bestStart = start;
      }
      if (best >= 0) (hits ??= []).push([bestStart, end, WAYS[wayOf[best]!]!.kind, values[valueOf[best]!]!.length]);
      if (end >= text.length) break;
      h = (Math.imul(h - Math.imul(text.charCodeAt(end - WINDOW), top), base) + text.charCodeAt(end)) | 0;
    }
    if (hits === null) return text;
    hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    let out = '';
    let copied = 0;
    let k = 0;
    while (k < hits.length) {
      const [start] = hits[k]!;
      let [, end, kind, valueLen] = hits[k]!;
      k++;
      // Merge every hit that overlaps this one (a value inside another, spellings that share characters).
      while (k < hits.length && hits[k]![0] < end) {
        const h2 = hits[k]!;
        if (h2[1] > end) end = h2[1];
        kind = Math.max(kind, h2[2]);
        valueLen = Math.max(valueLen, h2[3]);
        k++;
      }
      out += text.slice(copied, start) + (urlSafe || kind !== RAW ? encodedMarker(valueLen) : redactedMarker(valueLen));
      copied = end;
    }
    return out + text.slice(copied);
  }
}

/** `into` with `from` copied to its start. */
function grown<T extends Int32Array | Uint8Array>(from: T, into: T): T {
  into.set(from);
  return into;
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** No letter or digit glued before `at`, except as the end of an escape (`%3D`, `\u0022`, `\x22`). */
function wordStart(text: string, at: number): boolean {
  if (at === 0 || !isAlnum(text.charCodeAt(at - 1)) || !isAlnum(text.charCodeAt(at))) return true;
  // `%3D`, and the same encoded again (`%253D`, `%25253D`).
  let k = at;
  while (k > 0 && at - k < 8 && isHex(text.charCodeAt(k - 1))) k--;
  if (k > 0 && text.charCodeAt(k - 1) === 0x25 && at - k >= 2 && (at - k) % 2 === 0) return true;
  if (at >= 4 && text.charCodeAt(at - 4) === 0x5c && text.charCodeAt(at - 3) === 0x78 && isHex(text.charCodeAt(at - 2)) && isHex(text.charCodeAt(at - 1))) return true;
  if (at >= 6 && text.charCodeAt(at - 6) === 0x5c && text.charCodeAt(at - 5) === 0x75) {
    for (let k = at - 4; k < at; k++) if (!isHex(text.charCodeAt(k))) return false;
    return true;
  }
  return false;
}

/** No letter or digit glued after `at`. */
function wordEnd(text: string, at: number): boolean {
  return at >= text.length || !isAlnum(text.charCodeAt(at)) || !isAlnum(text.charCodeAt(at - 1));
}
