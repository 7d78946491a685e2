/**
 * "Where do I stand?" per Atlassian origin, for the toolbar badge and the popup: signed in as whom,
 * anonymous, session expiring, expired (or silently anonymous), login failed, CAPTCHA.
 *
 * Derived from an AnalysisResult at a given `now`, so the same state reads the same in the worker, the
 * popup and tests, and a countdown can move on without new traffic. The newest signal wins: a login after
 * a CAPTCHA clears it, an expiry after a login shows.
 */
import type { AnalysisResult, Finding, FindingCode, OriginInfo, SessionInfo } from '../types';
import { countdown, sessionEnd, sessionState, SESSION_EXPIRING_SOON_MS } from './explain';
import { urlParts } from '../ground/atlassian';
import { plural } from './plural';
import { groupFindings, groupLine, summarizeGroup, type FindingGroupSummary } from './finding-groups';

export type AuthStatusKind = 'signed-in' | 'anonymous' | 'expiring' | 'expired' | 'login-failed' | 'captcha';

export interface OriginStatus {
  origin: string;
  deployment: OriginInfo['deployment'];
  product: OriginInfo['product'];
  kind: AuthStatusKind;
  /** The signed-in user (signed-in, expiring) or whose session ended (expired); null when unknown. */
  user: string | null;
  /** The session cookie the status rests on, if any. */
  session: SessionInfo | null;
  /**
   * The origin's most severe finding groups, worst first (at most 3): after an expiry the pages served as
   * anonymous and the refused REST calls, not whichever findings came last.
   */
  groups: FindingGroupSummary[];
  /** Findings of the origin in groups left out of `groups`. */
  moreFindings: number;
}

/** Worst first: the tab shows the worst state of its origins. */
export const STATUS_PRIORITY: readonly AuthStatusKind[] = ['captcha', 'login-failed', 'expired', 'expiring', 'anonymous', 'signed-in'];

/** Findings that, when newer than the last login, decide the state. */
const ALERTS: Partial<Record<FindingCode, AuthStatusKind>> = {
  'captcha-required': 'captcha',
  'login-failed': 'login-failed',
  // Refused tokens and passwords are failed logins, whether or not Seraph said AUTHENTICATED_FAILED.
  'cloud-token-refused': 'login-failed',
  'cloud-password-basic': 'login-failed',
  'token-wrong-scheme': 'login-failed',
  'session-expired': 'expired',
  'silent-anonymous': 'expired',
};
/** Findings that end a session on purpose: anonymous afterwards is expected. */
const ENDINGS = new Set<FindingCode>(['logged-out', 'session-cookie-cleared']);

const TOP_GROUPS = 3;

export function originStatuses(result: AnalysisResult, now: number): OriginStatus[] {
  // urlParts is how the analyzer names origins, so the keys match OriginInfo.origin exactly.
  const findingsOf = groupBy(result.findings, (f) => urlParts(f.url)?.origin ?? null);
  const sessionsOf = groupBy(result.sessions, (s) => s.origin);
  return result.origins
    .filter((o) => o.atlassian)
    .map((o) => statusOf(o, sessionsOf.get(o.origin) ?? [], findingsOf.get(o.origin) ?? [], now));
}

function statusOf(info: OriginInfo, sessions: SessionInfo[], findings: Finding[], now: number): OriginStatus {
  const alert = latest(findings.filter((f) => ALERTS[f.code]));
  const ending = latest(findings.filter((f) => ENDINGS.has(f.code)));
  const groups = groupFindings(findings);
  const top = groups.slice(0, TOP_GROUPS);
  const moreFindings = groups.slice(TOP_GROUPS).reduce((n, g) => n + g.findings.length, 0);
  const base = { origin: info.origin, deployment: info.deployment, product: info.product, groups: top.map(summarizeGroup), moreFindings };

  // The newest session someone was signed in with (sessions a server gave anonymous visitors name nobody).
  const current = latestBy(sessions.filter((s) => s.user !== null), startOf);
  if (current) {
    const start = startOf(current);
    const state = sessionState(current, now);
    const newer = start > (alert?.entry ?? -1) && start > (ending?.entry ?? -1);
    if (newer && state !== 'cleared') {
      // 'anonymous': the server stopped knowing the session without a logout, as good as expired.
      const kind = state === 'expired' || state === 'anonymous' ? 'expired' : state === 'expiring' ? 'expiring' : 'signed-in';
      return { ...base, kind, user: current.user, session: current };
    }
  }
  if (alert && alert.entry > (ending?.entry ?? -1)) {
    const kind = ALERTS[alert.code]!;
    const user = kind === 'expired' ? (current?.user ?? null) : null;
    return { ...base, kind, user, session: kind === 'expired' ? (current ?? null) : null };
  }
  return { ...base, kind: 'anonymous', user: null, session: null };
}

/** The worst status of a tab's origins, or null when the tab has no Atlassian origin. */
export function worstStatus(statuses: readonly OriginStatus[]): OriginStatus | null {
  let worst: OriginStatus | null = null;
  for (const s of statuses) {
    if (!worst || STATUS_PRIORITY.indexOf(s.kind) < STATUS_PRIORITY.indexOf(worst.kind)) worst = s;
  }
  return worst;
}

/** One sentence for a tooltip or the popup. */
export function statusText(s: OriginStatus, now: number): string {
  const host = hostOf(s.origin);
  const email = s.session?.token?.email;
  // Cloud names accounts by id: the token's e-mail says who that is.
  const who = s.user ? (email && email !== s.user ? `${email} (${s.user})` : s.user) : (email ?? 'an unknown user');
  switch (s.kind) {
    case 'signed-in':
      return `Signed in to ${host} as ${who}.`;
    case 'expiring': {
      const end = s.session ? sessionEnd(s.session) : null;
      const left = end !== null ? countdown(end, now) : null;
      return `The session of ${who} on ${host} expires ${left ? `in ${left}` : 'now'}.`;
    }
    case 'expired':
      return `Session expired on ${host}: pages are served to you as anonymous. Sign in again.`;
    case 'login-failed':
      return `Login failed on ${host}: check the user name and password (Cloud: email and API token).`;
    case 'captcha':
      return `CAPTCHA required on ${host}: logins outside the login page are refused until you sign in there.`;
    case 'anonymous':
      return `Not signed in to ${host} (anonymous).`;
  }
}

/**
 * The next moment a status changes by time alone (a session entering its last 5 minutes, or expiring),
 * so the badge can be refreshed then; null when nothing is waiting on the clock.
 */
export function nextStatusChange(statuses: readonly OriginStatus[], now: number): number | null {
  let next: number | null = null;
  for (const s of statuses) {
    const expires = s.session ? sessionEnd(s.session) : null;
    if (expires === null || (s.kind !== 'signed-in' && s.kind !== 'expiring')) continue;
    for (const t of [expires - SESSION_EXPIRING_SOON_MS, expires]) {
      if (t > now && (next === null || t < next)) next = t;
    }
  }
  return next;
}

/**
 * A short plain-text summary to paste into a support ticket. It holds only what the engine keeps
 * (names, states, finding texts), never a cookie value or a credential.
 */
export function diagnosticSummary(statuses: readonly OriginStatus[], now: number): string {
  const lines = [`Seraph Lens diagnostic, ${new Date(now).toISOString()}`];
  if (statuses.length === 0) lines.push('No Atlassian traffic captured in this tab.');
  for (const s of statuses) {
    lines.push('', `${s.origin} (${s.product === 'unknown' ? '' : `${s.product} `}${s.deployment}): ${s.kind}`, `  ${statusText(s, now)}`);
    if (s.session) {
      const { expires, tokenExpires, token } = s.session;
      const expiry =
        expires !== null ? `expires ${new Date(expires).toISOString()}`
        : tokenExpires !== null ? `browser-session cookie whose token expires ${new Date(tokenExpires).toISOString()}`
        : 'browser-session cookie';
      const email = token?.email ? ` (${token.email})` : '';
      lines.push(`  session cookie ${s.session.cookie} of ${s.session.user ?? 'unknown user'}${email}, ${expiry}`);
    }
    for (const g of s.groups) lines.push(`  [${g.severity}] ${g.code}, ${groupLine(g)}. ${g.message} Fix: ${g.fix}`);
    if (s.moreFindings) lines.push(`  and ${plural(s.moreFindings, 'more finding')} (see the panel)`);
  }
  return lines.join('\n');
}

// ---- helpers -------------------------------------------------------------------------------------

/** Where a session (re)started: its newest issue or renewal, else the first time it was seen. */
function startOf(s: SessionInfo): number {
  let start = -1;
  for (const e of s.events) if (e.kind === 'issued' || e.kind === 'renewed') start = Math.max(start, e.entry);
  if (start >= 0) return start;
  return s.events[0]?.entry ?? s.issuedEntry ?? s.lastSentEntry ?? -1;
}

function latest(findings: Finding[]): Finding | undefined {
  return latestBy(findings, (f) => f.entry);
}

function latestBy<T>(items: readonly T[], key: (x: T) => number): T | undefined {
  let best: T | undefined;
  for (const x of items) if (best === undefined || key(x) >= key(best)) best = x;
  return best;
}

function groupBy<T>(items: readonly T[], key: (x: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === null) continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(x);
  }
  return out;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
