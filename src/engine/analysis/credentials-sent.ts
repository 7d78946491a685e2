/**
 * What credentials one request sent, in one statement every place of the detail uses: the session cookies
 * (by name), the XSRF cookie (not a credential, but its `lin`/`lout` says how the server saw you), and the
 * Authorization scheme with the Basic user. Never a value: names, the scheme and the user part only.
 *
 * Before this, the detail said "Credentials sent: none" (Authorization only) beside "Sent: JSESSIONID
 * (session)": a cookie is a credential too.
 */
import type { Credentials, Exchange } from '../types';
import { isSessionCookie } from '../ground/atlassian';
import { headerValues } from '../exchange/headers';
import { parseCookieHeader } from '../ground/parse/cookie';
import { isXsrfCookie, type LoginState } from '../ground/cookie-facts';

export type CookieRole = 'session' | 'xsrf' | 'other';

/** What a cookie name is to Seraph: a session (a login), the XSRF token, or anything else. */
export function cookieRole(name: string): CookieRole {
  if (isSessionCookie(name)) return 'session';
  if (isXsrfCookie(name)) return 'xsrf';
  return 'other';
}

export interface CredentialsSent {
  /** Session cookie names, each once, in the order sent. */
  sessionCookies: string[];
  /** The XSRF cookie, if sent, with the login state its value ends in (null when it has none). */
  xsrf: { name: string; state: LoginState | null } | null;
  /** Cookies that are neither (preferences, analytics): not credentials. */
  otherCookies: string[];
  authorization: Credentials;
  /** "session cookie JSESSIONID", "Basic as fred", "session cookie JSESSIONID and Basic as fred", "none". */
  summary: string;
}

export function credentialsSent(ex: Pick<Exchange, 'cookiesSent' | 'credentials' | 'requestHeaders'>): CredentialsSent {
  const sessionCookies: string[] = [];
  const otherCookies: string[] = [];
  let xsrfName: string | null = null;
  for (const name of ex.cookiesSent) {
    const role = cookieRole(name);
    if (role === 'session') {
      if (!sessionCookies.includes(name)) sessionCookies.push(name);
    } else if (role === 'xsrf') xsrfName ??= name;
    else if (!otherCookies.includes(name)) otherCookies.push(name);
  }
  let xsrf: CredentialsSent['xsrf'] = null;
  if (xsrfName !== null) {
    const sent = headerValues(ex.requestHeaders, 'cookie').flatMap((v) => parseCookieHeader(v)).find((c) => isXsrfCookie(c.name));
    xsrf = { name: xsrfName, state: sent?.loginState ?? null };
  }
  const parts: string[] = [];
  if (sessionCookies.length) parts.push(`${sessionCookies.length === 1 ? 'session cookie' : 'session cookies'} ${sessionCookies.join(', ')}`);
  const auth = authorizationText(ex.credentials);
  if (auth) parts.push(auth);
  return { sessionCookies, xsrf, otherCookies, authorization: ex.credentials, summary: parts.length ? parts.join(' and ') : 'none' };
}

/** "Basic as fred", "Bearer token", "JWT (Authorization)"; null when the request sent no Authorization. */
export function authorizationText(c: Credentials): string | null {
  if (c === null) return null;
  if (c.scheme === 'basic') return c.user === null ? 'Basic (user not readable)' : `Basic as ${c.user}`;
  if (c.scheme === 'bearer') return 'Bearer token';
  return `${c.name} (Authorization)`;
}

/** "JSESSIONID (session)", "atlassian.xsrf.token (XSRF, signed in)": a sent cookie's name with its role. */
export function cookieLabel(name: string, xsrfState: LoginState | null = null): string {
  const role = cookieRole(name);
  if (role === 'session') return `${name} (session)`;
  if (role === 'xsrf') return `${name} (XSRF${xsrfState === 'lin' ? ', signed in' : xsrfState === 'lout' ? ', signed out' : ''})`;
  return name;
}
