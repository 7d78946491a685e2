/**
 * Server-side sessions with a sliding inactivity timeout (Tomcat's session-timeout), plus the
 * remember-me tokens Seraph uses to log a user in again once the session is gone.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import type { EmulatorUser } from './users';

export interface Session {
  id: string;
  user: EmulatorUser;
  createdAt: number;
  lastAccess: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly rememberMe = new Map<string, EmulatorUser>();

  constructor(
    private readonly clock: Clock,
    public timeoutSec: number,
  ) {}

  create(user: EmulatorUser): Session {
    const now = this.clock.now();
    const session = { id: randomBytes(16).toString('hex').toUpperCase(), user, createdAt: now, lastAccess: now };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session for an id, touched; null when unknown or timed out (and then forgotten). */
  use(id: string | undefined): Session | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    const now = this.clock.now();
    if (now - session.lastAccess > this.timeoutSec * 1000) {
      this.sessions.delete(id);
      return null;
    }
    session.lastAccess = now;
    return session;
  }

  destroy(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  liveCount(): number {
    return [...this.sessions.keys()].filter((id) => this.peek(id)).length;
  }

  private peek(id: string): boolean {
    const s = this.sessions.get(id);
    return Boolean(s && this.clock.now() - s.lastAccess <= this.timeoutSec * 1000);
  }

  expireAll(): void {
    this.sessions.clear();
  }

  issueRememberMe(user: EmulatorUser): string {
    const token = randomBytes(12).toString('hex');
    this.rememberMe.set(token, user);
    return token;
  }

  rememberedUser(token: string | undefined): EmulatorUser | null {
    return (token && this.rememberMe.get(token)) || null;
  }

  forgetRememberMe(token: string | undefined): void {
    if (token) this.rememberMe.delete(token);
  }
}

/** X-ASESSIONID is a short correlation id derived from the session, never the session id itself. */
export function publicSessionId(session: Session): string {
  return createHash('sha1').update(session.id).digest('hex').slice(0, 7);
}
