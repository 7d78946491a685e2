/**
 * Bounds on what one captured record may cost in storage.session, applied by the worker to every record
 * before it is written (src/engine is not the place: a HAR file or the CLI keeps whole values).
 *
 * A server can send header values of hundreds of kilobytes (anyone can own an `*.atlassian.net` site), and
 * without a bound one tab's 120 responses fill the storage every tab shares. What the analysis reads of a
 * header is short and at its start: user names (Jira allows 255 characters), login reasons, the scheme and
 * realm of a challenge, a cookie's name and its attributes, an X-AREQUESTID. So a value longer than
 * HEADER_VALUE_CAP keeps its first characters and says how many were cut: `prefix…[+N chars]`.
 *
 * Set-Cookie is cut per `;`-separated part, so the attributes after a long value (Expires, Max-Age, Path:
 * the session's lifetime) survive it; the whole line is then bounded like any other value.
 *
 * Every header is captured (the panel's Headers tab shows them all), but only those the analysis reads
 * (exchange/compact.ts) are kept whatever their number; the others, there only to be shown, are bounded
 * tighter: at most DISPLAY_HEADER_COUNT_CAP per side, each value at most DISPLAY_HEADER_VALUE_CAP. The
 * record says how many it left out (`headersCut`), and the panel says so.
 */
import type { Header } from '../engine/types';
import type { CapturedExchange } from '../shared/protocol';
import { isKeptHeader } from '../engine/exchange/compact';

/** Longest header value stored whole; longer ones keep a prefix and the count of characters cut. */
export const HEADER_VALUE_CAP = 1024;
/** Longest part of a Set-Cookie line (name=value, or one attribute) stored whole. */
export const COOKIE_PART_CAP = 256;
/** Longest cookie name kept in `cookiesSent`. */
export const COOKIE_NAME_CAP = 256;
/** Headers the analysis does not read, kept per side (a browser sends ~15, a server answers ~20). */
export const DISPLAY_HEADER_COUNT_CAP = 48;
/** Longest value of such a header stored whole (a User-Agent or an Accept is 100–200 characters). */
export const DISPLAY_HEADER_VALUE_CAP = 512;

const MARK = /…\[\+\d+ chars\]$/;

/**
 * `value` cut to at most `cap` characters in all: a prefix, then `…[+N chars]` with N the characters
 * cut. A value already cut by this function (it ends in the mark and fits) is returned as is.
 */
export function capText(value: string, cap: number): string {
  if (value.length <= cap) return value;
  // The mark's length depends on N, which depends on the prefix: size the prefix for the longest mark.
  const markRoom = `…[+${value.length} chars]`.length;
  const keep = Math.max(0, cap - markRoom);
  let prefix = value.slice(0, keep);
  // Never split a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(prefix)) prefix = prefix.slice(0, -1);
  return `${prefix}…[+${value.length - prefix.length} chars]`;
}

/** One header value as stored; `cap`: HEADER_VALUE_CAP, or the tighter one of a header only shown. */
export function capHeaderValue(name: string, value: string, cap = HEADER_VALUE_CAP): string {
  if (value.length <= cap) return value;
  if (name.toLowerCase() === 'set-cookie') {
    const parts = value.split(';').map((p) => (MARK.test(p) ? p : capText(p, COOKIE_PART_CAP)));
    return capText(parts.join(';'), cap);
  }
  return capText(value, cap);
}

/** The headers as stored, in wire order, and how many shown-only headers were left out past the count cap. */
function capHeaders(headers: Header[]): { headers: Header[]; cut: number } {
  let changed = false;
  let shown = 0;
  let cut = 0;
  const out: Header[] = [];
  for (const h of headers) {
    const analysed = isKeptHeader(h.name);
    if (!analysed && ++shown > DISPLAY_HEADER_COUNT_CAP) {
      cut++;
      changed = true;
      continue;
    }
    const name = h.name.length > COOKIE_NAME_CAP ? capText(h.name, COOKIE_NAME_CAP) : h.name;
    const value = capHeaderValue(name, h.value, analysed ? HEADER_VALUE_CAP : DISPLAY_HEADER_VALUE_CAP);
    if (name === h.name && value === h.value) out.push(h);
    else {
      changed = true;
      out.push({ name, value });
    }
  }
  return { headers: changed ? out : headers, cut };
}

/** The record as stored: every header name and value, and every cookie name, within the caps above. */
export function capForStorage<T extends Omit<CapturedExchange, 'index'>>(ex: T): T {
  const request = capHeaders(ex.requestHeaders);
  const response = capHeaders(ex.responseHeaders);
  const requestHeaders = request.headers;
  const responseHeaders = response.headers;
  const long = ex.cookiesSent.some((c) => c.length > COOKIE_NAME_CAP);
  const cookiesSent = long ? ex.cookiesSent.map((c) => capText(c, COOKIE_NAME_CAP)) : ex.cookiesSent;
  const credentials = capCredentials(ex.credentials);
  if (requestHeaders === ex.requestHeaders && responseHeaders === ex.responseHeaders && cookiesSent === ex.cookiesSent && credentials === ex.credentials) return ex;
  const capped: T = { ...ex, requestHeaders, responseHeaders, cookiesSent, credentials };
  if (request.cut || response.cut) capped.headersCut = { request: request.cut, response: response.cut };
  return capped;
}

/** The Basic user name or the scheme name a page's script sent can be as long as the header. */
function capCredentials(c: CapturedExchange['credentials']): CapturedExchange['credentials'] {
  if (c?.scheme === 'basic' && c.user !== null && c.user.length > COOKIE_NAME_CAP) return { ...c, user: capText(c.user, COOKIE_NAME_CAP) };
  if (c?.scheme === 'other' && c.name.length > COOKIE_NAME_CAP) return { ...c, name: capText(c.name, COOKIE_NAME_CAP) };
  return c;
}
