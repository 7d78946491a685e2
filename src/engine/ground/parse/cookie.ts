/**
 * Request `Cookie` header → names and value lengths (RFC 6265 §5.4 syntax, read leniently: browsers and
 * tools send empty parts, missing `=`, quotes and odd whitespace). Values never leave this function.
 */
import { isSessionTokenCookie, isXsrfCookie, originalCookieValueLength, sessionTokenClaims, xsrfLoginState, type LoginState, type SessionTokenClaims } from '../cookie-facts';

export interface SentCookie {
  name: string;
  /** Length of the value as sent (quotes included, as browsers keep them); a redaction marker counts as its secret's length. */
  valueLength: number;
  /** `atlassian.xsrf.token` only: whether the value ends in `lin` or `lout`. */
  loginState?: LoginState;
  /** Cloud session tokens only: the JWT's kept claims. */
  claims?: SessionTokenClaims;
}

export function parseCookieHeader(value: string): SentCookie[] {
  const out: SentCookie[] = [];
  for (const part of value.split(';')) {
    const name = cookieName(part);
    if (!name) continue;
    const v = part.slice(part.indexOf('=') + 1).trim();
    out.push(withValueFacts({ name, valueLength: originalCookieValueLength(v) }, v));
  }
  return out;
}

/** The names parseCookieHeader gives, without reading the values (every request of a large HAR asks). */
export function cookieHeaderNames(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(';')) {
    const name = cookieName(part);
    if (name) out.push(name);
  }
  return out;
}

/** A part without `=` is a nameless cookie (RFC 6265bis §5.6 step 3): no name to report. */
function cookieName(part: string): string {
  const eq = part.indexOf('=');
  return eq < 0 ? '' : part.slice(0, eq).trim();
}

/** Adds the non-secret facts a cookie's value carries (cookie-value.ts) to its parsed form. */
export function withValueFacts<C extends { name: string; loginState?: LoginState; claims?: SessionTokenClaims }>(cookie: C, value: string): C {
  if (isXsrfCookie(cookie.name)) {
    const state = xsrfLoginState(value);
    if (state) cookie.loginState = state;
  } else if (isSessionTokenCookie(cookie.name)) {
    const claims = sessionTokenClaims(value);
    if (claims) cookie.claims = claims;
  }
  return cookie;
}
