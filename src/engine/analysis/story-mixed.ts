/**
 * Mixed signals on a sign-in, for the story: a login the server answered as a success (a REST login's 2xx, or
 * `X-Seraph-LoginReason: OK`) that set a session cookie, while the same answer says "anonymous" (an XSRF cookie
 * ending in `lout`, `X-AUSERNAME: anonymous`). Real servers do this (atlassian-auth.md §8): the XSRF token and
 * the user header of a login's own answer are made while the login request runs, before its new session
 * exists, so they describe the request, not the session. The login wins, unless a later request that carried
 * the new cookies was answered as anonymous too: then the session did not hold and the anonymous signal wins.
 *
 * One pass over the exchanges; pure data.
 */
import type { Exchange } from '../types';
import { headerValues, firstHeader } from '../exchange/headers';
import { parseSetCookie } from '../ground/parse/set-cookie';
import { parseAUsername, parseLoginReason } from '../ground/parse/seraph';
import { isRestPath, isSessionCookie, isSessionEndpoint, urlParts } from '../ground/atlassian';

export type MixedExchange = Pick<Exchange, 'index' | 'time' | 'url' | 'method' | 'status' | 'responseHeaders' | 'cookiesSent' | 'bodyFacts'>;

/** What said "anonymous" on the login's own answer. */
export interface AnonymousSignals {
  /** The XSRF cookie it set ends in `lout`. */
  xsrf: string | null;
  /** It named the user `anonymous` (X-AUSERNAME). */
  ausername: boolean;
}

export interface MixedLogin {
  origin: string;
  entry: number;
  time: number;
  status: number;
  /** A `POST /rest/auth/1/session` (else a login that answered `X-Seraph-LoginReason: OK`). */
  rest: boolean;
  /** The account the request named (the REST login's or the form's user name), null when it did not. */
  account: string | null;
  /** The session cookies the login set (names). */
  cookies: string[];
  says: AnonymousSignals;
  /**
   * How the first later request that carried one of those cookies was answered: as anonymous (its entry and
   * time), or naming a user ('named': that answer settles it, and the sign-in's own line tells it).
   */
  later: { entry: number; time: number } | 'named' | null;
}

/** Logins still waiting for a later answer are few; more than this are left as they are (bounded work). */
const MAX_OPEN = 16;

/** Every login with mixed signals, in log order. */
export function mixedLogins(exchanges: readonly MixedExchange[]): MixedLogin[] {
  const reader = new MixedLoginReader();
  for (const ex of exchanges) reader.feed(ex);
  return reader.logins();
}

/**
 * The same, one exchange at a time, so that a reader streaming a file (the CLI) keeps only the logins and
 * at most MAX_OPEN undecided ones, not the exchanges.
 */
export class MixedLoginReader {
  private readonly out: MixedLogin[] = [];
  private readonly open: MixedLogin[] = [];

  feed(ex: MixedExchange): void {
    const open = this.open;
    if (open.length === 0 && ex.method !== 'POST') return; // the common case on long logs: nothing to parse
    const parts = urlParts(ex.url);
    if (!parts) return;
    // A later answer with the login's cookies, as anonymous: that login's session did not hold.
    for (let i = open.length - 1; i >= 0; i--) {
      const m = open[i]!;
      if (m.origin !== parts.origin || ex.index <= m.entry || !m.cookies.some((c) => ex.cookiesSent.includes(c))) continue;
      const as = answeredAs(ex, parts.path);
      if (as !== null) m.later = as === 'anonymous' ? { entry: ex.index, time: ex.time } : 'named';
      if (as !== null) open.splice(i, 1); // the first answer that tells decides
    }
    const m = mixedLogin(ex, parts.origin, parts.path);
    if (!m) return;
    this.out.push(m);
    if (open.length < MAX_OPEN) open.push(m);
  }

  logins(): MixedLogin[] {
    return this.out;
  }
}

function mixedLogin(ex: MixedExchange, origin: string, path: string): MixedLogin | null {
  if (ex.method !== 'POST' || ex.status < 200 || ex.status >= 400) return null;
  const reason = parseLoginReason(headerValues(ex.responseHeaders, 'x-seraph-loginreason')).outcome;
  const rest = isSessionEndpoint(path);
  if (!(rest && ex.status < 300 && (reason === null || reason === 'OK')) && reason !== 'OK') return null;
  // The final state per cookie name: the last Set-Cookie of a name wins (a clear then a new value is a new value).
  const last = new Map<string, { set: boolean; xsrf: string | null }>();
  for (const line of headerValues(ex.responseHeaders, 'set-cookie')) {
    const c = parseSetCookie(line, ex.time);
    if (c) last.set(c.name, { set: !c.cleared && !c.empty, xsrf: c.loginState === 'lout' ? c.name : null });
  }
  const cookies = [...last].filter(([name, c]) => c.set && isSessionCookie(name)).map(([name]) => name);
  if (cookies.length === 0) return null;
  const xsrf = [...last.values()].find((c) => c.xsrf !== null)?.xsrf ?? null;
  const named = firstHeader(ex.responseHeaders, 'x-ausername');
  const ausername = named !== null && parseAUsername(named).anonymous;
  if (xsrf === null && !ausername) return null;
  return { origin, entry: ex.index, time: ex.time, status: ex.status, rest, account: ex.bodyFacts?.user ?? null, cookies, says: { xsrf, ausername }, later: null };
}

/** A user named (X-AUSERNAME); anonymous: named `anonymous`, an XSRF cookie set to `lout`, or a 401 under /rest. */
function answeredAs(ex: MixedExchange, path: string): 'named' | 'anonymous' | null {
  const named = firstHeader(ex.responseHeaders, 'x-ausername');
  if (named !== null) {
    const u = parseAUsername(named);
    if (u.user !== null) return 'named';
    if (u.anonymous) return 'anonymous';
  }
  if (ex.status === 401 && isRestPath(path)) return 'anonymous';
  return headerValues(ex.responseHeaders, 'set-cookie').some((line) => parseSetCookie(line, ex.time)?.loginState === 'lout') ? 'anonymous' : null;
}
