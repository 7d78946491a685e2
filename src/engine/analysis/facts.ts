/**
 * Everything the rules read about one exchange, parsed once. Rules never re-parse headers.
 * Built only for exchanges of Atlassian origins (the analyzer classifies first), so other traffic costs
 * a URL split and a header-name scan.
 */
import type { Exchange } from '../types';
import { headerValues, firstHeader } from '../exchange/headers';
import { parseLoginReason, parseDeniedReason, parseAUsername, type LoginReason, type DeniedReason, type AUsername } from './parse/seraph';
import { parseWwwAuthenticate, type Challenge } from './parse/www-authenticate';
import { parseSetCookie, type SetCookie } from './parse/set-cookie';
import {
  isLoginPath,
  isLogoutPath,
  isRestPath,
  isSessionCookie,
  isSessionEndpoint,
  isStaticResource,
  osAuthType,
  urlParts,
  type OsAuthType,
  type UrlParts,
} from './atlassian';

export interface ExchangeFacts {
  ex: Exchange;
  origin: string;
  host: string;
  path: string;
  isRest: boolean;
  osAuthType: OsAuthType;
  loginReason: LoginReason;
  denied: DeniedReason | null;
  /** Null when the response carried no X-AUSERNAME. */
  ausername: AUsername | null;
  challenges: Challenge[];
  setCookies: SetCookie[];
  /** Session cookies (atlassian.ts) the request carried, each name once. */
  sessionCookiesSent: string[];
  /** A page (HTML document), as opposed to an API call or an asset. */
  isPage: boolean;
  /** A script, style, image, font or resource batch: its X-AUSERNAME says nothing about the session. */
  isStatic: boolean;
  /** A login page or form (anonymous by design). */
  isLoginPage: boolean;
  /** A redirect to a login page: the user is asked to sign in, which is not silent. */
  redirectsToLogin: boolean;
  isSessionEndpoint: boolean;
  /** The request logged the user out (DELETE session, logout page, or OUT as the outcome). */
  isLogout: boolean;
}

export function factsOf(ex: Exchange, url: UrlParts | null = urlParts(ex.url)): ExchangeFacts | null {
  if (!url) return null;
  const loginReason = parseLoginReason(headerValues(ex.responseHeaders, 'x-seraph-loginreason'));
  const deniedValue = firstHeader(ex.responseHeaders, 'x-authentication-denied-reason');
  const ausernameValue = firstHeader(ex.responseHeaders, 'x-ausername');
  const contentType = firstHeader(ex.responseHeaders, 'content-type');
  const setCookies: SetCookie[] = [];
  for (const v of headerValues(ex.responseHeaders, 'set-cookie')) {
    // Some HAR writers fold several Set-Cookie lines into one value separated by newlines.
    for (const line of v.split('\n')) {
      const c = parseSetCookie(line, ex.time);
      if (c) setCookies.push(c);
    }
  }
  const sessionEndpoint = isSessionEndpoint(url.path);
  const ok = ex.status >= 200 && ex.status < 400;
  const location = ex.status >= 300 && ex.status < 400 ? firstHeader(ex.responseHeaders, 'location') : null;
  return {
    ex,
    origin: url.origin,
    host: url.host,
    path: url.path,
    isRest: isRestPath(url.path),
    osAuthType: osAuthType(url.query),
    loginReason,
    denied: deniedValue === null ? null : parseDeniedReason(deniedValue),
    ausername: ausernameValue === null ? null : parseAUsername(ausernameValue),
    challenges: parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate')),
    setCookies,
    sessionCookiesSent: uniqueSessionCookies(ex.cookiesSent),
    isPage: isPage(ex, contentType),
    isStatic: isStaticResource(url.path, contentType),
    isLoginPage: isLoginPath(url.path),
    redirectsToLogin: location !== null && isLoginPath(location.replace(/[?#].*$/, '')),
    isSessionEndpoint: sessionEndpoint,
    isLogout:
      loginReason.outcome === 'OUT' || (ok && ((sessionEndpoint && ex.method === 'DELETE') || isLogoutPath(url.path))),
  };
}

function uniqueSessionCookies(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const n of names) if (isSessionCookie(n) && !out.includes(n)) out.push(n);
  return out;
}

function isPage(ex: Exchange, contentType: string | null): boolean {
  if (ex.type === 'main_frame' || ex.type === 'sub_frame' || ex.type === 'document') return true;
  return contentType !== null && /text\/html|application\/xhtml/i.test(contentType);
}
