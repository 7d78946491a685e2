/**
 * Seraph's decisions for one request (atlassian-auth.md §§1-5): who is calling (Basic, Bearer, session
 * cookie, remember-me), whether a login attempt failed, whether CAPTCHA is in the way, and whether
 * `os_authType` demands a 401. No HTTP output here: server.ts renders the outcome.
 */
import type { Clock } from './clock';
import { cloudSiteBasic, cloudSiteBearer, type CannedAnswer } from './cloud-auth';
import type { Mode } from './mode';
import type { OAuth2Tokens } from './oauth2';
import { jiraDateTime } from './jira';
import type { Session, SessionStore } from './sessions';
import type { CloudApiToken, EmulatorUser } from './users';

export type LoginReason = 'OK' | 'OUT' | 'AUTHENTICATED_FAILED' | 'AUTHENTICATION_DENIED' | 'AUTHORISATION_FAILED';

/** The user table, with the login rules of each deployment. */
export class Directory {
  constructor(
    readonly users: readonly EmulatorUser[],
    private readonly mode: Mode,
  ) {}

  /** By username or email, whatever the mode: CAPTCHA counts failures per person, not per spelling. */
  find(login: string): EmulatorUser | undefined {
    const l = login.toLowerCase();
    return this.users.find((u) => u.name.toLowerCase() === l || u.email?.toLowerCase() === l);
  }

  /** Login form and REST session login: Server/DC by username, Cloud by account email; with the password. */
  checkPassword(login: string, password: string): EmulatorUser | null {
    const l = login.toLowerCase();
    const user = this.users.find((u) => (this.mode === 'cloud' ? u.email?.toLowerCase() : u.name.toLowerCase()) === l);
    return user?.password !== undefined && user.password === password ? user : null;
  }

  /** HTTP Basic: Server/DC takes username + password; Cloud only email + API token (a password or the username gets 401). */
  checkBasic(login: string, secret: string): EmulatorUser | null {
    if (this.mode === 'server') return this.checkPassword(login, secret);
    const user = this.users.find((u) => u.email !== undefined && u.email.toLowerCase() === login.toLowerCase());
    return user?.apiToken !== undefined && user.apiToken === secret ? user : null;
  }

  get cloud(): boolean {
    return this.mode === 'cloud';
  }

  /**
   * Cloud: the API token `secret` of the account `login` (an email), whatever its kind and status; the
   * legacy apiToken / expiredApiToken fields count as a live and an expired classic token.
   */
  cloudToken(login: string, secret: string): { user: EmulatorUser; token: CloudApiToken } | null {
    if (this.mode !== 'cloud' || !secret) return null;
    const l = login.toLowerCase();
    for (const user of this.users) {
      if (user.email?.toLowerCase() !== l) continue;
      if (user.apiToken === secret) return { user, token: { token: secret, kind: 'classic', status: 'active' } };
      if (user.expiredApiToken === secret) return { user, token: { token: secret, kind: 'classic', status: 'expired' } };
      const token = user.apiTokens?.find((t) => t.token === secret);
      if (token) return { user, token };
    }
    return null;
  }

  /** Data Center personal access tokens (Cloud has none: every Bearer token fails there). */
  checkBearer(token: string): EmulatorUser | null {
    if (!token) return null;
    return this.users.find((u) => u.personalAccessToken !== undefined && u.personalAccessToken === token) ?? null;
  }
}

interface LoginStats {
  consecutiveFailures: number;
  loginCount: number;
  lastLoginTime: number;
  lastFailedLoginTime: number;
}

/**
 * Failed logins per person (CAPTCHA after N in a row) and the history `loginInfo` reports. Each known
 * user starts with a made-up past (one login a day ago, one failure two days ago) so loginInfo always
 * has its four fields, as for an established Jira user.
 */
export class LoginRecords {
  private readonly stats = new Map<string, LoginStats>();
  private readonly startedAt: number;

  constructor(
    private readonly directory: Directory,
    private readonly clock: Clock,
    public captchaAfter: number,
  ) {
    this.startedAt = clock.now();
  }

  captchaRequired(login: string): boolean {
    return this.of(login).consecutiveFailures >= this.captchaAfter;
  }

  failed(login: string): void {
    const s = this.of(login);
    s.consecutiveFailures++;
    s.lastFailedLoginTime = this.clock.now();
  }

  /** A successful login: counts it and clears the failures (that is what passing the CAPTCHA achieves). */
  succeeded(user: EmulatorUser): { failedBefore: number; previousLoginTime: number } {
    const s = this.of(user.name);
    const before = { failedBefore: s.consecutiveFailures, previousLoginTime: s.lastLoginTime };
    s.consecutiveFailures = 0;
    s.loginCount++;
    s.lastLoginTime = this.clock.now();
    return before;
  }

  failureCount(login: string): number {
    return this.of(login).consecutiveFailures;
  }

  reset(login?: string): void {
    if (login === undefined) for (const s of this.stats.values()) s.consecutiveFailures = 0;
    else this.of(login).consecutiveFailures = 0;
  }

  /** Jira's loginInfo. On a login response, pass what succeeded() returned: the failures it cleared and the previous login. */
  loginInfo(user: EmulatorUser, justLoggedIn?: { failedBefore: number; previousLoginTime: number }) {
    const s = this.of(user.name);
    return {
      failedLoginCount: justLoggedIn?.failedBefore ?? s.consecutiveFailures,
      loginCount: s.loginCount,
      lastFailedLoginTime: jiraDateTime(s.lastFailedLoginTime),
      previousLoginTime: jiraDateTime(justLoggedIn?.previousLoginTime ?? s.lastLoginTime),
    };
  }

  /** Failures per login name, for the control page. */
  failures(): Array<{ login: string; count: number }> {
    return [...this.stats].filter(([, s]) => s.consecutiveFailures > 0).map(([login, s]) => ({ login, count: s.consecutiveFailures }));
  }

  private of(login: string): LoginStats {
    const key = this.directory.find(login)?.name ?? login.toLowerCase();
    let s = this.stats.get(key);
    if (!s) {
      s = { consecutiveFailures: 0, loginCount: 1, lastLoginTime: this.startedAt - 86_400_000, lastFailedLoginTime: this.startedAt - 2 * 86_400_000 };
      this.stats.set(key, s);
    }
    return s;
  }
}

export type Presented =
  | { kind: 'none' }
  | { kind: 'basic'; login: string; secret: string }
  | { kind: 'bearer'; token: string }
  /** Another scheme, or Basic that does not decode to user:secret: ignored, as Seraph ignores it. */
  | { kind: 'other' };

export function presentedCredentials(authorization: string | undefined): Presented {
  if (!authorization) return { kind: 'none' };
  const m = /^(\S+)\s*(.*)$/.exec(authorization.trim());
  const scheme = m?.[1]?.toLowerCase();
  const rest = m?.[2]?.trim() ?? '';
  if (scheme === 'basic') {
    const decoded = Buffer.from(rest, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? { kind: 'other' } : { kind: 'basic', login: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  }
  if (scheme === 'bearer') return { kind: 'bearer', token: rest };
  return { kind: 'other' };
}

/** How the caller was recognised. */
/** `oauth`: OAuth 1.0a over an application link (applink.ts). */
export type Via = 'basic' | 'bearer' | 'session' | 'remember-me' | 'oauth';

/** What Seraph concluded about the caller before the route runs. */
export interface Caller {
  user: EmulatorUser | null;
  /** The session this request used (for X-ASESSIONID); none for Basic and Bearer. */
  session: Session | null;
  via: Via | null;
  /** A session cookie was sent but names no live session (expired, logged out, made up). */
  staleSessionCookie: boolean;
}

export const ANONYMOUS: Caller = { user: null, session: null, via: null, staleSessionCookie: false };

export type Identification =
  /** reason: a login that failed without refusing the request (Cloud's expired API token: 200 as anonymous). */
  | { kind: 'caller'; caller: Caller; reason?: LoginReason }
  | {
      kind: 'refused';
      status: 401 | 403;
      reason: LoginReason | null;
      scheme: 'basic' | 'bearer';
      /** The login that was refused (Basic), to name it in the CAPTCHA denial. */
      login?: string;
      /** The exact answer, where the product's words are known (Cloud's token refusals: cloud-auth.ts). */
      answer?: CannedAnswer;
    };

export interface IdentifyInput {
  authorization: string | undefined;
  cookies: Map<string, string>;
  sessionCookieName: string;
  rememberMeCookieName: string;
}

/**
 * Credentials in the Authorization header come first: they are explicit, and when wrong the request is
 * refused even with a good cookie. Then the session cookie, then remember-me (which creates a new session).
 * `os_authType` narrows the methods looked at (§3): basic ignores cookies, cookie ignores the header, so
 * a refused request is also anonymous in X-AUSERNAME.
 */
export function identify(
  input: IdentifyInput,
  directory: Directory,
  records: LoginRecords,
  sessions: SessionStore,
  only: OsAuthType | null = null,
  oauth: OAuth2Tokens | null = null,
): Identification {
  const presented: Presented = only === 'cookie' ? { kind: 'none' } : presentedCredentials(input.authorization);
  if (only === 'basic' && presented.kind !== 'basic') return { kind: 'caller', caller: ANONYMOUS };
  if (presented.kind === 'basic') {
    // CAPTCHA: denied before the password is even looked at (AUTHENTICATION_DENIED, 403).
    if (records.captchaRequired(presented.login)) return { kind: 'refused', status: 403, reason: 'AUTHENTICATION_DENIED', scheme: 'basic', login: presented.login };
    if (directory.cloud) return cloudSiteBasic(presented.login, presented.secret, directory, records);
    const user = directory.checkBasic(presented.login, presented.secret);
    if (!user) {
      records.failed(presented.login);
      return { kind: 'refused', status: 401, reason: 'AUTHENTICATED_FAILED', scheme: 'basic', login: presented.login };
    }
    if (user.appAccess === false) return { kind: 'refused', status: 401, reason: 'AUTHORISATION_FAILED', scheme: 'basic', login: presented.login };
    return { kind: 'caller', caller: { user, session: null, via: 'basic', staleSessionCookie: false } };
  }
  if (presented.kind === 'bearer') {
    if (directory.cloud && oauth) return cloudSiteBearer(presented.token, oauth);
    const user = directory.checkBearer(presented.token);
    if (!user) return { kind: 'refused', status: 401, reason: null, scheme: 'bearer' };
    return { kind: 'caller', caller: { user, session: null, via: 'bearer', staleSessionCookie: false } };
  }
  const sentId = input.cookies.get(input.sessionCookieName);
  const session = sessions.use(sentId);
  if (session) return { kind: 'caller', caller: { user: session.user, session, via: 'session', staleSessionCookie: false } };
  const remembered = sessions.rememberedUser(input.cookies.get(input.rememberMeCookieName));
  if (remembered) {
    // Seraph's remember-me: a fresh session, silently, as if the user had just logged in.
    return { kind: 'caller', caller: { user: remembered, session: sessions.create(remembered), via: 'remember-me', staleSessionCookie: false } };
  }
  // A live anonymous session (Tomcat gives every visitor one) is not a dead session cookie.
  return { kind: 'caller', caller: { ...ANONYMOUS, staleSessionCookie: Boolean(sentId) && !sessions.useAnonymous(sentId) } };
}

export type OsAuthType = 'basic' | 'cookie' | 'any';

export function osAuthType(url: URL): OsAuthType | null {
  const v = url.searchParams.get('os_authType')?.toLowerCase();
  return v === 'basic' || v === 'cookie' || v === 'any' ? v : null;
}

/** §3: does `os_authType` make this request a 401? (Basic wants Basic; cookie wants a live session; any wants either.) */
export function osAuthTypeRefuses(type: OsAuthType | null, caller: Caller): boolean {
  switch (type) {
    case 'basic':
      return caller.via !== 'basic';
    case 'cookie':
      return caller.via !== 'session' && caller.via !== 'remember-me';
    case 'any':
      return caller.user === null;
    default:
      return false;
  }
}
