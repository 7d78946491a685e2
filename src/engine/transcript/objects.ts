/**
 * Response headers printed as an object: Node's `console.log(res.headers)` (`'content-type': '…',`,
 * `date: '…',`), or the same as JSON (`"content-type": "…",`). No status line: the status is unknown, and
 * said so (the exchange's status is 0 and the transcript lacks "status"). Only objects whose entries are
 * all `name: 'string'` (or an array of strings on one line) and that name at least one response header
 * are read: a request object (`method: 'GET'`) or values Node did not print (`[Array]`) are not headers.
 */
import { capped } from './lines';

export interface ObjectEntry {
  /** Index of the line (relative to the object's opening line). */
  line: number;
  name: string;
  values: string[];
  /** Where the value begins in the line (after the key and its colon). */
  valueAt: number;
}

export interface HeadersObject {
  /** Lines after the opening one that belong to it (entries, and the closing `}` when there is one). */
  last: number;
  entries: ObjectEntry[];
}

/** Entries looked at before giving up on an object. */
const MAX_ENTRIES = 256;

/** `{`, `headers: {`, `'headers': {` alone on a line. */
const OPEN = /^[ \t]{0,32}(?:(?:headers|'headers'|"headers")[ \t]{0,2}:[ \t]{0,2})?\{[ \t]*$/;
const KEY = /^([ \t]{0,32})('[!#$%&*+.^_`|~0-9A-Za-z-]{1,256}'|"[!#$%&*+.^_`|~0-9A-Za-z-]{1,256}"|[A-Za-z_][A-Za-z0-9_]{0,255})([ \t]{0,4}:[ \t]{0,4})/;
const STRING = /'((?:[^'\\]|\\.){0,16384})'|"((?:[^"\\]|\\.){0,16384})"/g;
const CLOSE = /^[ \t]{0,32}\}[ \t]*[,;)]?[ \t]*$/;

/** Response headers a server sends and a request does not: one of them makes an object a response's headers. */
const RESPONSE_HEADERS = new Set([
  'date', 'server', 'set-cookie', 'www-authenticate', 'x-seraph-loginreason', 'x-arequestid', 'x-asessionid', 'x-ausername',
  'atl-traceid', 'atl-request-id', 'x-authentication-denied-reason', 'location', 'content-length', 'transfer-encoding',
  'strict-transport-security', 'x-content-type-options', 'timing-allow-origin', 'vary', 'content-encoding', 'etag', 'last-modified',
]);

/** `'a\'b'` → `a'b`. */
const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** One entry's values: a whole quoted string, or `[ 'a', 'b' ]`; null for anything else. */
function valuesOf(raw: string): string[] | null {
  let v = raw.trimEnd();
  if (v.endsWith(',')) v = v.slice(0, -1).trimEnd();
  const array = v.startsWith('[') && v.endsWith(']');
  const inner = array ? v.slice(1, -1).trim() : v;
  const out: string[] = [];
  let at = 0;
  STRING.lastIndex = 0;
  for (let m = STRING.exec(inner); m; m = STRING.exec(inner)) {
    // Only strings and, in an array, the commas between them.
    if (inner.slice(at, m.index).replace(/[\s,]/g, '') !== '' || (!array && out.length)) return null;
    out.push(unescape(m[1] ?? m[2] ?? ''));
    at = m.index + m[0].length;
  }
  if (inner.slice(at).trim() !== '' || (out.length === 0 && !array)) return null;
  return out;
}

/** One `key: 'value',` line, or null. */
export function objectEntry(line: string): { name: string; values: string[]; valueAt: number } | null {
  const text = capped(line);
  const k = KEY.exec(text);
  if (!k) return null;
  const key = k[2]!;
  const name = key[0] === "'" || key[0] === '"' ? key.slice(1, -1) : key;
  const values = valuesOf(text.slice(k[0].length));
  return values ? { name, values, valueAt: k[0].length } : null;
}

/**
 * The headers object that opens at line 0 (`lineAt(k)`: line k of the paste from there, undefined past
 * the end), or, when it is not one, null and how many lines were looked at (`seen`, never looked at again).
 */
export function headersObjectAt(lineAt: (k: number) => string | undefined): { object: HeadersObject | null; seen: number } {
  const open = lineAt(0);
  if (open === undefined || open.length > 128 || !OPEN.test(open)) return { object: null, seen: 0 };
  const entries: ObjectEntry[] = [];
  let k = 1;
  let last = 0;
  let response = false;
  for (; k <= MAX_ENTRIES; k++) {
    const line = lineAt(k);
    if (line === undefined) break;
    if (CLOSE.test(line.length > 64 ? line.slice(0, 64) : line)) {
      last = k;
      break;
    }
    const e = objectEntry(line);
    if (!e) break;
    entries.push({ line: k, ...e });
    if (RESPONSE_HEADERS.has(e.name.toLowerCase())) response = true;
    last = k;
  }
  // Two entries at least: one `date: '…'` line in prose is not an object of headers.
  if (!response || entries.length < 2) return { object: null, seen: Math.max(0, k - 1) };
  return { object: { last, entries }, seen: last };
}
