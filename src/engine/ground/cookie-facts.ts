/**
 * Cookie values that carry non-secret facts the analysis needs, and how they are redacted without
 * losing those facts (atlassian-auth.md §8):
 *
 * - `atlassian.xsrf.token` ends in `lin` (the server saw a signed-in user) or `lout` (anonymous), after
 *   `|` or `_`. The rest is the token: `AQZJ-…|cac2…|lin` → `[redacted 46]|lin`.
 * - Cloud's `cloud.session.token` and `tenant.session.token` are JWTs whose payload tells who is signed in
 *   and until when. The token and its signature are secret; five claims are kept in the marker:
 *   `eyJ….eyJ….sig` → `[redacted 812 claims:<base64url of {"sub":…,"email":…,"iat":…,"exp":…,"refreshTimeout":…}>]`.
 *
 * The analysis reads both from the raw value or from its redacted form with the same functions, so live
 * capture (which only ever stores the redacted form), an exported HAR and the CLI agree.
 */
import { markerClaims } from './marker';
import { decodeBase64Utf8 } from './parse/authorization';

export type LoginState = 'lin' | 'lout';

export interface SessionTokenClaims {
  /** Atlassian account id. */
  sub?: string;
  email?: string;
  /** Epoch seconds, as in the JWT. */
  iat?: number;
  exp?: number;
  refreshTimeout?: number;
}

export const XSRF_COOKIE = 'atlassian.xsrf.token';
const TOKEN_COOKIES = new Set(['cloud.session.token', 'tenant.session.token']);

export function isXsrfCookie(name: string): boolean {
  return name.trim().toLowerCase() === XSRF_COOKIE;
}

export function isSessionTokenCookie(name: string): boolean {
  return TOKEN_COOKIES.has(name.trim().toLowerCase());
}

export const LOGIN_SUFFIX = /[|_](lin|lout)"?$/;

/** `lin` / `lout` from an XSRF cookie value (raw, quoted or redacted); null when it has no such suffix. */
export function xsrfLoginState(value: string): LoginState | null {
  const m = LOGIN_SUFFIX.exec(value.length > 8192 ? value.slice(-8) : value);
  return m ? (m[1] as LoginState) : null;
}

/** The kept claims of a session token value (a raw JWT or its redacted marker); null when there are none. */
export function sessionTokenClaims(value: string): SessionTokenClaims | null {
  const v = unquote(value.trim());
  const fromMarker = markerClaims(v);
  const payload = fromMarker ?? jwtPayload(v);
  if (payload === null) return null;
  const text = decodeBase64Utf8(payload, 16_384);
  if (text === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  return pickClaims(json);
}

function jwtPayload(value: string): string | null {
  if (value.length > 16_384 || !value.startsWith('eyJ')) return null;
  const parts = value.split('.');
  return parts.length === 3 && /^[A-Za-z0-9_-]+$/.test(parts[1]!) ? parts[1]! : null;
}

function pickClaims(json: unknown): SessionTokenClaims | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const src = json as Record<string, unknown>;
  const out: SessionTokenClaims = {};
  const str = (k: 'sub' | 'email') => {
    const v = src[k];
    if (typeof v === 'string' && v.length > 0 && v.length <= 256) out[k] = v;
  };
  const num = (k: 'iat' | 'exp' | 'refreshTimeout') => {
    const v = src[k];
    // Seconds since 1970, up to year ~2286: anything else is not a time.
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e10) out[k] = Math.floor(v);
  };
  str('sub');
  str('email');
  num('iat');
  num('exp');
  num('refreshTimeout');
  return Object.keys(out).length ? out : null;
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** The length of the value before redaction (a marker counts as its secret's length, a kept suffix as itself). */
export function originalCookieValueLength(value: string): number {
  const m = value.length < 4200 ? /^("?)\[redacted (\d{1,12})(?: claims:[A-Za-z0-9_-]+)?\]((?:[|_](?:lin|lout))?)"?$/.exec(value) : null;
  return m ? Number(m[2]) + m[3]!.length + 2 * m[1]!.length : value.length;
}
