/**
 * Seraph's decisions for one request: who is it (session cookie, remember-me, Basic, Bearer), did a
 * login attempt fail, is CAPTCHA in the way, and does `os_authType` demand a 401.
 * atlassian-auth.md §§1-5 is the specification.
 */
import type { IncomingMessage } from 'node:http';
import type { Session } from './sessions';
import type { EmulatorUser } from './users';

export type Mode = 'server' | 'cloud';

export class LoginGuard {
  private readonly failures = new Map<string, number>();
  constructor(public captchaAfter: number) {}

  captchaRequired(login: string): boolean {
    return (this.failures.get(login.toLowerCase()) ?? 0) >= this.captchaAfter;
  }
  failed(login: string): void {
    const key = login.toLowerCase();
    this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
  }
  failureCount(login: string): number {
    return this.failures.get(login.toLowerCase()) ?? 0;
  }
  reset(login?: string): void {
    if (login) this.failures.delete(login.toLowerCase());
    else this.failures.clear();
  }
}

export class Directory {
  constructor(
    private readonly users: EmulatorUser[],
    private readonly mode: Mode,
  ) {}

  find(login: string): EmulatorUser | undefined {
    const l = login.toLowerCase();
    return this.users.find((u) => u.name.toLowerCase() === l || u.email?.toLowerCase() === l);
  }

  /** Form and REST-session logins: username (or email) + password, on both deployments. */
  checkPassword(login: string, password: string): EmulatorUser | null {
    const user = this.find(login);
    return user?.password !== undefined && user.password === password ? user : null;
  }

  /** HTTP Basic: Server/DC takes username + password; Cloud only email + API token. */
  checkBasic(login: string, secret: string): EmulatorUser | null {
    if (this.mode === 'cloud') {
      const user = this.users.find((u) => u.email?.toLowerCase() === login.toLowerCase());
      return user?.apiToken !== undefined && user.apiToken === secret ? user : null;
    }
    return this.checkPassword(login, secret);
  }

  checkBearer(token: string): EmulatorUser | null {
    return this.users.find((u) => u.personalAccessToken !== undefined && u.personalAccessToken === token) ?? null;
  }
}

export function parseCookies(req: IncomingMessage): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return out;
}

export type Presented =
  | { kind: 'none' }
  | { kind: 'basic'; login: string; secret: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'malformed' };

export function presentedCredentials(req: IncomingMessage): Presented {
  const header = req.headers.authorization;
  if (!header) return { kind: 'none' };
  const [scheme, rest = ''] = header.split(/\s+/, 2);
  if (/^basic$/i.test(scheme ?? '')) {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'malformed' };
    return { kind: 'basic', login: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  if (/^bearer$/i.test(scheme ?? '')) return { kind: 'bearer', token: rest.trim() };
  return { kind: 'malformed' };
}

/** What Seraph concluded about the caller before the route runs. */
export interface Caller {
  user: EmulatorUser | null;
  session: Session | null;
  /** A session cookie was sent but names no live session (expired, logged out, made up). */
  staleSessionCookie: boolean;
  /** Valid Basic or Bearer credentials authenticated this request. */
  viaCredentials: boolean;
  /** A session was created for this request from the remember-me cookie. */
  resumedFromRememberMe: boolean;
}

export type OsAuthType = 'basic' | 'cookie' | 'any' | null;

export function osAuthType(url: URL): OsAuthType {
  const v = url.searchParams.get('os_authType')?.toLowerCase();
  return v === 'basic' || v === 'cookie' || v === 'any' ? v : null;
}

/** §3: true when `os_authType` makes this request a 401. */
export function osAuthTypeRefuses(type: OsAuthType, caller: Caller): boolean {
  const hasCookieSession = caller.session !== null && !caller.viaCredentials;
  switch (type) {
    case 'basic':
      return !caller.viaCredentials;
    case 'cookie':
      return !hasCookieSession;
    case 'any':
      return caller.user === null;
    default:
      return false;
  }
}
