/**
 * An Atlassian emulator (Jira or Confluence, Data Center or Cloud) that authenticates the way Seraph does
 * (atlassian-auth.md), for the Playwright tests (in-process: `startEmulator()` per test), the `npm start`
 * demo and the benchmarks. This module wires the pieces together and runs Seraph's decisions, the same for
 * every product; auth.ts decides who is calling, login.ts signs in and out, profile.ts says what differs
 * between products, jira-routes.ts and confluence-routes.ts are the content.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { Directory, LoginRecords, identify, osAuthType, osAuthTypeRefuses, type Identification } from './auth';
import { Clock } from './clock';
import { DEFAULT_SESSION_LIFETIME_SEC, sessionToken } from './cloud-token';
import { confluencePublicPath, confluenceRoute } from './confluence-routes';
import { CONTROL_PREFIX, control } from './control';
import { CROWD_TOKEN_COOKIE, REMEMBER_ME_COOKIE, setCookie } from './cookies';
import { Exchange } from './exchange';
import { jiraPublicPath, jiraRoute } from './jira-routes';
import { captchaHeaders } from './login';
import type { Mode } from './mode';
import * as pages from './pages';
import { loginRedirectTarget } from './paths';
import { profileFor, type Product, type Profile } from './profile';
import { SessionStore } from './sessions';
import type { EmulatorState, RequestLogEntry } from './state';
import { accountIdOf, defaultUsers, type EmulatorUser } from './users';
import { startIdp } from './idp/idp-server';
import { serviceProvider, ssoPath, ssoRoute } from './idp/sp';
import { SsoState, type SsoOptions, type SsoSettings } from './idp/sso-state';

export type { EmulatorUser } from './users';
export type { Mode } from './mode';
export type { Product, Profile } from './profile';
export { decodeSessionToken, type SessionTokenClaims } from './cloud-token';
export { CROWD_TOKEN_COOKIE, REMEMBER_ME_COOKIE, XSRF_COOKIE } from './cookies';
export { CAPTCHA_ANSWER } from './pages';
export { CLOUD_USERS, SERVER_USERS, describeCredentials } from './users';
export { ISSUE_COUNT_ANONYMOUS, ISSUE_COUNT_SIGNED_IN } from './jira';
export { SSO_FAILURES, type SsoFailure, type SsoOptions, type SsoProtocol, type SsoSettings } from './idp/sso-state';
export { EXTERNAL_LOGIN, OIDC_CALLBACK, SAML_CONSUMER } from './idp/sp';

export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: a free port chosen at start. */
  port?: number;
  /** Jira (default) or Confluence. */
  product?: Product;
  /** Server/DC (default) or Cloud behaviour. */
  mode?: Mode;
  /** Serve HTTPS (Cloud under a real *.atlassian.net name; see tls.ts). */
  tls?: { key: string; cert: string };
  /** Origin printed in links and login-url, e.g. 'https://acme.atlassian.net'; default: the listening URL. */
  publicOrigin?: string;
  /** Server-side inactivity timeout (sliding), default 1800 s (Cloud: sessionLifetimeSec, so only exp ends a session). */
  sessionTimeoutSec?: number;
  /** Max-Age on the session Set-Cookie; default null = browser-session cookie, like real Jira. */
  cookieMaxAgeSec?: number | null;
  /** Failed logins in a row for one user before CAPTCHA is required; default 3 (Infinity: never). */
  captchaAfterFailures?: number;
  /** Default: fred/fred, admin/admin, guest/guest (no app access) on Server; user@example.com on Cloud. */
  users?: EmulatorUser[];
  /** Default JSESSIONID (Server) or tenant.session.token (Cloud). */
  sessionCookieName?: string;
  /** Cloud: the session token's lifetime (exp = iat + this), after which the session is dead; default 30 days. */
  sessionLifetimeSec?: number;
  /** Anonymous visitors may read public content (default true); false: anonymous pages redirect to the login, anonymous REST gets 401. */
  anonymousAccess?: boolean;
  /** Crowd SSO cookie rotation: every successful Basic call answers `OUT, OK`, clearing and re-setting studio.crowd.tokenkey; default false. */
  rotateCookies?: boolean;
  /**
   * Single sign-on through the emulated IdP (Data Center only; off by default): `true` or settings. The IdP
   * listens on its own port of `host`, a different origin. See idp/ and the README.
   */
  sso?: boolean | SsoOptions;
}

export interface Emulator {
  /** The listening URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** publicOrigin, or url. */
  origin: string;
  product: Product;
  mode: Mode;
  /** Everything the product and deployment decide (routes under profile.base, login paths, headers). */
  profile: Profile;
  sessionCookieName: string;
  users: readonly EmulatorUser[];
  close(): Promise<void>;
  /** Moves the server clock forward, so sessions time out without waiting. */
  advanceClock(seconds: number): void;
  expireAllSessions(): void;
  setSessionTimeout(seconds: number): void;
  /** Clears failed-login counts for one user (name or email), or for everybody. */
  resetCaptcha(user?: string): void;
  /** Live sessions right now. */
  sessionCount(): number;
  /** Every request answered, in order, for assertions. */
  readonly requests: ReadonlyArray<RequestLogEntry>;
  /** The emulated IdP's origin once SSO has been turned on (a different port), else null. */
  readonly idpUrl: string | null;
  /** Every request the IdP answered, in order (empty until SSO is turned on). */
  readonly idpRequests: ReadonlyArray<RequestLogEntry>;
  /** Turns SSO on or off and sets its switches (starts the IdP the first time); Data Center profiles only. */
  setSso(settings: SsoOptions & { enabled?: boolean }): Promise<SsoSettings>;
}

const BASIC_REALM = 'protected-area';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const mode: Mode = opts.mode ?? 'server';
  const profile = profileFor(opts.product ?? 'jira', mode);
  if (opts.sso && profile.cloud) throw new Error(CLOUD_SSO);
  const users = opts.users ? opts.users.map((u) => ({ ...u })) : defaultUsers(mode);
  const clock = new Clock();
  const directory = new Directory(users, mode);
  // Cloud's session cookie is the session service's JWT, which ends at its exp; Server/DC's is Tomcat's opaque id
  // with Tomcat's inactivity timeout. Cloud sessions do not time out by inactivity unless a test asks for it.
  const lifetimeSec = opts.sessionLifetimeSec ?? DEFAULT_SESSION_LIFETIME_SEC;
  const timeoutSec = opts.sessionTimeoutSec ?? (profile.jwtSessions ? lifetimeSec : 1800);
  const sessions = profile.jwtSessions
    ? new SessionStore(clock, timeoutSec, lifetimeSec, (user, sessionId, now) => sessionToken(user, accountIdOf(user), sessionId, now, lifetimeSec))
    : new SessionStore(clock, timeoutSec);
  const state: EmulatorState = {
    mode,
    profile,
    origin: opts.publicOrigin ? new URL(opts.publicOrigin).origin : '',
    secure: Boolean(opts.tls),
    sessionCookieName: opts.sessionCookieName ?? profile.sessionCookieName,
    cookieMaxAgeSec: opts.cookieMaxAgeSec ?? null,
    users,
    clock,
    sessions,
    directory,
    records: new LoginRecords(directory, clock, opts.captchaAfterFailures ?? 3),
    log: [],
    anonymousAccess: opts.anonymousAccess ?? true,
    rotateCookies: opts.rotateCookies ?? false,
    sen: `SEN-L${randomInt(1_000_000, 9_999_999)}`,
    sso: new SsoState(),
    idp: null,
    configureSso: (settings) => configureSso(state, opts.host ?? '127.0.0.1', settings),
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const ex = new Exchange(req, res, state);
    handle(ex).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      ex.text(500, `Emulator error: ${err instanceof Error ? err.message : String(err)}`);
    });
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${state.secure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.origin ||= url;
  if (opts.sso) await state.configureSso({ ...(opts.sso === true ? {} : opts.sso), enabled: true });

  return {
    url,
    port,
    origin: state.origin,
    product: profile.product,
    mode,
    profile,
    sessionCookieName: state.sessionCookieName,
    users,
    requests: state.log,
    close: async () => {
      await Promise.all([
        state.idp?.close(),
        new Promise<void>((resolve, reject) => {
          server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
          server.closeAllConnections();
        }),
      ]);
    },
    advanceClock: (seconds) => clock.advance(seconds),
    expireAllSessions: () => state.sessions.expireAll(),
    setSessionTimeout: (seconds) => {
      state.sessions.timeoutSec = seconds;
    },
    resetCaptcha: (user) => state.records.reset(user),
    sessionCount: () => state.sessions.live().length,
    get idpUrl() {
      return state.idp?.url ?? null;
    },
    get idpRequests() {
      return state.idp?.requests ?? [];
    },
    setSso: (settings) => state.configureSso(settings),
  };
}

const CLOUD_SSO = 'SSO is emulated for the Data Center profiles only (Cloud signs in through id.atlassian.com)';

/** Applies SSO settings, starting the IdP the first time SSO is turned on; refuses Cloud (its SSO is Atlassian's own). */
async function configureSso(state: EmulatorState, host: string, settings: SsoOptions & { enabled?: boolean }): Promise<SsoSettings> {
  if (settings.enabled && state.profile.cloud) throw new Error(CLOUD_SSO);
  state.sso.configure(settings);
  if (state.sso.settings.enabled && !state.idp) state.idp = await startIdp({ host, sp: serviceProvider(state.origin), sso: state.sso, clock: state.clock });
  return { ...state.sso.settings };
}

async function handle(ex: Exchange): Promise<void> {
  const { pathname } = ex.url;
  if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) return control(ex);

  const { state } = ex;
  const osType = osAuthType(ex.url);
  const who = identify(
    { authorization: ex.req.headers.authorization, cookies: ex.cookies, sessionCookieName: state.sessionCookieName, rememberMeCookieName: REMEMBER_ME_COOKIE },
    state.directory,
    state.records,
    state.sessions,
    osType,
  );
  if (who.kind === 'refused') return refuse(ex, who, osType === 'basic');
  ex.caller = who.caller;
  if (who.reason) ex.loginReason = [who.reason];
  if (who.caller.via === 'basic') basicLoginSucceeded(ex);
  if (who.caller.via === 'remember-me') {
    ex.loginReason = ['OK'];
    ex.loginStateChanged = true;
    ex.setCookies.push(setCookie(state.sessionCookieName, who.caller.session!.id, { maxAgeSec: state.cookieMaxAgeSec, httpOnly: true, secure: state.secure }));
  }

  // §3: os_authType makes any URL demand a login of one kind; only basic answers with a Basic challenge
  // (the others get Server/DC's OAuth one, like every 401: Exchange.send).
  const { profile } = state;
  if (osAuthTypeRefuses(osType, ex.caller)) {
    if (osType === 'basic') return ex.text(401, 'Basic authentication required', { 'WWW-Authenticate': `Basic realm="${BASIC_REALM}"` });
    return ex.isRest ? ex.notAuthenticated() : ex.html(401, pages.unauthorized(ex.caller.user, state.profile));
  }
  // §2: a dead session cookie is a 401 under /rest (logging in again excepted), so REST clients notice …
  const loggingIn = pathname === `${profile.base}/rest/auth/1/session` && ex.method === 'POST';
  if (ex.isRest && ex.caller.staleSessionCookie && !loggingIn) return ex.notAuthenticated();
  // … and silently anonymous everywhere else: the routes below just see caller.user === null.
  if (ssoPath(pathname)) return ssoRoute(ex); // open to anonymous callers, like the login form
  const isPublic = profile.product === 'jira' ? jiraPublicPath(pathname) : confluencePublicPath(profile, pathname);
  if (!state.anonymousAccess && !ex.caller.user && !isPublic) {
    // A site without anonymous access: REST says 401, pages send the visitor to the login form.
    return ex.isRest ? ex.notAuthenticated() : ex.redirect(loginRedirectTarget(profile, ex.url));
  }
  return profile.product === 'jira' ? jiraRoute(ex) : confluenceRoute(ex);
}

/**
 * A good Basic login: `OK`, or with Crowd SSO rotation (atlassian-auth.md §8) `OUT, OK` and the crowd
 * token cleared and set again on the same response, which is a renewal, not a sign-out.
 */
function basicLoginSucceeded(ex: Exchange): void {
  if (!ex.state.rotateCookies) {
    ex.loginReason = ['OK'];
    return;
  }
  const { secure } = ex.state;
  ex.loginReason = ['OUT', 'OK'];
  ex.setCookies.push(`${CROWD_TOKEN_COOKIE}=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/${secure ? '; Secure' : ''}; HttpOnly`);
  ex.setCookies.push(setCookie(CROWD_TOKEN_COOKIE, randomBytes(18).toString('base64url'), { httpOnly: true, secure }));
}

/** Credentials in the Authorization header that failed: Seraph answers before any route runs. */
function refuse(ex: Exchange, r: Extract<Identification, { kind: 'refused' }>, challenge: boolean): void {
  if (r.reason) ex.loginReason = [r.reason];
  const www: Record<string, string> = challenge ? { 'WWW-Authenticate': `Basic realm="${BASIC_REALM}"` } : {};
  if (r.scheme === 'bearer') {
    return ex.json(401, { errorMessages: ['The personal access token is invalid, expired or revoked.'], errors: {} }, www);
  }
  if (r.reason === 'AUTHENTICATION_DENIED') return ex.text(403, 'Basic Authentication Failure - Reason : AUTHENTICATION_DENIED', captchaHeaders(ex));
  ex.text(r.status, `Basic Authentication Failure - Reason : ${r.reason}`, www);
}
