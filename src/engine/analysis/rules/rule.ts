/**
 * The uniform contract of an analysis rule: one file per finding code (findings.md), each a pure check
 * of one exchange against its origin's state as it was before this exchange.
 */
import type { Finding, FindingCode, OriginInfo, Severity } from '../../types';
import type { ExchangeFacts } from '../facts';
import type { SessionTracker } from '../sessions';
import { isLoginOnlyCookie } from '../../ground/atlassian';
import type { SsoOriginState, SsoTrail } from '../sso-state';

export interface OriginState {
  info: OriginInfo;
  sessions: SessionTracker;
  /**
   * The user the origin last named for a cookie session (X-AUSERNAME of a request without Authorization,
   * the session endpoint, a login); null when none or logged out. Basic or Bearer requests name their
   * user for that request only, so they do not count as being signed in.
   */
  lastUser: string | null;
  /** A logout (or server-cleared session cookie) happened and nobody signed in since. */
  loggedOut: boolean;
  /** The header this origin names its callers with (X-AUSERNAME on Server/DC, X-AACCOUNTID on Cloud), once it did. */
  namesCallersBy: 'x-ausername' | 'x-aaccountid' | null;
  /**
   * Answers that named nobody where the origin names its callers, held back as silent-anonymous until a
   * second signal confirms the session is gone (a strong anonymous answer, a /rest 401): alone, a missing
   * header is too weak to raise an error on. Dropped when the origin names the user again. Bounded.
   */
  suspects: Suspect[];
  /** Since the last sign-in, the origin has said plainly that the session is gone: weak signals count at once. */
  sessionGoneConfirmed: boolean;
  /** Single sign-on of this origin (analysis/sso.ts). */
  sso: SsoOriginState;
  /** Trips to the IdP and back, shared by every Atlassian origin of the analysis (one object). */
  ssoTrail: SsoTrail;
}

/** A held silent-anonymous finding and the sessions it would mark. */
export interface Suspect {
  finding: Finding;
  time: number;
  cookies: string[];
}

export interface RuleContext {
  f: ExchangeFacts;
  origin: OriginState;
}

export interface Verdict {
  /** One sentence: what happened. */
  message: string;
  /** One sentence: what to do. */
  fix: string;
  /** Held until a second signal confirms it (OriginState.suspects); raised with it, at its own entry. */
  held?: boolean;
}

export interface Rule {
  code: FindingCode;
  severity: Severity;
  check(ctx: RuleContext): Verdict | null;
}

/** `GET /issues/?jql=project%3DABC`, shortened for sentences. */
export function requestLabel(f: ExchangeFacts): string {
  const q = f.ex.url.indexOf('?');
  const query = q < 0 ? '' : f.ex.url.slice(q);
  const target = f.path + (query.length > 60 ? query.slice(0, 57) + '…' : query);
  return `${f.ex.method} ${target}`;
}

/** Why this request should have been served as a signed-in user. */
export interface SignInExpectation {
  /** Session cookies the request carried that stood for a signed-in user. */
  cookies: string[];
  /** Whose session it was, where known. */
  owner: string | null;
}

/**
 * Whether the browser had reason to believe it was signed in on this request, from the origin's history:
 * - never after a logout (or a server-cleared session cookie) that no sign-in followed;
 * - a session cookie counts when its session was seen signed in, or when its name exists only after a
 *   login (remember-me, Cloud and Crowd tokens); never when the server gave or showed it to an anonymous
 *   visitor. A JSESSIONID never seen before is a visitor's cookie as often as a user's: it counts only when
 *   `unknownJsession` says so;
 * - or the origin named a signed-in user and nobody logged out since.
 * Null when nothing says the request should have been signed in.
 */
export function expectedSignIn(f: ExchangeFacts, origin: OriginState, unknownJsession: boolean): SignInExpectation | null {
  if (origin.loggedOut) return null;
  const cookies = f.sessionCookiesSent.filter((name) => {
    const s = origin.sessions.liveSession(name);
    if (s?.user) return true;
    if (s?.anonymousVisitor) return false;
    return isLoginOnlyCookie(name) || unknownJsession;
  });
  if (cookies.length === 0 && origin.lastUser === null) return null;
  const owner = cookies.map((n) => origin.sessions.liveSession(n)?.user).find((u) => u) ?? origin.lastUser;
  return { cookies, owner };
}

/** ", which had expired at 2026-11-24T10:05:00Z" when a sent session's own expiry had passed; else ''. */
export function expiryNote(f: ExchangeFacts, origin: OriginState, cookies: readonly string[]): string {
  for (const name of cookies) {
    const expires = origin.sessions.liveSession(name)?.expires;
    if (expires != null && expires <= f.ex.time) return `, which had expired at ${new Date(expires).toISOString().replace('.000Z', 'Z')}`;
  }
  return '';
}

export function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
