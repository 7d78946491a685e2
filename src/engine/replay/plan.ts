/**
 * What a replay sends: method, URL, headers, and how credentials travel. Pure data; the browser side runs it
 * with `fetch(plan.url, fetchInit(plan))`.
 *
 * Rules that keep the user safe:
 * - typed credentials (Basic, Bearer) go only to the origin they were typed for; any other origin is an
 *   error result, never a plan;
 * - with typed credentials `redirect` is `manual`, so they never follow a redirect anywhere, and `credentials`
 *   is `omit`, so the browser's cookies do not muddle what the typed credentials prove;
 * - nothing redacted at capture is sent (a marker in place of a secret would be a wrong secret);
 * - anything but GET and HEAD needs the user's confirmation, and the body (never captured) is not sent.
 */
import type { Exchange, Header } from '../types';
import { hasControl, printable } from './text';
import { containsRedaction, originOf, ReplayUrlError, withAuthType, withoutRedactedParams, type AuthTypeChoice } from './url';

export type CredentialSource =
  /** The browser's cookie jar, as it is now (not the cookies of the capture: their values were never kept). */
  | { kind: 'browser' }
  /** No cookies, no Authorization. */
  | { kind: 'anonymous' }
  /** Server/DC: username + password. Cloud: account email + API token. `origin` is where they were typed for. */
  | { kind: 'basic'; username: string; secret: string; origin: string }
  /** Data Center personal access token. `origin` is where it was typed for. */
  | { kind: 'bearer'; token: string; origin: string };

export type SourceKind = CredentialSource['kind'];

export interface ReplayOptions {
  authType: AuthTypeChoice;
  source: CredentialSource;
}

export interface ReplayPlan {
  /** Upper-case method. */
  method: string;
  /** The URL to send: os_authType set, fragment and redacted parameters removed. */
  url: string;
  /** Origin of `url`; typed credentials are only ever planned for this origin. */
  origin: string;
  /** Headers to send, in captured order; `Authorization` last when the source is typed. */
  headers: Header[];
  /** fetch() credentials mode: `include` only for the browser source. */
  credentials: 'include' | 'omit';
  /** fetch() redirect mode: `manual` whenever typed credentials are attached. */
  redirect: 'follow' | 'manual';
  /** True for any method other than GET and HEAD: ask the user before sending. */
  needsConfirmation: boolean;
  /** Sentences for the user about what differs from the captured request. */
  notes: string[];
}

export type PlanResult = { ok: true; plan: ReplayPlan } | { ok: false; error: string };

/** The part of an Exchange a plan reads. */
export type ReplayableRequest = Pick<Exchange, 'method' | 'url' | 'requestHeaders'> & Partial<Pick<Exchange, 'credentials'>>;

export const BODY_NOT_CAPTURED_NOTE = 'The request body was not captured; the replay sends none.';

/**
 * Forbidden request-header names of the Fetch standard (fetch() drops or refuses them), lower-case, plus
 * Set-Cookie and Cookie2 (older lists) and Permissions-Policy (newer ones). `proxy-` and `sec-` prefixes are
 * checked separately. Hop-by-hop headers (Connection, Keep-Alive, TE, Trailer, Transfer-Encoding, Upgrade,
 * Proxy-*) are all in it.
 */
export const FORBIDDEN_REQUEST_HEADERS: ReadonlySet<string> = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method',
  'access-control-request-private-network', 'connection', 'content-length', 'cookie', 'cookie2', 'date', 'dnt',
  'expect', 'host', 'keep-alive', 'origin', 'permissions-policy', 'referer', 'set-cookie', 'te', 'trailer',
  'trailers', 'transfer-encoding', 'upgrade', 'via',
]);
const FORBIDDEN_PREFIX = /^(?:proxy-|sec-)/;
/** Credentials are never replayed from the capture (their values were redacted there anyway). */
const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie']);
/** They change the method the server runs, which would bypass the confirmation of non-GET methods. */
const METHOD_OVERRIDE: ReadonlySet<string> = new Set(['x-http-method', 'x-http-method-override', 'x-method-override']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);

export interface FilteredHeaders {
  headers: Header[];
  notes: string[];
}

/**
 * The captured request headers a replay may send: no forbidden or hop-by-hop header, no credential, no
 * method override, nothing redacted, no HTTP/2 pseudo-header, no invalid name or value. X-Atlassian-Token
 * (XSRF opt-out, not a credential) is kept.
 */
export function replayableHeaders(headers: readonly Header[]): FilteredHeaders {
  const out: Header[] = [];
  const notes: string[] = [];
  for (const h of headers) {
    const name = h.name.trim();
    const lower = name.toLowerCase();
    if (name.startsWith(':')) continue; // :authority, :path… of HTTP/2 captures: not headers
    if (CREDENTIAL_HEADERS.has(lower)) {
      if (lower === 'authorization' && h.value.trim()) notes.push('The captured Authorization header is not replayed (its secret was never stored); choose typed credentials to send some.');
      continue;
    }
    if (FORBIDDEN_REQUEST_HEADERS.has(lower) || FORBIDDEN_PREFIX.test(lower)) continue;
    if (!TOKEN.test(name)) {
      notes.push(`A header with an invalid name was left out.`);
      continue;
    }
    if (METHOD_OVERRIDE.has(lower)) {
      notes.push(`${name} was left out: it changes the method the server runs.`);
      continue;
    }
    if (containsRedaction(h.value)) {
      notes.push(`${name} was redacted at capture and is left out.`);
      continue;
    }
    if (/[\r\n\0]/.test(h.value)) {
      notes.push(`${name} has a line break in its value and is left out.`);
      continue;
    }
    out.push({ name, value: h.value.trim() });
  }
  return { headers: out, notes };
}

/** Plans one replay of `request`. Never throws: bad input is an error result with a sentence for the user. */
export function planReplay(request: ReplayableRequest, options: ReplayOptions): PlanResult {
  const { authType, source } = options;
  const method = request.method.trim().toUpperCase();
  if (!TOKEN.test(method) || FORBIDDEN_METHODS.has(method)) return fail(`The method ${printable(request.method)} cannot be replayed.`);

  let url: string;
  let removed: string[];
  try {
    ({ url, removed } = withoutRedactedParams(request.url));
    url = withAuthType(url, authType);
  } catch (err) {
    if (err instanceof ReplayUrlError) return fail(err.message);
    throw err;
  }
  const origin = originOf(url);
  if (origin === null) return fail(`Not a replayable URL: ${printable(request.url)}`);

  const { headers, notes } = replayableHeaders(request.requestHeaders);
  for (const key of removed) notes.push(`The query parameter ${printable(key)} was redacted at capture and is left out.`);

  let credentials: ReplayPlan['credentials'] = 'omit';
  let redirect: ReplayPlan['redirect'] = 'follow';
  if (source.kind === 'browser') credentials = 'include';
  else if (source.kind === 'basic' || source.kind === 'bearer') {
    const typedFor = originOf(source.origin.trim());
    if (typedFor === null) return fail('The credentials were typed for an invalid origin.');
    if (typedFor !== origin) return fail(`Credentials typed for ${typedFor} are never sent to ${origin}.`);
    const auth = authorizationValue(source);
    if (!auth.ok) return auth;
    headers.push({ name: 'Authorization', value: auth.value });
    redirect = 'manual';
  }
  const needsConfirmation = !SAFE_METHODS.has(method);
  if (needsConfirmation) notes.unshift(BODY_NOT_CAPTURED_NOTE);
  return { ok: true, plan: { method, url, origin, headers, credentials, redirect, needsConfirmation, notes } };
}

/**
 * The Authorization value for a typed source: `Basic base64(utf8(user:secret))` or `Bearer token`.
 * Checks what the user typed: no empty user or secret, no `:` in a Basic user (RFC 7617), no control
 * characters anywhere (a CR/LF would inject headers), a bearer token made of visible ASCII only.
 */
export function authorizationValue(source: Extract<CredentialSource, { kind: 'basic' | 'bearer' }>): { ok: true; value: string } | { ok: false; error: string } {
  if (source.kind === 'bearer') {
    const token = source.token.trim();
    if (!token) return fail('Type the personal access token.');
    if (hasControl(token)) return fail('The token contains a line break or another control character; paste it again.');
    if (!/^[\x21-\x7e]+$/.test(token)) return fail('The token contains spaces or non-ASCII characters; paste it again.');
    return { ok: true, value: `Bearer ${token}` };
  }
  const { username, secret } = source;
  if (!username.trim()) return fail('Type the user name (Atlassian Cloud: your account email).');
  if (username.includes(':')) return fail('A user name for Basic authentication cannot contain ":".');
  if (hasControl(username + secret)) return fail('The credentials contain a line break or another control character; type them again.');
  if (!secret) return fail('Type the password (Atlassian Cloud: an API token).');
  return { ok: true, value: `Basic ${base64Utf8(`${username}:${secret}`)}` };
}

/** What fetch() needs besides the URL (structurally a RequestInit): `fetch(plan.url, fetchInit(plan))`. */
export interface FetchInit {
  method: string;
  headers: [string, string][];
  credentials: 'include' | 'omit';
  redirect: 'follow' | 'manual';
  cache: 'no-store';
  referrerPolicy: 'no-referrer';
}

export function fetchInit(plan: ReplayPlan): FetchInit {
  return {
    method: plan.method,
    headers: plan.headers.map((h) => [h.name, h.value]),
    credentials: plan.credentials,
    redirect: plan.redirect,
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of the UTF-8 bytes of `s` (lone surrogates become U+FFFD, as TextEncoder does). */
export function base64Utf8(s: string): string {
  const bytes: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}
