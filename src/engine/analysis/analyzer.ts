/**
 * The engine's entry point. Exchanges arrive in time order, one at a time (the live extension) or all
 * at once (a HAR file, in file order: the same code in a loop). Per-origin state makes each step cost the
 * same however long the history is: no exchange is looked at twice, nothing is rescanned, findings are
 * appended.
 *
 * One step: split the URL → classify the origin (a fingerprint header on this very response counts, so a
 * Server's first response is analysed) → for Atlassian origins only: parse the facts, run every rule
 * against the origin's state as it was before this exchange, then move the state on.
 */
import type { AnalysisDelta, AnalysisResult, Exchange, Finding, SsoEntry } from '../types';
import { factsOf, type ExchangeFacts } from './facts';
import { OriginClassifier } from './origins';
import { SessionTracker, publicSession, type TrackedSession } from './sessions';
import { isLoginOnlyCookie, isSessionCookie, urlParts } from '../ground/atlassian';
import { RULES, type OriginState } from './rules';
import type { Suspect } from './rules/rule';
import { advanceSso, newSsoTrail } from './sso';
import { Interner } from './interner';

/** Held silent-anonymous answers per origin (a long anonymous browse must not grow memory). */
const MAX_SUSPECTS = 100;
/** SSO messages listed per analysis (each is a few hundred bytes of facts). */
const MAX_SSO_ENTRIES = 1000;

export interface AnalyzerOptions {
  /** Self-hosted origins the user declared Atlassian (Server / Data Center): origins or bare host names. */
  extraAtlassianOrigins?: readonly string[];
}

export interface Analyzer {
  /** Analyses one more exchange and returns what changed: new findings, touched sessions, (re)classified origins. */
  add(ex: Exchange): AnalysisDelta;
  /** The same without building the delta (batch analysis); true when a finding was raised at this exchange's own entry. */
  feed(ex: Exchange): boolean;
  /** Everything so far (copies). */
  result(): AnalysisResult;
}

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const classifier = new OriginClassifier(opts.extraAtlassianOrigins);
  const states = new Map<string, OriginState>();
  const findings: Finding[] = [];
  const texts = new Interner();
  const ssoTrail = newSsoTrail();
  const ssoEntries: SsoEntry[] = [];
  /** Whether the last step raised a finding at its own entry (a streamed caller keeps only those exchanges). */
  let raisedHere = false;

  function step(ex: Exchange, wantDelta: boolean): AnalysisDelta | null {
    // SSO messages are listed wherever they were read (the IdP's URL too); findings stay Atlassian-only.
    raisedHere = false;
    if (ex.sso && ssoEntries.length < MAX_SSO_ENTRIES) ssoEntries.push({ entry: ex.index, url: ex.url, sso: ex.sso });
    const url = urlParts(ex.url);
    if (!url) return wantDelta ? { findings: [], sessions: [], origins: [] } : null;
    const { info, changed } = classifier.observe(url.origin, url.host, url.path, ex);
    const origins = wantDelta && changed ? [{ ...info }] : [];
    // Only Atlassian origins get Atlassian findings (and sessions).
    const f = info.atlassian ? factsOf(ex, url) : null;
    if (!f) return wantDelta ? { findings: [], sessions: [], origins } : null;

    let state = states.get(f.origin);
    if (!state) {
      state = { info, sessions: new SessionTracker(f.origin), lastUser: null, loggedOut: false, namesCallersBy: null, suspects: [], sessionGoneConfirmed: false, sso: { accepted: null }, ssoTrail };
      states.set(f.origin, state);
    }
    const raised: Finding[] = [];
    let held: Suspect | null = null;
    // One context for every rule (rules only read it): 32 objects an exchange were garbage for nothing.
    const context = { f, origin: state };
    for (const rule of RULES) {
      const verdict = rule.check(context);
      if (!verdict) continue;
      const finding: Finding = {
        code: rule.code,
        severity: rule.severity,
        entry: ex.index,
        url: texts.of(ex.url),
        method: texts.of(ex.method),
        message: texts.of(verdict.message),
        fix: texts.of(verdict.fix),
      };
      if (verdict.held) held = { finding, time: ex.time, cookies: f.sessionCookiesSent };
      else raised.push(finding);
    }
    const confirmed = raised.some((x) => x.code === 'silent-anonymous' || x.code === 'session-expired');
    // A second signal confirms the held answers: they are raised now, at their own entries.
    const released = confirmed ? state.suspects.splice(0) : [];
    for (const x of released) findings.push(x.finding);
    for (const x of raised) findings.push(x);
    raisedHere = raised.length > 0;
    if (held && state.suspects.length < MAX_SUSPECTS) state.suspects.push(held);
    const touched = advance(state, f, raised, released, confirmed);
    const newFindings = released.length ? [...released.map((x) => x.finding), ...raised] : raised;
    return wantDelta ? { findings: newFindings, sessions: touched.map(publicSession), origins } : null;
  }

  return {
    add: (ex) => step(ex, true)!,
    feed: (ex) => {
      step(ex, false);
      return raisedHere;
    },
    result: () => ({
      origins: classifier.all(),
      sessions: [...states.values()].flatMap((o) => o.sessions.all.map(publicSession)),
      // In entry order: confirmed suspects are raised after later entries' findings (the sort is stable).
      findings: findings.slice().sort((a, b) => a.entry - b.entry),
      sso: ssoEntries.slice(),
    }),
  };
}

/** Who the response says the request was, for sessions: X-AUSERNAME or X-AACCOUNTID, else the session endpoint's answer. */
function namedUser(f: ExchangeFacts): string | null {
  if (f.caller) return f.caller;
  const body = f.ex.bodyFacts?.user;
  return body && f.isSessionEndpoint && f.ex.status === 200 && (f.ex.method === 'GET' || f.ex.method === 'POST') ? body : null;
}

/** Moves the origin's state past this exchange; returns the sessions that changed. */
function advance(state: OriginState, f: ExchangeFacts, raised: readonly Finding[], released: readonly Suspect[], deadSession: boolean): TrackedSession[] {
  const { ex } = f;
  const named = namedUser(f);
  const viaCookie = ex.credentials === null;
  const observed = state.sessions.observe(f, named, viaCookie);
  const changed = new Set(observed.changed);

  // Confirmed held answers mark the sessions they were sent with, at their own time.
  for (const x of released) {
    for (const name of x.cookies) {
      const s = state.sessions.liveSession(name);
      if (s && !s.anonymousVisitor) {
        state.sessions.markAnonymous(s, x.finding.entry, x.time);
        changed.add(s);
      }
    }
  }
  if (deadSession) state.sessionGoneConfirmed = true;
  for (const s of advanceSso(state, f, raised)) changed.add(s);

  // The server treated these sessions as anonymous: remember where, for the timeline and for renewals.
  const servedAnonymous = f.anonymousBy !== null && f.loginReason.outcome !== 'OK';
  for (const s of observed.sent) {
    if (deadSession && !s.anonymousVisitor) state.sessions.markAnonymous(s, ex.index, ex.time);
    // Static resources are not authenticated by Seraph: their X-AUSERNAME says nothing about the session.
    else if (servedAnonymous && viaCookie && f.isProductAnswer && !f.isLogout) {
      // A signed-in session answered as anonymous where no finding applies (a visible redirect to the login
      // page, an error page): the server no longer knows it. Otherwise it was a visitor's session all along.
      if (s.user !== null && s.clearedEntry === null) state.sessions.markAnonymous(s, ex.index, ex.time);
      else state.sessions.markAnonymousVisitor(s);
    }
    changed.add(s);
  }

  if (f.isLogout) {
    for (const s of state.sessions.endAll(ex.index, ex.time)) changed.add(s);
    state.lastUser = null;
    state.loggedOut = true;
    signedInAgain(state);
  } else if (named !== null && viaCookie) {
    state.lastUser = named;
    state.loggedOut = false;
    if (f.caller !== null) state.namesCallersBy = f.ausername?.user ? 'x-ausername' : 'x-aaccountid';
    signedInAgain(state);
  } else if (viaCookie && f.xsrf === 'lin' && f.anonymousBy === null && !f.isStatic) {
    // The server saw a signed-in user without naming them (the XSRF cookie's `lin`).
    state.lastUser ??= observed.sent.map((s) => s.user).find((u) => u) ?? null;
    state.loggedOut = false;
    signedInAgain(state);
  } else if (f.setCookies.some((c) => (c.cleared || c.empty) && isSessionCookie(c.name)) && state.sessions.liveCount() === 0) {
    // The server cleared the session cookie and none is left: the session is over, anonymous pages are expected.
    state.lastUser = null;
    state.loggedOut = true;
  } else if (viaCookie && (f.loginReason.outcome === 'OK' || f.setCookies.some((c) => !c.cleared && !c.empty && isLoginOnlyCookie(c.name)))) {
    // Signed in again without a name we can read (Cloud sets its session tokens after id.atlassian.com).
    state.loggedOut = false;
    signedInAgain(state);
  }
  return [...changed];
}

/** The session is alive again (or ended on purpose): held answers were not anonymous after all. */
function signedInAgain(state: OriginState): void {
  state.suspects.length = 0;
  state.sessionGoneConfirmed = false;
}

/** Analyses a whole log (HAR entries in file order). The CLI imports exactly this. */
export function analyze(exchanges: Iterable<Exchange>, opts?: AnalyzerOptions): AnalysisResult {
  const analyzer = createAnalyzer(opts);
  for (const ex of exchanges) analyzer.feed(ex);
  return analyzer.result();
}
