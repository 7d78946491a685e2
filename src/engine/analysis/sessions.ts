/**
 * Session tracker of one origin: per session cookie, who the session belongs to and its life (issued,
 * renewed, expiry, cleared, last sent, the moment the server first treated it as anonymous). Feeds the
 * panel's timeline and the `sessions` of the CLI output. Cookie values are never seen (they are redacted
 * before the engine), so "a new session" is inferred from the moment a cookie is set, not from its value.
 */
import type { SessionEvent, SessionInfo } from '../types';
import type { ExchangeFacts } from './facts';
import { isSessionCookie } from './atlassian';

/** Timelines stay bounded on 100k-request logs: consecutive "sent" events collapse, old ones drop. */
export const MAX_EVENTS = 200;

export interface TrackedSession extends SessionInfo {
  /**
   * The server gave or showed this session to an anonymous visitor and it never named a user: it proves
   * nothing about being signed in (Tomcat gives every Jira visitor a JSESSIONID).
   */
  anonymousVisitor: boolean;
  /** The 'expired' event was recorded (once per session). */
  expiryNoted: boolean;
}

export class SessionTracker {
  /** All sessions of the origin, in the order they started; the live one per cookie is in `live`. */
  readonly all: TrackedSession[] = [];
  private readonly live = new Map<string, TrackedSession>();

  constructor(private readonly origin: string) {}

  liveSession(cookie: string): TrackedSession | undefined {
    return this.live.get(cookie);
  }

  liveCount(): number {
    return this.live.size;
  }

  /**
   * Applies the exchange. `user` is who the response names (X-AUSERNAME, the session endpoint), and
   * `viaCookie` whether the request authenticated by cookie alone (no Authorization header): only then
   * does the user tell who owns the sessions the request carried. Returns the sessions that changed and
   * those the request carried (as they were when sent, even if this response replaced them).
   */
  observe(f: ExchangeFacts, user: string | null, viaCookie: boolean): { changed: TrackedSession[]; sent: TrackedSession[] } {
    const changed = new Set<TrackedSession>();
    const sent = new Set<TrackedSession>();
    const given = new Set<TrackedSession>();
    const { index: entry, time } = f.ex;
    const loginOk = f.loginReason.outcome === 'OK';
    const servedAnonymous = f.ausername?.anonymous === true && !loginOk;

    // Live sessions are few (at most one per session cookie name), so this stays constant work.
    for (const s of this.live.values()) {
      if (!s.expiryNoted && s.expires !== null && s.expires <= time) {
        s.expiryNoted = true;
        push(s, { kind: 'expired', entry, time: s.expires });
        changed.add(s);
      }
    }

    for (const name of f.sessionCookiesSent) {
      const s = this.live.get(name) ?? this.start(name, null, false);
      s.lastSentEntry = entry;
      push(s, { kind: 'sent', entry, time });
      changed.add(s);
      sent.add(s);
    }

    for (const c of f.setCookies) {
      if (!isSessionCookie(c.name)) continue;
      const current = this.live.get(c.name);
      if (c.cleared || c.empty) {
        if (current) {
          this.end(current, entry, time);
          changed.add(current);
        }
        continue;
      }
      // A fresh value starts a new session when the old one is over (turned anonymous, expired), on a login
      // over a session we saw issued, or when a signed-in session is replaced on an anonymous answer (the
      // server did not know it any more). Otherwise it is the same session renewed.
      const startsNew =
        !current ||
        current.anonymousEntry !== null ||
        current.expiryNoted ||
        (current.expires !== null && current.expires <= time) ||
        (loginOk && current.issuedEntry !== null) ||
        (servedAnonymous && current.user !== null);
      if (startsNew && current && f.loginReason.all.includes('OUT')) {
        this.end(current, entry, time); // `OUT, OK`: the old session was logged out by this re-login
        changed.add(current);
      }
      const s = startsNew ? this.start(c.name, entry, servedAnonymous) : current;
      if (startsNew || s.issuedEntry === null) {
        s.issuedEntry = entry;
        push(s, { kind: 'issued', entry, time });
      } else push(s, { kind: 'renewed', entry, time });
      s.expires = c.expires;
      s.expiryNoted = false;
      changed.add(s);
      given.add(s);
    }

    if (user !== null) {
      // The owner of the sessions this response gave out, else of those the request carried (a login over
      // someone else's session names the new user, not the old session's owner).
      const owned = given.size ? given : viaCookie ? sent : new Set<TrackedSession>();
      for (const s of owned) {
        if (s.clearedEntry !== null) continue;
        s.user = user;
        s.anonymousVisitor = false;
      }
    }
    return { changed: [...changed], sent: [...sent] };
  }

  /** The server treated the session as anonymous (a silent anonymous page, or 401 under /rest). */
  markAnonymous(s: TrackedSession, entry: number, time: number): void {
    if (s.anonymousEntry === null) s.anonymousEntry = entry;
    // One 'anonymous' event per run: a dead session sent on every page would otherwise fill the timeline.
    if (lastNotSent(s)?.kind !== 'anonymous') push(s, { kind: 'anonymous', entry, time });
  }

  /** A session never seen signed in was served as anonymous: an anonymous visitor's session. */
  markAnonymousVisitor(s: TrackedSession): void {
    if (s.user === null && s.anonymousEntry === null) s.anonymousVisitor = true;
  }

  /** A logout ends every live session of the origin. */
  endAll(entry: number, time: number): TrackedSession[] {
    const ended = [...this.live.values()];
    for (const s of ended) this.end(s, entry, time);
    return ended;
  }

  private end(s: TrackedSession, entry: number, time: number): void {
    if (s.clearedEntry === null) s.clearedEntry = entry;
    push(s, { kind: 'cleared', entry, time });
    if (this.live.get(s.cookie) === s) this.live.delete(s.cookie);
  }

  private start(cookie: string, issuedEntry: number | null, anonymousVisitor: boolean): TrackedSession {
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
      anonymousVisitor,
      expiryNoted: false,
    };
    this.all.push(s);
    this.live.set(cookie, s);
    return s;
  }
}

function lastNotSent(s: SessionInfo): SessionEvent | undefined {
  for (let i = s.events.length - 1; i >= 0; i--) if (s.events[i]!.kind !== 'sent') return s.events[i];
  return undefined;
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
    // Drop the oldest "sent" (the least telling event); bounded work: MAX_EVENTS at most.
    const i = s.events.findIndex((x) => x.kind === 'sent');
    s.events.splice(i < 0 ? 0 : i, 1);
  }
}

/** The contract's view of a session (findings.md), without tracker internals. */
export function publicSession(s: TrackedSession): SessionInfo {
  const { anonymousVisitor: _visitor, expiryNoted: _noted, ...info } = s;
  return { ...info, events: info.events.map((e) => ({ ...e })) };
}
