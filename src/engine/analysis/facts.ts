/**
 * Everything the rules read about one exchange, parsed once. Rules never re-parse headers.
 * Built only for exchanges of Atlassian origins (the analyzer classifies first), so other traffic costs
 * a URL split and a header-name scan.
 */
import type { Exchange } from '../types';
import { headerValues, firstHeader } from '../exchange/headers';
import { parseLoginReason, parseDeniedReason, parseAUsername, type LoginReason, type DeniedReason, type AUsername } from '../ground/parse/seraph';
import { parseWwwAuthenticate, type Challenge } from '../ground/parse/www-authenticate';
import { parseSetCookie, type SetCookie } from '../ground/parse/set-cookie';
import { parseCookieHeader, type SentCookie } from '../ground/parse/cookie';
import type { LoginState } from '../ground/cookie-facts';
import {
  isLoginPath,
  isLogoutPath,
  isRestPath,
  isSessionCookie,
  isSessionEndpoint,
  isProductAnswerPath,
  isStaticResource,
  osAuthType,
  urlParts,
  type OsAuthType,
  type UrlParts,
} from '../ground/atlassian';

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
  /** X-AACCOUNTID: the Cloud account the request ran as; null when the response named none. */
  accountId: string | null;
  /** Who the response says the caller was: X-AUSERNAME's user, else X-AACCOUNTID; null when it names nobody. */
  caller: string | null;
  /**
   * The response itself says the caller was anonymous (strong signals): `X-AUSERNAME: anonymous`, or the
   * XSRF cookie ending in `lout` (set by this response, or sent and not corrected by it). Null when the
   * response names a caller or says nothing.
   */
  anonymousBy: 'x-ausername' | 'xsrf' | null;
  challenges: Challenge[];
  /**
   * The response's cookies, one per name in its final state: the last Set-Cookie of a name wins, so a clear
   * followed by a new value (Crowd's `OUT, OK` rotation) is a renewal (`rotated`), not a removal.
   */
  setCookies: (SetCookie & { rotated: boolean })[];
  /** The request's cookies that carry facts (the XSRF cookie's login state, Cloud token claims). */
  cookiesSentFacts: SentCookie[];
  /**
   * Whether the server saw a signed-in user, by the XSRF cookie's `lin`/`lout`: the value this response set,
   * else the one the request sent (the server re-sets it when its view changes). Null when neither.
   */
  xsrf: LoginState | null;
  /** Session cookies (atlassian.ts) the request carried, each name once. */
  sessionCookiesSent: string[];
  /** A page (HTML document), as opposed to an API call or an asset. */
  isPage: boolean;
  /** A script, style, image, font or resource batch: its X-AUSERNAME says nothing about the session. */
  isStatic: boolean;
  /**
   * Answered by the product itself (a page or REST answer), not by a service beside it on the same host
   * (Cloud's `/gateway/api/`, edge paths) nor a static resource: only these name the caller.
   */
  isProductAnswer: boolean;
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
  const setCookies = finalSetCookies(headerValues(ex.responseHeaders, 'set-cookie'), ex.time);
  const cookiesSentFacts = headerValues(ex.requestHeaders, 'cookie')
    .flatMap((v) => parseCookieHeader(v))
    .filter((c) => c.loginState !== undefined || c.claims !== undefined);
  const xsrfSet = setCookies.find((c) => c.loginState !== undefined)?.loginState;
  const xsrfSent = cookiesSentFacts.find((c) => c.loginState !== undefined)?.loginState;
  const accountIdValue = firstHeader(ex.responseHeaders, 'x-aaccountid')?.trim();
  const isStatic = isStaticResource(url.path, contentType);
  const ausername = ausernameValue === null ? null : parseAUsername(ausernameValue);
  const accountId = accountIdValue ? accountIdValue.slice(0, 256) : null;
  const caller = ausername?.user ?? accountId;
  const xsrf = xsrfSet ?? xsrfSent ?? null;
  const anonymousBy = caller !== null ? null : ausername?.anonymous ? 'x-ausername' : xsrf === 'lout' ? 'xsrf' : null;
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
    ausername,
    accountId,
    caller,
    anonymousBy,
    challenges: parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate')),
    setCookies,
    cookiesSentFacts,
    xsrf,
    sessionCookiesSent: uniqueSessionCookies(ex.cookiesSent),
    isPage: isPage(ex, contentType),
    isStatic,
    isProductAnswer: !isStatic && isProductAnswerPath(url.path),
    isLoginPage: isLoginPath(url.path),
    redirectsToLogin: location !== null && isLoginPath(location.replace(/[?#].*$/, '')),
    isSessionEndpoint: sessionEndpoint,
    isLogout:
      loginReason.outcome === 'OUT' || (ok && ((sessionEndpoint && ex.method === 'DELETE') || isLogoutPath(url.path))),
  };
}

/** One cookie per name, as the browser keeps it after the response: the last line of a name wins. */
function finalSetCookies(values: readonly string[], time: number): (SetCookie & { rotated: boolean })[] {
  const byName = new Map<string, SetCookie & { rotated: boolean }>();
  for (const v of values) {
    // Some HAR writers fold several Set-Cookie lines into one value separated by newlines.
    for (const line of v.split('\n')) {
      const c = parseSetCookie(line, time);
      if (!c) continue;
      const before = byName.get(c.name);
      // A removal then a value of the same cookie renews it in place.
      const rotated = before !== undefined && (before.rotated || before.cleared || before.empty) && !c.cleared && !c.empty;
      byName.delete(c.name); // keep the order of the final lines
      byName.set(c.name, { ...c, rotated });
    }
  }
  return [...byName.values()];
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
