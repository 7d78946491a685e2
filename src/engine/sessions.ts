/**
 * Session tracker: per origin and session cookie, who the session belongs to and its life (issued,
 * renewed, expiry, cleared, last sent, the moment it turned anonymous). Feeds the panel's timeline and
 * the `sessions` of the CLI output.
 */
import type { SessionEvent, SessionInfo } from './types';
import type { ExchangeFacts } from './facts';
import { isSessionCookie } from './atlassian';

/** Timelines stay bounded on 100k-request logs: consecutive "sent" events collapse, old ones drop. */
const MAX_EVENTS = 200;

export interface TrackedSession extends SessionInfo {
  /** Issued on a response that named nobody: an anonymous server session (Tomcat gives every visitor one). */
  issuedAnonymous: boolean;
}

export class SessionTracker {
  /** All sessions of the origin, in order; the live one per cookie is the last not cleared. */
  readonly all: TrackedSession[] = [];
  private readonly live = new Map<string, TrackedSession>();

  constructor(private readonly origin: string) {}

  liveSession(cookie: string): TrackedSession | undefined {
    return this.live.get(cookie);
  }

  liveSessions(): TrackedSession[] {
    return [...this.live.values()];
  }

  /** Applies the exchange; returns the sessions that changed. */
  observe(f: ExchangeFacts, user: string | null): TrackedSession[] {
    const changed = new Set<TrackedSession>();
    const given = new Set<TrackedSession>();
    const { index: entry, time } = f.ex;

    for (const name of f.sessionCookiesSent) {
      let s = this.live.get(name);
      if (!s) s = this.start(name, null, false);
      s.lastSentEntry = entry;
      push(s, { kind: 'sent', entry, time });
      changed.add(s);
    }

    for (const c of f.setCookies) {
      if (!isSessionCookie(c.name)) continue;
      const current = this.live.get(c.name);
      if (c.cleared || c.empty) {
        if (current) {
          current.clearedEntry = entry;
          push(current, { kind: 'cleared', entry, time });
          this.live.delete(c.name);
          changed.add(current);
        }
        continue;
      }
      // A login (or a cookie set after the old session died) starts a new session; otherwise it is a renewal.
      const startsNew = !current || current.anonymousEntry !== null || (f.loginReason.outcome === 'OK' && current.issuedEntry !== null);
      const s = startsNew ? this.start(c.name, entry, user === null) : current;
      if (startsNew || s.issuedEntry === null) {
        s.issuedEntry = entry;
        push(s, { kind: 'issued', entry, time });
      } else push(s, { kind: 'renewed', entry, time });
      s.expires = c.expires;
      if (user !== null) s.issuedAnonymous = false;
      changed.add(s);
      given.add(s);
    }

    if (user !== null) {
      // Who the server says this request was: the owner of the sessions it was given, else of those it
      // carried (a login over someone else's session names the new user, not the old session's owner).
      for (const s of given.size ? given : changed) if (s.clearedEntry === null) s.user = user;
    }
    return [...changed];
  }

  markAnonymous(s: TrackedSession, entry: number, time: number): void {
    if (s.anonymousEntry === null) s.anonymousEntry = entry;
    push(s, { kind: 'anonymous', entry, time });
  }

  /** A logout ends every live session of the origin. */
  endAll(entry: number, time: number): TrackedSession[] {
    const ended = [...this.live.values()];
    for (const s of ended) {
      if (s.clearedEntry === null) s.clearedEntry = entry;
      push(s, { kind: 'cleared', entry, time });
    }
    this.live.clear();
    return ended;
  }

  private start(cookie: string, issuedEntry: number | null, issuedAnonymous: boolean): TrackedSession {
    const s: TrackedSession = {
      origin: this.origin,
      cookie,
      user: null,
      issuedEntry,
      expires: null,
      clearedEntry: null,
      lastSentEntry: null,
      anonymousEntry: null,
      events: [],
      issuedAnonymous,
    };
    this.all.push(s);
    this.live.set(cookie, s);
    return s;
  }
}

function push(s: SessionInfo, e: SessionEvent): void {
  const last = s.events.at(-1);
  if (e.kind === 'sent' && last?.kind === 'sent') {
    last.entry = e.entry;
    last.time = e.time;
    return;
  }
  s.events.push(e);
  if (s.events.length > MAX_EVENTS) {
    const i = s.events.findIndex((x) => x.kind === 'sent');
    s.events.splice(i < 0 ? 0 : i, 1);
  }
}

/** The contract's view of a session (findings.md), without tracker internals. */
export function publicSession(s: TrackedSession): SessionInfo {
  const { issuedAnonymous: _internal, ...info } = s;
  return { ...info, events: info.events.map((e) => ({ ...e })) };
}
