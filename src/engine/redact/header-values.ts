/**
 * The structured header values whose names and shape the analysis reads and whose secrets sit in known
 * places: Authorization (scheme and Basic user kept), Cookie and Set-Cookie (names and attributes kept,
 * every value through redactCookieValue).
 */
import { isRedactedMarker, redactedMarker } from '../ground/marker';
import { isRedactedCookieValue, redactCookieValue } from './cookie-value';
import { SANITIZED_CREDENTIALS, basicShape, credentialsShape, decodeBase64Utf8, splitAuthorization } from '../ground/parse/authorization';
import { OAUTH1_KEPT, isKeepableValue, parseOAuthParams } from '../ground/parse/oauth1';
import type { CredentialShape } from '../types';

/** The whole value as a marker (an empty value or a marker stays as it is). */
export function redactWhole(value: string): string {
  if (value === '' || isRedactedMarker(value)) return value;
  return redactedMarker(value.length);
}

/**
 * `Basic <b64>` → `Basic [redacted N user=fred shape=api-token]` (the user percent-encoded), `Bearer <t>` →
 * `Bearer [redacted N shape=pat]`, a bare token → `[redacted N]`. N is the length of what was removed; the
 * shape (credential-shape.ts) is a word, never part of the secret, and is left out when unknown. OAuth 1.0
 * keeps its non-secret parameters (oauth1.ts): `OAuth oauth_consumer_key="jira", oauth_token="[redacted 32]", …`.
 */
export function sanitizeAuthorization(value: string): string {
  const { scheme, credentials } = splitAuthorization(value);
  if (scheme === null) return credentials === '' ? value : redactWhole(credentials);
  if (credentials === '') return scheme;
  if (SANITIZED_CREDENTIALS.test(credentials)) return `${scheme} ${credentials}`;
  const lower = scheme.toLowerCase();
  if (lower === 'oauth') {
    const kept = sanitizeOAuthParams(credentials);
    if (kept !== null) return `${scheme} ${kept}`;
  }
  const marker = redactedMarker(credentials.length).slice(0, -1);
  if (lower === 'basic') {
    const decoded = decodeBase64Utf8(credentials);
    const colon = decoded?.indexOf(':') ?? -1;
    const shape = withShape(basicShape(credentials));
    if (decoded !== null && colon >= 0) {
      // TextDecoder's output is well-formed UTF-16, so encodeURIComponent cannot throw here.
      const user = encodeURIComponent(decoded.slice(0, colon));
      return `${scheme} ${marker} user=${user}${shape}]`;
    }
    return `${scheme} ${marker}${shape}]`;
  }
  return `${scheme} ${marker}${withShape(credentialsShape(scheme, credentials))}]`;
}

const withShape = (shape: CredentialShape) => (shape === 'unknown' ? '' : ` shape=${shape}`);

/**
 * OAuth 1.0 parameters with the secret ones redacted (each value → `"[redacted N]"`, markers left alone) and
 * the non-secret ones kept verbatim; null when the value is not a clean parameter list (then all of it goes).
 */
function sanitizeOAuthParams(credentials: string): string | null {
  const params = parseOAuthParams(credentials);
  // RFC 5849 quotes every value: anything else is not a parameter list to rebuild (or a value cut short).
  if (!params || params.some((p) => !p.quoted)) return null;
  return params
    .map(({ name, value }) => {
      const keep = (OAUTH1_KEPT.has(name.toLowerCase()) && isKeepableValue(value)) || value === '' || isRedactedMarker(value);
      return `${name}="${keep ? value : redactedMarker(value.length)}"`;
    })
    .join(', ');
}

/** Every value replaced, names and order kept. A part without `=` is a nameless cookie: its text is the value. */
export function sanitizeCookieHeader(value: string): string {
  return value
    .split(';')
    .map((part) => {
      const eq = part.indexOf('=');
      const v = (eq < 0 ? part : part.slice(eq + 1)).trim();
      if (v === '' || isRedactedCookieValue(v)) return part;
      if (eq >= 0) return `${part.slice(0, eq)}=${redactCookieValue(part.slice(0, eq), v)}`;
      const at = part.indexOf(v);
      return part.slice(0, at) + redactedMarker(v.length) + part.slice(at + v.length);
    })
    .join(';');
}

/**
 * One cookie per line; tools that fold several into one line with `, ` are split where a comma is
 * followed by `name=` (an `Expires` date's comma is followed by a day number, never by `=`).
 */
export function sanitizeSetCookieHeader(value: string): string {
  return value
    .split('\n')
    .map((line) =>
      line
        .split(/(,(?=\s*[^\s=;,]+=))/)
        .map((piece, i) => (i % 2 === 1 ? piece : sanitizeSetCookie(piece)))
        .join(''),
    )
    .join('\n');
}

/** Only the value between the first `=` and the first `;` is secret; attributes stay verbatim, an empty value stays empty. */
export function sanitizeSetCookie(line: string): string {
  const semi = line.indexOf(';');
  const pair = semi < 0 ? line : line.slice(0, semi);
  const attrs = semi < 0 ? '' : line.slice(semi);
  const eq = pair.indexOf('=');
  const v = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (v === '' || isRedactedCookieValue(v)) return line;
  const redacted = eq < 0 ? redactedMarker(v.length) : redactCookieValue(pair.slice(0, eq), v);
  return `${eq < 0 ? pair.slice(0, pair.indexOf(v)) : pair.slice(0, eq + 1)}${redacted}${attrs}`;
}
