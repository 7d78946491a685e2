/**
 * Everything the rules read about one exchange, parsed once. Rules never re-parse headers.
 */
import type { Exchange } from './types';
import { headerValues, firstHeader } from './headers';
import { parseLoginReason, parseDeniedReason, parseAUsername, type LoginReason, type DeniedReason, type AUsername } from './parse/seraph';
import { parseWwwAuthenticate, type Challenge } from './parse/www-authenticate';
import { parseSetCookie, type SetCookie } from './parse/set-cookie';
import { isLogoutPath, isRestPath, isSessionCookie, isSessionEndpoint, osAuthType, urlParts, type OsAuthType } from './atlassian';

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
  /** Session cookies (atlassian.ts) the request carried. */
  sessionCookiesSent: string[];
  /** A page (HTML document), as opposed to an API call or an asset. */
  isPage: boolean;
  isSessionEndpoint: boolean;
  /** The request logged the user out (DELETE session, logout page, or OUT as the outcome). */
  isLogout: boolean;
}

export function factsOf(ex: Exchange): ExchangeFacts | null {
  const url = urlParts(ex.url);
  if (!url) return null;
  const loginReason = parseLoginReason(headerValues(ex.responseHeaders, 'x-seraph-loginreason'));
  const deniedValue = firstHeader(ex.responseHeaders, 'x-authentication-denied-reason');
  const ausernameValue = firstHeader(ex.responseHeaders, 'x-ausername');
  const setCookies: SetCookie[] = [];
  for (const v of headerValues(ex.responseHeaders, 'set-cookie')) {
    for (const line of v.split('\n')) {
      const c = parseSetCookie(line, ex.time);
      if (c) setCookies.push(c);
    }
  }
  const sessionEndpoint = isSessionEndpoint(url.path);
  const ok = ex.status >= 200 && ex.status < 400;
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
    sessionCookiesSent: [...new Set(ex.cookiesSent.filter(isSessionCookie))],
    isPage: isPage(ex),
    isSessionEndpoint: sessionEndpoint,
    isLogout:
      loginReason.outcome === 'OUT' || (ok && ((sessionEndpoint && ex.method === 'DELETE') || isLogoutPath(url.path))),
  };
}

function isPage(ex: Exchange): boolean {
  if (ex.type === 'main_frame' || ex.type === 'sub_frame' || ex.type === 'document') return true;
  const type = firstHeader(ex.responseHeaders, 'content-type');
  return type !== null && /text\/html|application\/xhtml/i.test(type);
}
