/**
 * Server-side sessions with a sliding inactivity timeout (Tomcat's session-timeout), and the
 * remember-me tokens Seraph uses to sign a user in again, with a new session, once the old one is gone.
 * All times come from the emulator's Clock, so tests expire sessions with advanceClock().
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import type { EmulatorUser } from './users';

export interface Session {
  /** The cookie value: random and opaque, like Tomcat's 32 hex digits. */
  id: string;
  user: EmulatorUser;
  createdAt: number;
  lastAccess: number;
}

/** Seraph's remember-me cookie lives two weeks (seraph-config.xml's default autologin cookie age). */
export const REMEMBER_ME_MAX_AGE_SEC = 14 * 24 * 3600;

/** Forgotten sessions are swept now and then, so long benchmark runs do not grow the map forever. */
const SWEEP_EVERY = 256;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly rememberMe = new Map<string, { user: EmulatorUser; issuedAt: number }>();
  private rememberMeSeq = 10000;
  private createdSinceSweep = 0;

  constructor(
    private readonly clock: Clock,
    public timeoutSec: number,
  ) {}

  create(user: EmulatorUser): Session {
    if (++this.createdSinceSweep >= SWEEP_EVERY) this.sweep();
    const now = this.clock.now();
    const session = { id: randomBytes(16).toString('hex').toUpperCase(), user, createdAt: now, lastAccess: now };
    this.sessions.set(session.id, session);
    return session;
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

  expireAll(): void {
    this.sessions.clear();
  }

  /** Live sessions, without touching them (for the control page). */
  live(): Session[] {
    return [...this.sessions.values()].filter((s) => this.alive(s));
  }

  /** Seconds until a session times out if left alone. */
  secondsLeft(session: Session): number {
    return Math.max(0, Math.round((session.lastAccess + this.timeoutSec * 1000 - this.clock.now()) / 1000));
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
    return this.clock.now() - session.lastAccess <= this.timeoutSec * 1000;
  }

  private sweep(): void {
    this.createdSinceSweep = 0;
    for (const s of this.sessions.values()) if (!this.alive(s)) this.sessions.delete(s.id);
  }
}

/** X-ASESSIONID: a short correlation id derived from the session (like Jira's `1abc2de`), never the session id itself. */
export function publicSessionId(session: Session): string {
  const n = BigInt(`0x${createHash('sha1').update(session.id).digest('hex').slice(0, 12)}`);
  return n.toString(36).padStart(7, '0').slice(-7);
}
