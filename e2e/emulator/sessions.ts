/**
 * Server-side sessions with a sliding inactivity timeout (Tomcat's session-timeout), and the
 * remember-me tokens Seraph uses to sign a user in again, with a new session, once the old one is gone.
 * All times come from the emulator's Clock, so tests expire sessions with advanceClock().
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import type { EmulatorUser } from './users';

export interface Session {
  /** The cookie value: random and opaque like Tomcat's 32 hex digits, or (Cloud) a session-service JWT. */
  id: string;
  /** The server's own name for the session (the JWT's sessionId claim on Cloud). */
  sessionId: string;
  user: EmulatorUser;
  createdAt: number;
  lastAccess: number;
  /** An absolute end (Cloud: the token's exp), besides the sliding inactivity timeout; null for none. */
  expiresAt: number | null;
}

/** Makes the cookie value of a new session (Cloud: a JWT); Tomcat's random id when absent. */
export type SessionCookieValue = (user: EmulatorUser, sessionId: string, now: number) => string;

/** Seraph's remember-me cookie lives two weeks (seraph-config.xml's default autologin cookie age). */
export const REMEMBER_ME_MAX_AGE_SEC = 14 * 24 * 3600;

/** Forgotten sessions are swept now and then, so long benchmark runs do not grow the map forever. */
const SWEEP_EVERY = 256;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Tomcat's sessions for visitors nobody signed in to: cookie value → last access. */
  private readonly anonymous = new Map<string, number>();
  private readonly rememberMe = new Map<string, { user: EmulatorUser; issuedAt: number }>();
  private rememberMeSeq = 10000;
  private createdSinceSweep = 0;

  constructor(
    private readonly clock: Clock,
    public timeoutSec: number,
    /** Absolute session lifetime (Cloud tokens' exp); null: sessions end only by inactivity or by force. */
    readonly lifetimeSec: number | null = null,
    private readonly cookieValue: SessionCookieValue = tomcatId,
  ) {}

  create(user: EmulatorUser): Session {
    if (++this.createdSinceSweep >= SWEEP_EVERY) this.sweep();
    const now = this.clock.now();
    const sessionId = randomUUID();
    const session: Session = {
      id: this.cookieValue(user, sessionId, now),
      sessionId,
      user,
      createdAt: now,
      lastAccess: now,
      expiresAt: this.lifetimeSec === null ? null : now + this.lifetimeSec * 1000,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** A session for a visitor who is not signed in (Server/DC: Tomcat gives everybody one); its cookie value. */
  createAnonymous(): string {
    if (++this.createdSinceSweep >= SWEEP_EVERY) this.sweep();
    const id = tomcatId();
    this.anonymous.set(id, this.clock.now());
    return id;
  }

  /** Whether the id names a live anonymous session (touched, like any session use); timed-out ones are forgotten. */
  useAnonymous(id: string | undefined): boolean {
    const lastAccess = id ? this.anonymous.get(id) : undefined;
    if (lastAccess === undefined) return false;
    if (this.clock.now() - lastAccess > this.timeoutSec * 1000) {
      this.anonymous.delete(id!);
      return false;
    }
    this.anonymous.set(id!, this.clock.now());
    return true;
  }

  /** The live session for an id, touched (the timeout slides); null when unknown or timed out (then forgotten). */
  use(id: string | undefined): Session | null {
    const session = id ? this.sessions.get(id) : undefined;
    if (!session) return null;
    if (!this.alive(session)) {
      this.sessions.delete(session.id);
      return null;
    }
    session.lastAccess = this.clock.now();
    return session;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Every session, signed in or anonymous, as a server restart would. */
  expireAll(): void {
    this.sessions.clear();
    this.anonymous.clear();
  }

  /** Live sessions, without touching them (for the control page). */
  live(): Session[] {
    return [...this.sessions.values()].filter((s) => this.alive(s));
  }

  /** Seconds until a session times out if left alone. */
  secondsLeft(session: Session): number {
    const end = Math.min(session.lastAccess + this.timeoutSec * 1000, session.expiresAt ?? Infinity);
    return Math.max(0, Math.round((end - this.clock.now()) / 1000));
  }

  /** A remember-me cookie value shaped like Seraph's `<id>%3A<hash>`. */
  issueRememberMe(user: EmulatorUser): string {
    const token = `${++this.rememberMeSeq}%3A${randomBytes(20).toString('hex')}`;
    this.rememberMe.set(token, { user, issuedAt: this.clock.now() });
    return token;
  }

  rememberedUser(token: string | undefined): EmulatorUser | null {
    const entry = token ? this.rememberMe.get(token) : undefined;
    if (!entry) return null;
    if (this.clock.now() - entry.issuedAt > REMEMBER_ME_MAX_AGE_SEC * 1000) {
      this.rememberMe.delete(token!);
      return null;
    }
    return entry.user;
  }

  forgetRememberMe(token: string | undefined): void {
    if (token) this.rememberMe.delete(token);
  }

  private alive(session: Session): boolean {
    const now = this.clock.now();
    return now - session.lastAccess <= this.timeoutSec * 1000 && (session.expiresAt === null || now < session.expiresAt);
  }

  private sweep(): void {
    this.createdSinceSweep = 0;
    for (const s of this.sessions.values()) if (!this.alive(s)) this.sessions.delete(s.id);
    const oldest = this.clock.now() - this.timeoutSec * 1000;
    for (const [id, lastAccess] of this.anonymous) if (lastAccess < oldest) this.anonymous.delete(id);
  }
}

function tomcatId(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** X-ASESSIONID: a short correlation id derived from the session (like Jira's `1abc2de`), never the session id itself. */
export function publicSessionId(session: Session): string {
  const n = BigInt(`0x${createHash('sha1').update(session.id).digest('hex').slice(0, 12)}`);
  return n.toString(36).padStart(7, '0').slice(-7);
}
