/** The cookies Jira sends and reads: session, remember-me, XSRF token. */
import { randomBytes } from 'node:crypto';

export const REMEMBER_ME_COOKIE = 'seraph.rememberme.cookie';
export const XSRF_COOKIE = 'atlassian.xsrf.token';

/** Request `Cookie` header as a map; the first of duplicate names wins (browsers send the most specific first). */
export function parseCookieHeader(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

export interface CookieOptions {
  /** Max-Age in seconds; null = a browser-session cookie (no Max-Age, no Expires). */
  maxAgeSec?: number | null;
  httpOnly?: boolean;
  /** HTTPS: Secure, and SameSite=None as Atlassian Cloud sends it. */
  secure?: boolean;
}

/**
 * One Set-Cookie value. Expires is written next to Max-Age, as Tomcat does, from the real time (the
 * browser judges expiry by its own clock; the emulator's clock offset is server-side only).
 */
export function setCookie(name: string, value: string, opts: CookieOptions = {}): string {
  let s = `${name}=${value}; Path=/`;
  if (opts.maxAgeSec != null) {
    s += `; Max-Age=${opts.maxAgeSec}; Expires=${new Date(Date.now() + opts.maxAgeSec * 1000).toUTCString()}`;
  }
  if (opts.secure) s += '; Secure; SameSite=None';
  if (opts.httpOnly) s += '; HttpOnly';
  return s;
}

/** A cookie deleted the way Tomcat does it: empty, Max-Age=0 and an Expires in the past. */
export function clearedCookie(name: string, opts: { secure?: boolean; httpOnly?: boolean } = {}): string {
  return `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${opts.secure ? '; Secure; SameSite=None' : ''}${opts.httpOnly ? '; HttpOnly' : ''}`;
}

/** Crowd SSO's cookie, cleared and re-set on every Basic call when rotation is on (atlassian-auth.md §8). */
export const CROWD_TOKEN_COOKIE = 'studio.crowd.tokenkey';

/**
 * The XSRF token: `ABCD-EFGH-IJKL-MNOP|<sha1 hex>|lin` on Server/DC, `ABCD-EFGH-IJKL-MNOP_<hex>_lin` on Cloud;
 * `lout` when the server saw nobody signed in.
 */
export function xsrfToken(signedIn: boolean, separator: '|' | '_' = '|'): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const bytes = randomBytes(16);
  const id = Array.from(bytes, (b) => letters[b % letters.length]).join('').replace(/(.{4})(?!$)/g, '$1-');
  return [id, randomBytes(20).toString('hex'), signedIn ? 'lin' : 'lout'].join(separator);
}
