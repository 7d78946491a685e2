/**
 * The story of each Atlassian origin of a tab, for the panel's header: who you are now, since when, what
 * went wrong and when, with the engine's exact times, one line per state change, newest first.
 *
 *   "Signed in as fred at 10:02 (cookie JSESSIONID); the session expired at 10:42, then 3 pages served as
 *    anonymous and 2 REST calls refused (401)"  Fix: Sign in again.  → Signed in again at 10:50.
 *
 * Sentences a person would say, and one time per fact: the time sits where the fact is told, never twice.
 *
 * Built from what the analyzer already produced (sessions, findings) and the exchanges' times; pure data,
 * no browser APIs. Times: a session's end is `sessionEnd()` (the cookie's expiry, else its token's exp),
 * not the first anonymous page; a session the server forgot before its expiry ends where the server first
 * answered as anonymous (the earliest moment known). A sign-in resolves the trouble before it; a logout is
 * not trouble. Failed logins, CAPTCHAs and authorisation failures name the account the request named (the
 * Basic user, the login form's or REST login's user name, X-AUSERNAME): never a password, which the
 * engine never holds.
 */
import type { Exchange, Finding, FindingCode, SessionInfo, SessionSso } from '../types';
import { sessionEnd } from './explain';
import { urlParts } from '../ground/atlassian';
import { parseAUsername } from '../ground/parse/seraph';
import { plural } from './plural';
import { firstHeader } from '../exchange/headers';
import { ssoIdpName } from './sso';
import { mixedLogins, type MixedExchange, type MixedLogin } from './story-mixed';

/** A piece of a story line. `name` is server-controlled (user or cookie names): the UI escapes it. */
export type StoryPart =
  | { kind: 'text'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'time'; time: number; entry: number | null }
  /** "3 pages served as anonymous" and the first of its entries. */
  | { kind: 'entries'; text: string; entries: number[]; count: number };

export type StorySeverity = 'error' | 'warning' | 'info' | 'ok';

export type StoryKind = 'session' | 'anonymous' | 'logout' | 'mixed-signals' | 'captcha-required' | 'login-failed' | 'authorisation-failed' | 'cloud-basic-auth-username' | SsoCode | TokenCode;

/** Single sign-on that did not sign anyone in: told as a failed login, in the SSO finding's words. */
type SsoCode = Extract<FindingCode, `sso-${string}`>;
/** "Single sign-on for fred <verb> at 10:02<reason>". */
const SSO_HEADS: Record<SsoCode, { verb: string; reason: string }> = {
  'sso-failed': { verb: ' failed', reason: ': the identity provider did not sign you in' },
  'sso-assertion-expired': { verb: ' was refused', reason: ': the assertion had expired' },
  'sso-clock-skew': { verb: ' was refused', reason: ": the identity provider's and the server's clocks disagree" },
  'sso-audience-mismatch': { verb: ' was refused', reason: ': the assertion is for another site (audience)' },
  'sso-destination-mismatch': { verb: ' was refused', reason: ': the response names another consumer URL (destination)' },
  'sso-loop': { verb: ' went round in a loop', reason: ': the site sent the browser back to the identity provider without a session' },
  'sso-user-unknown': { verb: ' was accepted', reason: ', but no user of the site matched' },
  'sso-policy-mismatch': { verb: ' was refused by Atlassian', reason: ": the identity provider's email or the authentication policy does not match" },
};

/**
 * Tokens, OAuth and Application Links: a sentence around the account and the time, in plain words
 * ("An API token for fred@example.com was refused at 10:02: it has probably expired, …").
 */
type TokenCode = 'cloud-token-refused' | 'cloud-password-basic' | 'scope-mismatch' | 'token-wrong-scheme' | 'oauth-refresh-rejected' | 'applink-oauth-problem';
const TOKEN_HEADS: Record<TokenCode, { lead: string; verb: string; reason: string }> = {
  'cloud-token-refused': { lead: 'An API token', verb: ' was refused at ', reason: ': it has probably expired (they last a year at most), or a scoped token was sent to the site instead of api.atlassian.com' },
  'cloud-password-basic': { lead: 'A password sent as Basic auth', verb: ' was refused at ', reason: ': Atlassian Cloud only takes an API token there' },
  'scope-mismatch': { lead: 'A token', verb: ' was refused at ', reason: ': it lacks a scope this call needs, or a scoped token went to the site host' },
  'token-wrong-scheme': { lead: 'A token', verb: ' was sent with the wrong scheme at ', reason: ' (Cloud API tokens go in Basic email:token; Data Center PATs in Bearer)' },
  'oauth-refresh-rejected': { lead: "An app's OAuth refresh token", verb: ' was refused at ', reason: ' (invalid_grant): the user must authorize the app again' },
  'applink-oauth-problem': { lead: 'An Application Link call', verb: ' was refused by OAuth at ', reason: '' },
};

export interface StoryLine {
  origin: string;
  kind: StoryKind;
  /** 'ok' for a live sign-in, 'info' for what ended on purpose or was resolved later. */
  severity: StorySeverity;
  /** When the line's state began (its order); `lastTime` when its last event happened. */
  time: number;
  lastTime: number;
  parts: StoryPart[];
  /** What to do; null when nothing is wrong (or it was resolved). */
  fix: string | null;
  /** The sign-in that ended the trouble, if one followed; `user` null when the same account signed in again. */
  resolved: { time: number; entry: number | null; user: string | null } | null;
  /** The account a failure line is about ('' never: null when the request did not name one). */
  account?: string | null;
}

export interface OriginStory {
  origin: string;
  /** Newest first; the first is the current state. */
  lines: StoryLine[];
}

export interface StoryInput {
  exchanges: readonly (Pick<Exchange, 'index' | 'time' | 'url' | 'credentials' | 'bodyFacts' | 'responseHeaders' | 'sso'> & MixedExchange)[];
  findings: readonly Finding[];
  sessions: readonly SessionInfo[];
  now: number;
  /** Logins with mixed signals, when a streaming reader read them as the file went by (else read from `exchanges`). */
  mixed?: readonly MixedLogin[];
}

/** Entries named per count ("#8, #10, #11"): the rest are in the findings list. */
export const STORY_ENTRIES = 5;
/** Names longer than this are cut (a hostile header must not fill the screen). */
export const MAX_NAME = 80;

const FAILURE_CODES: ReadonlySet<FindingCode> = new Set(['captcha-required', 'login-failed', 'authorisation-failed', 'cloud-basic-auth-username', ...(Object.keys(SSO_HEADS) as SsoCode[]), ...(Object.keys(TOKEN_HEADS) as TokenCode[])]);
/** Codes that name the cause of a failed login more exactly: where one is raised, login-failed of that entry is not told again. */
const SPECIFIC_LOGIN_FAILURES: ReadonlySet<FindingCode> = new Set(['cloud-token-refused', 'cloud-password-basic', 'scope-mismatch', 'token-wrong-scheme']);

type EndHow = 'expired' | 'forgotten' | 'logout' | 'cleared' | 'replaced';

interface Interval {
  session: SessionInfo;
  user: string;
  start: number;
  startEntry: number | null;
  end: { time: number; entry: number | null; how: EndHow } | null;
}

interface Period {
  user: string;
  email: string | null;
  cookies: string[];
  start: number;
  startEntry: number | null;
  end: Interval['end'];
  /** The latest session end of this period's sessions, for "expires at" while it is live. */
  expires: number | null;
  pages: number[];
  refused: number[];
  lastTime: number;
  /** The single sign-on that created its first SSO session, if one did. */
  sso: SessionSso | null;
}

/** The story of every origin that has sessions or story findings, origins in first-seen order. */
export function buildStory(input: StoryInput): OriginStory[] {
  const byEntry = new Map<number, StoryInput['exchanges'][number]>();
  const wanted = new Set<number>();
  for (const f of input.findings) wanted.add(f.entry);
  for (const ex of input.exchanges) if (wanted.has(ex.index)) byEntry.set(ex.index, ex);
  const timeOf = (entry: number, fallback: number) => byEntry.get(entry)?.time ?? fallback;

  const origins: string[] = [];
  const sessionsOf = new Map<string, SessionInfo[]>();
  const findingsOf = new Map<string, Finding[]>();
  const note = (o: string) => {
    if (!sessionsOf.has(o)) {
      origins.push(o);
      sessionsOf.set(o, []);
      findingsOf.set(o, []);
    }
  };
  for (const s of input.sessions) {
    note(s.origin);
    sessionsOf.get(s.origin)!.push(s);
  }
  const mixedOf = new Map<string, MixedLogin[]>();
  for (const m of input.mixed ?? mixedLogins(input.exchanges)) {
    note(m.origin);
    mixedOf.set(m.origin, [...(mixedOf.get(m.origin) ?? []), m]);
  }
  for (const f of input.findings) {
    if (!isStoryCode(f.code)) continue;
    const o = urlParts(f.url)?.origin;
    if (!o) continue;
    note(o);
    findingsOf.get(o)!.push(f);
  }
  const out: OriginStory[] = [];
  for (const origin of origins) {
    const findings = findingsOf.get(origin)!.slice().sort((a, b) => a.entry - b.entry);
    const lines = originStory(origin, sessionsOf.get(origin)!, findings, mixedOf.get(origin) ?? [], input.now, timeOf, byEntry);
    if (lines.length) out.push({ origin, lines });
  }
  return out;
}

function isStoryCode(code: FindingCode): boolean {
  return code === 'silent-anonymous' || code === 'session-expired' || code === 'logged-out' || FAILURE_CODES.has(code);
}

function originStory(
  origin: string,
  sessions: readonly SessionInfo[],
  findings: readonly Finding[],
  mixed: readonly MixedLogin[],
  now: number,
  timeOf: (entry: number, fallback: number) => number,
  byEntry: ReadonlyMap<number, StoryInput['exchanges'][number]>,
): StoryLine[] {
  const logoutEntries = new Set(findings.filter((f) => f.code === 'logged-out').map((f) => f.entry));
  const failedLoginEntries = new Set(findings.filter((f) => f.code === 'login-failed').map((f) => f.entry));
  const specificEntries = new Set(findings.filter((f) => SPECIFIC_LOGIN_FAILURES.has(f.code)).map((f) => f.entry));
  const periods = signInPeriods(sessions, now, logoutEntries);
  const lines: StoryLine[] = [];
  let orphan: StoryLine | null = null;
  const orphans = new Map<StoryLine, { pages: number[]; refused: number[] }>();
  let failure: { line: StoryLine; code: FindingCode; account: string | null; count: number } | null = null;
  // The latest period started at or before t (periods are in start order): a binary search, for long logs.
  const periodAt = (t: number): Period | null => {
    let lo = 0;
    let hi = periods.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (periods[mid]!.start <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? periods[lo - 1]! : null;
  };

  for (const f of findings) {
    const t = timeOf(f.entry, now);
    if (f.code === 'silent-anonymous' || f.code === 'session-expired') {
      // The sign-in the browser still believed in; without one (the capture began later), a line of its own.
      const p = periodAt(t);
      if (p && !(p.end?.how === 'logout' && p.end.time <= t)) {
        (f.code === 'silent-anonymous' ? p.pages : p.refused).push(f.entry);
        p.lastTime = Math.max(p.lastTime, t);
        continue;
      }
      if (!orphan || (p && p.start > orphan.time)) {
        orphan = { origin, kind: 'anonymous', severity: 'error', time: t, lastTime: t, parts: [], fix: 'Sign in again.', resolved: null };
        orphans.set(orphan, { pages: [], refused: [] });
        lines.push(orphan);
      }
      const o = orphans.get(orphan)!;
      (f.code === 'silent-anonymous' ? o.pages : o.refused).push(f.entry);
      orphan.lastTime = t;
      continue;
    }
    if (f.code === 'logged-out') {
      // A logout that ended a sign-in is told on that line; one without a known sign-in gets its own.
      if (periods.some((p) => p.end?.how === 'logout' && p.end.entry === f.entry)) continue;
      lines.push({
        origin, kind: 'logout', severity: 'info', time: t, lastTime: t, fix: null, resolved: null,
        parts: [{ kind: 'text', text: 'Signed out at ' }, { kind: 'time', time: t, entry: f.entry }, { kind: 'text', text: ' (anonymous from then on, as intended)' }],
      });
      continue;
    }
    // Failures: a run of the same failure for the same account is one line.
    if (f.code === 'cloud-basic-auth-username' && (failedLoginEntries.has(f.entry) || specificEntries.has(f.entry))) continue;
    if (f.code === 'login-failed' && specificEntries.has(f.entry)) continue;
    const account = accountOf(f, byEntry.get(f.entry));
    const since = failure ? periods.some((p) => p.start > failure!.line.time && p.start <= t) : true;
    if (failure && !since && failure.code === f.code && failure.account === account) {
      failure.count++;
      failure.line.lastTime = t;
      failure.line.parts = failureParts(f.code, account, failure.line.time, firstEntryOf(failure.line), failure.count, t, f.entry);
      continue;
    }
    const line: StoryLine = {
      origin, kind: f.code as StoryKind, severity: f.severity === 'error' ? 'error' : 'warning', time: t, lastTime: t,
      parts: failureParts(f.code, account, t, f.entry, 1, t, f.entry), fix: f.fix, resolved: null, account,
    };
    failure = { line, code: f.code, account, count: 1 };
    lines.push(line);
  }

  for (const [line, o] of orphans) {
    line.parts = [
      { kind: 'text', text: 'From ' },
      { kind: 'time', time: line.time, entry: o.pages[0] ?? o.refused[0] ?? null },
      { kind: 'text', text: ' the server answered as anonymous although the browser sent a session cookie (its sign-in came before this recording)' },
      ...consequences(o.pages, o.refused, ': '),
    ];
  }
  // A mixed login whose session the engine or a later answer named is told by that sign-in's line.
  for (const m of mixed) if (m.later !== 'named' && !periods.some((p) => p.startEntry === m.entry)) lines.push(mixedLine(origin, m));
  const periodOf = new Map<StoryLine, Period>();
  for (const p of periods) {
    const line = periodLine(origin, p, now);
    periodOf.set(line, p);
    lines.push(line);
  }
  // A later sign-in resolves the trouble before it (a session's trouble: a sign-in after its end).
  for (const line of lines) {
    if (line.fix === null) continue;
    const own = periodOf.get(line);
    const after = own ? (own.end?.time ?? Infinity) : line.lastTime;
    const next = periods.find((p) => p !== own && p.start >= after && p.start > line.time);
    if (!next) continue;
    const same = own ? own.user === next.user : line.account !== undefined && line.account === next.user;
    line.resolved = { time: next.start, entry: next.startEntry, user: same ? null : cut(displayUser(next)) };
    line.severity = 'info';
    line.fix = null;
  }
  return lines.sort((a, b) => b.time - a.time || b.lastTime - a.lastTime);
}

/**
 * "REST login at 16:20 answered 200 and set the session cookies JSESSIONID, studio.crowd.tokenkey, but the same
 * answer's XSRF cookie says signed out (lout). The login wins: …"
 */
function mixedLine(origin: string, m: MixedLogin): StoryLine {
  const { xsrf, ausername } = m.says;
  const conflict = ausername && xsrf ? ' names the user anonymous and its XSRF cookie says signed out (lout)' : ausername ? ' names the user anonymous' : "'s XSRF cookie says signed out (lout)";
  const parts: StoryPart[] = [
    { kind: 'text', text: m.rest ? 'REST login' : 'Login' },
    ...(m.account === null ? [] : [{ kind: 'text', text: ' for ' } as const, { kind: 'name', text: cut(m.account) } as const]),
    { kind: 'text', text: ' at ' },
    { kind: 'time', time: m.time, entry: m.entry },
    { kind: 'text', text: ` answered ${m.status} and set the session ${m.cookies.length > 1 ? 'cookies' : 'cookie'} ` },
    { kind: 'name', text: cut(m.cookies.join(', ')) },
    { kind: 'text', text: `, but the same answer${conflict}.` },
  ];
  const base = { origin, kind: 'mixed-signals' as const, time: m.time, resolved: null, account: m.account };
  if (m.later !== null && m.later !== 'named') {
    parts.push(
      { kind: 'text', text: ' The anonymous signal wins: the next request with these cookies, at ' },
      { kind: 'time', time: m.later.time, entry: m.later.entry },
      { kind: 'text', text: ', was answered as anonymous too, so the new session did not hold' },
    );
    return {
      ...base, severity: 'error', lastTime: m.later.time, parts,
      fix: "Sign in again. If the next request is anonymous again, the server does not keep the new session: compare the session cookie's Domain and Path with the site's address, and check sticky sessions on the load balancer.",
    };
  }
  const made = ausername && xsrf ? 'both' : ausername ? 'that user name' : 'that XSRF token';
  parts.push({ kind: 'text', text: ` The login wins: the server made ${made} while the login ran, before its new session existed` });
  if (m.account === null) parts.push({ kind: 'text', text: '; no answer has named the user yet' });
  return { ...base, severity: 'warning', lastTime: m.time, parts, fix: null };
}

function firstEntryOf(line: StoryLine): number | null {
  const t = line.parts.find((x) => x.kind === 'time');
  return t && t.kind === 'time' ? t.entry : null;
}

function failureParts(code: FindingCode, account: string | null, first: number, firstEntry: number | null, count: number, last: number, lastEntry: number): StoryPart[] {
  const at = (lead: string): StoryPart[] => [{ kind: 'text', text: lead }, { kind: 'time', time: first, entry: firstEntry }];
  // "(3 times, last at 10:05)": each time once, the run's first where the sentence says when.
  const repeats: StoryPart[] = count > 1 ? [{ kind: 'text', text: ` (${count} times, last at ` }, { kind: 'time', time: last, entry: lastEntry }, { kind: 'text', text: ')' }] : [];
  const unnamed: StoryPart[] = account === null ? [{ kind: 'text', text: ' (the request did not name the account)' }] : [];
  const forWhom: StoryPart[] = account === null ? [] : [{ kind: 'text', text: ' for ' }, { kind: 'name', text: cut(account) }];
  if (code in TOKEN_HEADS) {
    const { lead, verb, reason } = TOKEN_HEADS[code as TokenCode];
    return [{ kind: 'text', text: lead }, ...forWhom, ...at(verb), ...repeats, ...(reason ? [{ kind: 'text', text: reason } as const] : [])];
  }
  if (code === 'authorisation-failed') {
    const who: StoryPart[] = account === null ? [{ kind: 'text', text: 'An account' }] : [{ kind: 'name', text: cut(account) }];
    return [...who, ...at(' signed in at '), ...repeats, { kind: 'text', text: ', but may not use this application' }, ...unnamed];
  }
  if (code === 'captcha-required') return [{ kind: 'text', text: 'Login refused' }, ...forWhom, ...at(' at '), ...repeats, { kind: 'text', text: ': the server wants a CAPTCHA solved first, after too many failed logins' }, ...unnamed];
  if (code === 'cloud-basic-auth-username') {
    const name: StoryPart[] = account === null ? [] : [{ kind: 'text', text: ' (' }, { kind: 'name', text: cut(account) }, { kind: 'text', text: ')' }];
    return [{ kind: 'text', text: 'Atlassian Cloud refused Basic auth with a user name' }, ...name, ...at(' at '), ...repeats, { kind: 'text', text: ': it takes an e-mail address and an API token' }];
  }
  if (code in SSO_HEADS) {
    const { verb, reason } = SSO_HEADS[code as SsoCode];
    return [{ kind: 'text', text: 'Single sign-on' }, ...forWhom, ...at(`${verb} at `), ...repeats, { kind: 'text', text: reason }, ...unnamed];
  }
  return [{ kind: 'text', text: 'Login failed' }, ...forWhom, ...at(' at '), ...repeats, ...unnamed];
}

/** Who a failure's request named: the Basic user, the login form's or REST login's user name, X-AUSERNAME. */
function accountOf(f: Finding, ex: StoryInput['exchanges'][number] | undefined): string | null {
  if (!ex) return null;
  if (ex.credentials?.scheme === 'basic' && ex.credentials.user) return ex.credentials.user;
  if (ex.bodyFacts?.user) return ex.bodyFacts.user;
  if (ex.sso?.saml?.nameId) return ex.sso.saml.nameId; // whom the IdP asserted
  if (f.code === 'authorisation-failed') {
    const named = firstHeader(ex.responseHeaders, 'x-ausername');
    const u = named === null ? null : parseAUsername(named);
    if (u?.user) return u.user;
  }
  return null;
}

/** Sessions that named a user, merged into periods of being signed in (several cookies can carry one sign-in). */
function signInPeriods(sessions: readonly SessionInfo[], now: number, logoutEntries: ReadonlySet<number>): Period[] {
  const intervals: Interval[] = [];
  for (const s of sessions) {
    if (s.user === null || s.events.length === 0) continue;
    const issued = s.events.find((e) => e.kind === 'issued');
    const first = issued ?? s.events[0]!;
    const ends: NonNullable<Interval['end']>[] = [];
    const end = sessionEnd(s);
    if (end !== null && end <= now) ends.push({ time: end, entry: s.events.find((e) => e.kind === 'expired')?.entry ?? null, how: 'expired' });
    const anonymous = s.events.find((e) => e.kind === 'anonymous');
    if (anonymous) ends.push({ time: anonymous.time, entry: anonymous.entry, how: 'forgotten' });
    const cleared = s.clearedEntry === null ? undefined : s.events.find((e) => e.kind === 'cleared' && e.entry === s.clearedEntry);
    if (cleared) ends.push({ time: cleared.time, entry: cleared.entry, how: logoutEntries.has(cleared.entry) ? 'logout' : 'cleared' });
    // The earliest end wins: an expiry before the first anonymous page is when it ended (not the page).
    ends.sort((a, b) => a.time - b.time);
    intervals.push({ session: s, user: s.user, start: first.time, startEntry: issued?.entry ?? first.entry, end: ends[0] ?? null });
  }
  // A session replaced by the next one of its cookie (a new login without a logout) ends there.
  const byCookie = new Map<string, Interval[]>();
  for (const i of intervals) byCookie.set(i.session.cookie, [...(byCookie.get(i.session.cookie) ?? []), i]);
  const allByCookie = new Map<string, SessionInfo[]>();
  for (const s of sessions) allByCookie.set(s.cookie, [...(allByCookie.get(s.cookie) ?? []), s]);
  for (const i of intervals) {
    const later = (allByCookie.get(i.session.cookie) ?? [])
      .filter((s) => s !== i.session && s.events.length > 0)
      .map((s) => ({ s, t: (s.events.find((e) => e.kind === 'issued') ?? s.events[0]!).time }))
      .filter((x) => x.t > i.start)
      .sort((a, b) => a.t - b.t)[0];
    if (later && (i.end === null || later.t < i.end.time)) i.end = { time: later.t, entry: later.s.issuedEntry, how: 'replaced' };
  }

  // Sweep: starts before ends at the same moment (a rotation renews, it does not sign out).
  type Edge = { t: number; start: boolean; i: Interval };
  const edges: Edge[] = [];
  for (const i of intervals) {
    edges.push({ t: i.start, start: true, i });
    if (i.end) edges.push({ t: i.end.time, start: false, i });
  }
  edges.sort((a, b) => a.t - b.t || (a.start === b.start ? 0 : a.start ? -1 : 1));
  const periods: Period[] = [];
  const active = new Set<Interval>();
  let current: Period | null = null;
  for (const e of edges) {
    if (e.start) {
      if (current && current.user !== e.i.user) {
        // Another account signed in over this one.
        current.end = { time: e.t, entry: e.i.startEntry, how: 'replaced' };
        current = null;
        active.clear();
      }
      active.add(e.i);
      if (!current) {
        current = { user: e.i.user, email: null, cookies: [], start: e.t, startEntry: e.i.startEntry, end: null, expires: null, pages: [], refused: [], lastTime: e.t, sso: null };
        periods.push(current);
      }
      const email = e.i.session.token?.email ?? null;
      if (email && email !== current.user) current.email = email;
      if (!current.cookies.includes(e.i.session.cookie)) current.cookies.push(e.i.session.cookie);
      current.sso ??= e.i.session.sso ?? null;
      const end = sessionEnd(e.i.session);
      if (end !== null) current.expires = Math.max(current.expires ?? end, end);
      continue;
    }
    if (!active.delete(e.i)) continue;
    if (active.size === 0 && current) {
      current.end = e.i.end;
      current.lastTime = Math.max(current.lastTime, e.t);
      current = null;
    }
  }
  return periods;
}

function displayUser(p: Period): string {
  return p.email ? `${p.email}` : p.user;
}

function periodLine(origin: string, p: Period, now: number): StoryLine {
  const end = p.end;
  const parts: StoryPart[] = [
    { kind: 'text', text: 'Signed in as ' },
    { kind: 'name', text: cut(displayUser(p)) },
    { kind: 'text', text: end ? ' at ' : ' since ' },
    { kind: 'time', time: p.start, entry: p.startEntry },
  ];
  // "(account 557058:…, cookie tenant.session.token)": which account and which cookies carry the sign-in.
  parts.push({ kind: 'text', text: p.email ? ' (account ' : ' (' });
  if (p.email) parts.push({ kind: 'name', text: cut(p.user) }, { kind: 'text', text: ', ' });
  parts.push({ kind: 'text', text: p.cookies.length > 1 ? 'cookies ' : 'cookie ' }, { kind: 'name', text: cut(p.cookies.join(', ')) }, { kind: 'text', text: ')' });
  if (p.sso) parts.push(...ssoParts(p.sso, p.start));
  let severity: StorySeverity = 'ok';
  let fix: string | null = null;
  const trouble = p.pages.length + p.refused.length > 0;
  if (!end) {
    if (p.expires !== null && p.expires > now) parts.push({ kind: 'text', text: '; the session runs until ' }, { kind: 'time', time: p.expires, entry: null });
  } else {
    const at = { kind: 'time', time: end.time, entry: end.entry } as const;
    const told: Record<EndHow, StoryPart[]> = {
      expired: [{ kind: 'text', text: '; the session expired at ' }, at],
      // The server's own end is unknown: the first anonymous answer is the earliest moment it is known gone.
      forgotten: [{ kind: 'text', text: '; by ' }, at, { kind: 'text', text: ' the server had dropped the session (no sign-out: it timed out or was ended on the server)' }],
      logout: [{ kind: 'text', text: '; signed out at ' }, at],
      cleared: [{ kind: 'text', text: '; the server deleted the session cookie at ' }, at],
      replaced: [{ kind: 'text', text: '; a new sign-in replaced the session at ' }, at],
    };
    parts.push(...told[end.how]);
    if (end.how === 'expired' || end.how === 'forgotten' || end.how === 'cleared' || trouble) {
      severity = trouble || end.how !== 'cleared' ? 'error' : 'warning';
      fix = 'Sign in again.';
    } else severity = 'info';
  }
  parts.push(...consequences(p.pages, p.refused, ', then '));
  return { origin, kind: 'session', severity, time: p.start, lastTime: Math.max(p.lastTime, end?.time ?? p.start), parts, fix, resolved: null };
}

/** " through single sign-on at https://idp.example as fred@acme.com; the identity provider allows the session until 18:02" */
function ssoParts(sso: SessionSso, start: number): StoryPart[] {
  const parts: StoryPart[] = sso.issuer
    ? [{ kind: 'text', text: ' through single sign-on at ' }, { kind: 'name', text: cut(sso.issuer) }]
    : [{ kind: 'text', text: ` through single sign-on (${ssoIdpName(sso)})` }];
  if (sso.nameId) parts.push({ kind: 'text', text: ' as ' }, { kind: 'name', text: cut(sso.nameId) });
  // The IdP's own sign-in is another fact only when it came earlier (an IdP session reused).
  if (sso.authnInstant !== null && start - sso.authnInstant > 60_000) parts.push({ kind: 'text', text: ', where you had signed in at ' }, { kind: 'time', time: sso.authnInstant, entry: sso.entry });
  if (sso.sessionNotOnOrAfter !== null) parts.push({ kind: 'text', text: '; the identity provider allows the session until ' }, { kind: 'time', time: sso.sessionNotOnOrAfter, entry: null });
  return parts;
}

function consequences(pages: readonly number[], refused: readonly number[], lead: string): StoryPart[] {
  const out: StoryPart[] = [];
  if (pages.length) out.push({ kind: 'entries', text: `${plural(pages.length, 'page')} served as anonymous`, entries: pages.slice(0, STORY_ENTRIES), count: pages.length });
  if (refused.length) out.push({ kind: 'entries', text: `${plural(refused.length, 'REST call')} refused (401)`, entries: refused.slice(0, STORY_ENTRIES), count: refused.length });
  if (out.length === 0) return [];
  return out.length === 2 ? [{ kind: 'text', text: lead }, out[0]!, { kind: 'text', text: ' and ' }, out[1]!] : [{ kind: 'text', text: lead }, out[0]!];
}

/** At most MAX_NAME characters (code points), with an ellipsis when cut. */
export function cut(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const chars = Array.from(name);
  return chars.length <= MAX_NAME ? name : `${chars.slice(0, MAX_NAME - 1).join('')}…`;
}

/** A line as plain text (tests, the CLI); `time` formats the times. */
export function storyText(line: StoryLine, time: (t: number) => string = (t) => new Date(t).toISOString()): string {
  let s = line.parts.map((p) => (p.kind === 'time' ? time(p.time) : p.text)).join('');
  if (line.fix) s += ` · Fix: ${line.fix}`;
  if (line.resolved) s += ` → ${line.resolved.user === null ? 'Signed in again' : `Signed in as ${line.resolved.user}`} at ${time(line.resolved.time)}`;
  return s;
}
