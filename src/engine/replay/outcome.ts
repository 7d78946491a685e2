/**
 * What a replay (or the original request) answered, in the terms the comparison needs: status, who the
 * server took the caller for, the login reason, the challenge, the body size and a Jira search total.
 */
import type { Exchange, Finding, FindingCode, Header } from '../types';
import type { ReplayPlan } from './plan';
import { toExchange } from '../intake/to-exchange';
import { analyze } from '../analysis/analyzer';
import { firstHeader, headerValues } from '../exchange/headers';
import { parseAUsername, parseLoginReason } from '../ground/parse/seraph';
import { parseWwwAuthenticate } from '../ground/parse/www-authenticate';
import { credentialsSent } from '../analysis/credentials-sent';

export interface ReplayOutcome {
  status: number;
  /** The X-AUSERNAME user, 'anonymous', or null when the header was absent. */
  user: string | null;
  loginReason: string | null;
  /** Challenge schemes of WWW-Authenticate, e.g. "Basic"; null when there was none. */
  challenge: string | null;
  /** Bytes of the body (UTF-8); null when unknown. */
  bodySize: number | null;
  /** `total` of a Jira JSON search answer. */
  searchTotal: number | null;
  /** Something the numbers do not say (a redirect not followed, a network error). */
  note?: string;
}

export interface ReplayResponse {
  status: number;
  /** fetch() Response.type: 'opaqueredirect' for a redirect not followed. */
  type?: string;
  /**
   * For a redirect not followed: its Location, resolved against the request URL, when the browser let the
   * extension see it (fetch hides a manual redirect's headers; the worker reads them from webRequest).
   */
  location?: string;
  headers: Header[];
  bodyText: string | null;
  /**
   * Names of the cookies the browser put on a replay with its cookies, as webRequest showed them (never a
   * value); absent when the browser did not show them. A replay without the browser's cookies sent none.
   */
  cookiesSent?: string[];
}

/** What the row says for a replay whose cookies the browser added without showing them. */
export const UNSEEN_COOKIES = 'browser cookies (not visible to the extension)';

/**
 * Codes whose rules decide on the cookies a request carried (a session cookie sent, or none at all): on a
 * replay whose cookies the browser hid, the engine would judge a request it did not see, so they are left out.
 */
const DECIDED_ON_SENT_COOKIES: ReadonlySet<FindingCode> = new Set(['auth-required-no-challenge', 'session-expired', 'silent-anonymous']);

export function outcomeFromResponse(r: ReplayResponse, origin?: string): ReplayOutcome {
  const base = outcomeOfHeaders(r.status, r.headers);
  if (r.type === 'opaqueredirect') return { ...base, note: redirectNote(r.location, origin) };
  return { ...base, bodySize: r.bodyText === null ? null : new TextEncoder().encode(r.bodyText).length, searchTotal: searchTotalOf(r.bodyText) };
}

/** What the replay says about a redirect it stopped at; `origin` is the replayed request's own. */
export function redirectNote(location: string | undefined, origin?: string): string {
  if (!location) return 'Redirect not followed: a replay stops at the first answer, so neither cookies nor typed credentials go anywhere else (the browser did not show where it pointed).';
  let other = false;
  try {
    other = origin !== undefined && new URL(location).origin !== origin;
  } catch {
    other = true;
  }
  return other
    ? `Redirect not followed, to another origin: Location ${location}. Following it would send that origin's cookies.`
    : `Redirect not followed: Location ${location}. A replay stops at the first answer, like the captured request.`;
}

/** The original captured request, for the first row of the comparison. */
export function outcomeOfExchange(ex: Exchange): ReplayOutcome {
  const base = outcomeOfHeaders(ex.status, ex.responseHeaders);
  const length = Number(firstHeader(ex.responseHeaders, 'content-length'));
  return { ...base, bodySize: Number.isFinite(length) && length > 0 ? length : null, searchTotal: ex.bodyFacts?.searchTotal ?? null };
}

function outcomeOfHeaders(status: number, headers: readonly Header[]): ReplayOutcome {
  const au = firstHeader(headers, 'x-ausername');
  const parsed = au === null ? null : parseAUsername(au);
  const reason = parseLoginReason(headerValues(headers, 'x-seraph-loginreason'));
  const schemes = parseWwwAuthenticate(headerValues(headers, 'www-authenticate')).map((c) => c.scheme);
  return {
    status,
    user: parsed === null ? null : parsed.anonymous ? 'anonymous' : parsed.user,
    loginReason: reason.all.length ? reason.all.join(', ') : null,
    challenge: schemes.length ? schemes.join(', ') : null,
    bodySize: null,
    searchTotal: null,
  };
}

/** `"total": N` of a Jira search answer; null for anything else (never parses more than it must). */
function searchTotalOf(body: string | null): number | null {
  if (!body || body.length > 50_000_000 || !body.trimStart().startsWith('{')) return null;
  try {
    const json = JSON.parse(body) as { total?: unknown; issues?: unknown };
    return typeof json.total === 'number' && Array.isArray(json.issues) ? json.total : null;
  } catch {
    return null;
  }
}

/**
 * The replay as the engine sees any captured exchange: through toExchange (a typed Authorization is redacted
 * like any other), carrying the cookies it really carried. `cookiesSeen` is false when the browser added
 * its cookies without showing them: then the engine does not know what was sent.
 */
function replayExchange(plan: ReplayPlan, r: ReplayResponse, time: number): { ex: Exchange; cookiesSeen: boolean } {
  const mimeType = firstHeader(r.headers, 'content-type') ?? '';
  const ex = toExchange({
    index: 0, id: 'replay', time, method: plan.method, url: plan.url, status: r.status,
    requestHeaders: plan.headers, responseHeaders: r.headers,
    ...(r.bodyText !== null ? { responseBody: { text: r.bodyText, mimeType } } : {}),
  });
  if (plan.credentials === 'omit') return { ex: { ...ex, cookiesSent: [] }, cookiesSeen: true };
  return r.cookiesSent === undefined ? { ex, cookiesSeen: false } : { ex: { ...ex, cookiesSent: [...r.cookiesSent] }, cookiesSeen: true };
}

/** What a replay really sent, as far as the extension could see it. */
export interface ReplaySent {
  /**
   * In the detail's words: "browser cookies: session cookie JSESSIONID", "Basic as fred", "none", or
   * UNSEEN_COOKIES where the browser hid its cookies (never "none" for cookies nobody saw).
   */
  text: string;
  /** Whether a session cookie went; null when the browser hid its cookies. */
  sessionCookieSent: boolean | null;
}

export function replaySent(plan: ReplayPlan, r: ReplayResponse): ReplaySent {
  const { ex, cookiesSeen } = replayExchange(plan, r, 0);
  if (!cookiesSeen) return { text: UNSEEN_COOKIES, sessionCookieSent: null };
  const sent = credentialsSent(ex);
  const text = plan.credentials === 'include' ? `browser cookies: ${sent.sessionCookies.length ? sent.summary : 'no session cookie'}` : sent.summary;
  return { text, sessionCookieSent: sent.sessionCookies.length > 0 };
}

/**
 * The engine's findings for a replay, analysed like any captured exchange (on its own: rules that need
 * the tab's history speak through the comparison instead), from what the replay really sent.
 */
export function replayFindings(plan: ReplayPlan, r: ReplayResponse, time: number): Finding[] {
  if (r.type === 'opaqueredirect' || r.status === 0) return [];
  const { ex, cookiesSeen } = replayExchange(plan, r, time);
  const findings = analyze([ex]).findings;
  return cookiesSeen ? findings : findings.filter((f) => !DECIDED_ON_SENT_COOKIES.has(f.code));
}
