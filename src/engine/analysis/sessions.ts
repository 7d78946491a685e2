/**
 * Session tracker of one origin: per session cookie, who the session belongs to and its life (issued,
 * renewed, expiry, cleared, last sent, the moment the server first treated it as anonymous). Feeds the
 * panel's timeline and the `sessions` of the CLI output. Cookie values are never seen (they are redacted
 * before the engine), so "a new session" is inferred from the moment a cookie is set, not from its value.
 */
import type { SessionEvent, SessionInfo, SessionToken } from '../types';
import type { ExchangeFacts } from './facts';
import type { SessionTokenClaims } from '../ground/cookie-facts';
import { isSessionCookie } from '../ground/atlassian';
import { sessionEnd } from './explain';

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
      const end = sessionEnd(s);
      if (!s.expiryNoted && end !== null && end <= time) {
        s.expiryNoted = true;
        push(s, { kind: 'expired', entry, time: end });
        changed.add(s);
      }
    }

    for (const name of f.sessionCookiesSent) {
      // A Cloud token sent with other claims than the tracked one: issued where this origin cannot see it
      // (id.atlassian.com). Another account is another session; the same account's new token renews it.
      const claims = f.cookiesSentFacts.find((c) => c.name === name)?.claims;
      let s = this.live.get(name);
      if (s && claims && s.token && claims.sub !== undefined && s.token.accountId !== null && claims.sub !== s.token.accountId) {
        this.end(s, entry, time);
        changed.add(s);
        s = undefined;
      }
      s ??= this.start(name, null, false);
      if (claims && applyToken(s, claims)) {
        if (s.events.length) push(s, { kind: 'renewed', entry, time });
      }
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
      // A clear and a new value in one response (Crowd SSO's `OUT, OK` on every Basic call) renews it in place.
      const end = current ? sessionEnd(current) : null;
      const startsNew =
        !current ||
        current.anonymousEntry !== null ||
        current.expiryNoted ||
        (end !== null && end <= time) ||
        (loginOk && current.issuedEntry !== null && !c.rotated) ||
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
      if (c.claims) applyToken(s, c.claims);
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
    // A Cloud token names its account even where no response did.
    for (const s of [...sent, ...given]) {
      if (s.user === null && s.token?.accountId && s.clearedEntry === null) {
        s.user = s.token.accountId;
        s.anonymousVisitor = false;
      }
    }
    return { changed: [...changed], sent: [...sent] };
  }

  /**
   * The server treated the session as anonymous (a silent anonymous page, or 401 under /rest). `entry` may
   * be earlier than the newest event (an anonymous answer confirmed later): it is placed in time order.
   */
  markAnonymous(s: TrackedSession, entry: number, time: number): void {
    if (s.anonymousEntry === null || entry < s.anonymousEntry) s.anonymousEntry = entry;
    const last = s.events.at(-1);
    if (last && entry < last.entry) {
      const at = s.events.findIndex((e) => e.entry > entry);
      const before = s.events.slice(0, at).reverse().find((e) => e.kind !== 'sent');
      if (before?.kind !== 'anonymous') s.events.splice(at, 0, { kind: 'anonymous', entry, time });
      return;
    }
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
      tokenExpires: null,
      token: null,
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

/** Takes a Cloud token's claims (seconds) as the session's token (ms); true when they differ from the kept ones. */
function applyToken(s: SessionInfo, claims: SessionTokenClaims): boolean {
  const ms = (sec: number | undefined) => (sec === undefined ? null : sec * 1000);
  const token: SessionToken = {
    accountId: claims.sub ?? null,
    email: claims.email ?? null,
    issuedAt: ms(claims.iat),
    refreshAt: ms(claims.refreshTimeout),
    expires: ms(claims.exp),
  };
  const old = s.token;
  if (old && old.issuedAt === token.issuedAt && old.expires === token.expires && old.accountId === token.accountId) return false;
  s.token = token;
  s.tokenExpires = token.expires;
  return true;
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
  const out: SessionInfo = { ...info, token: info.token && { ...info.token }, events: info.events.map((e) => ({ ...e })) };
  if (info.sso) out.sso = { ...info.sso };
  return out;
}
