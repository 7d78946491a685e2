/**
 * The engine's entry point. Exchanges arrive in time order, one at a time (the live extension) or all
 * at once (a HAR file: the same code in a loop). Per-origin state makes each step cost the same however
 * long the history is: nothing is rescanned, findings are appended.
 */
import type { AnalysisDelta, AnalysisResult, Exchange, Finding, OriginInfo } from './types';
import { factsOf, type ExchangeFacts } from './facts';
import { OriginClassifier } from './origins';
import { SessionTracker, publicSession, type TrackedSession } from './sessions';
import { RULES, type OriginState } from './rules';

export interface AnalyzerOptions {
  /** Self-hosted origins the user declared Atlassian (Server / Data Center), e.g. https://jira.corp.example. */
  extraAtlassianOrigins?: readonly string[];
}

export interface Analyzer {
  /** Analyses one more exchange and returns what changed. */
  add(ex: Exchange): AnalysisDelta;
  /** The same without building the delta (batch analysis). */
  feed(ex: Exchange): void;
  result(): AnalysisResult;
}

export function createAnalyzer(opts: AnalyzerOptions = {}): Analyzer {
  const classifier = new OriginClassifier(opts.extraAtlassianOrigins);
  const origins = new Map<string, OriginState>();
  const findings: Finding[] = [];

  function stateOf(f: ExchangeFacts, info: OriginInfo): OriginState {
    let s = origins.get(f.origin);
    if (!s) origins.set(f.origin, (s = { info, sessions: new SessionTracker(f.origin), lastUser: null, loggedOut: false }));
    return s;
  }

  /** One step; `wantDelta` false skips copying changed sessions (their timelines) for the caller. */
  function step(ex: Exchange, wantDelta: boolean): AnalysisDelta | null {
    const f = factsOf(ex);
    if (!f) return wantDelta ? { findings: [], sessions: [], origins: [] } : null;
    const { info, changed } = classifier.observe(f.origin, f.host, ex);
    const raised: Finding[] = [];
    if (info.atlassian) {
      // Only Atlassian origins get Atlassian findings.
      const state = stateOf(f, info);
      for (const rule of RULES) {
        const verdict = rule.check({ f, origin: state });
        if (verdict) raised.push({ code: rule.code, severity: rule.severity, entry: ex.index, url: ex.url, ...verdict });
      }
      for (const x of raised) findings.push(x);
      const touched = update(state, f, raised);
      if (wantDelta) return { findings: raised, sessions: touched.map(publicSession), origins: changed ? [{ ...info }] : [] };
      return null;
    }
    return wantDelta ? { findings: raised, sessions: [], origins: changed ? [{ ...info }] : [] } : null;
  }

  return {
    add: (ex) => step(ex, true)!,
    feed: (ex) => void step(ex, false),
    result: () => ({
      origins: classifier.all(),
      sessions: [...origins.values()].flatMap((o) => o.sessions.all.map(publicSession)),
      findings: findings.slice(),
    }),
  };
}

/** Moves the origin's state past this exchange; returns the sessions that changed. */
function update(state: OriginState, f: ExchangeFacts, raised: readonly Finding[]): TrackedSession[] {
  const { ex } = f;
  const named = f.ausername?.user ?? (f.isSessionEndpoint && ex.status === 200 ? ex.bodyFacts?.user : undefined) ?? null;
  const changed = new Set(state.sessions.observe(f, named));

  if (raised.some((x) => x.code === 'silent-anonymous')) {
    for (const name of f.sessionCookiesSent) {
      const s = state.sessions.liveSession(name);
      if (s) {
        state.sessions.markAnonymous(s, ex.index, ex.time);
        changed.add(s);
      }
    }
  }

  if (f.isLogout) {
    for (const s of state.sessions.endAll(ex.index, ex.time)) changed.add(s);
    state.lastUser = null;
    state.loggedOut = true;
  } else if (f.setCookies.some((c) => c.cleared) && state.sessions.liveSessions().length === 0 && named === null) {
    // The server cleared the session cookie: the session is over, anonymous pages are expected now.
    state.lastUser = null;
    state.loggedOut = true;
  } else if (named !== null) {
    state.lastUser = named;
    state.loggedOut = false;
  }
  return [...changed];
}

/** Analyses a whole log (HAR entries in file order). */
export function analyze(exchanges: Iterable<Exchange>, opts?: AnalyzerOptions): AnalysisResult {
  const analyzer = createAnalyzer(opts);
  for (const ex of exchanges) analyzer.feed(ex);
  return analyzer.result();
}
