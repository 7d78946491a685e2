/**
 * An Atlassian emulator (Jira or Confluence, Data Center or Cloud) that authenticates the way Seraph does
 * (atlassian-auth.md), for the Playwright tests (in-process: `startEmulator()` per test), the `npm start`
 * demo and the benchmarks. This module wires the pieces together and runs Seraph's decisions, the same for
 * every product; auth.ts decides who is calling, login.ts signs in and out, profile.ts says what differs
 * between products, jira-routes.ts and confluence-routes.ts are the content.
 */
import { isManifestPath, manifest } from './manifest';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomInt } from 'node:crypto';
import { Directory, LoginRecords, identify, osAuthType, osAuthTypeRefuses, presentedCredentials, type Identification } from './auth';
import { Clock } from './clock';
import { DEFAULT_SESSION_LIFETIME_SEC, sessionToken } from './cloud-token';
import { confluencePublicPath, confluenceRoute } from './confluence-routes';
import { CONTROL_PREFIX, control } from './control';
import { CROWD_TOKEN_COOKIE, REMEMBER_ME_COOKIE, setCookie } from './cookies';
import { Exchange } from './exchange';
import { AppLink, oauthParams, type AppLinkSettings } from './applink';
import { gatewayIdentify } from './cloud-auth';
import { OAuth2Tokens } from './oauth2';
import { requiredScope, startPlatform } from './platform';
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
export { CLOUD_TOKENS, FRED_EXPIRED_PAT, FRED_PAT, type CloudApiToken } from './users';
export { APPLINK_ACCESS_TOKEN, APPLINK_CONSUMER_KEY, OAUTH_PROBLEMS, appLinkAuthorization, type AppLinkSettings, type OAuthProblem } from './applink';
export { AUTH_HOST, GATEWAY_HOST, SSO_POLICY_MISMATCH } from './platform';

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
  /** Cloud: the site's cloudId (default a fixed UUID, so recordings are stable). */
  cloudId?: string;
  /** Cloud: Atlassian's login refuses with `authentication-policy-strategy-mismatch` (default false). */
  ssoPolicyMismatch?: boolean;
  /** Data Center: the application link's switches (default: real checks, no problem in WWW-Authenticate). */
  appLink?: Partial<AppLinkSettings>;
}

/** The default cloudId of the emulated Cloud site. */
export const DEFAULT_CLOUD_ID = 'a436116f-02ce-4520-8fbb-7301462a1674';

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
  /** Cloud: the listener of api.atlassian.com and auth.atlassian.com (platform.ts); null on Data Center. */
  readonly platformUrl: string | null;
  readonly platformPort: number | null;
  /** Every request the platform listener answered (gateway, token endpoint, /authorize). */
  readonly platformRequests: ReadonlyArray<RequestLogEntry>;
  cloudId: string;
  /** Cloud: the OAuth 2.0 grant every emulator starts with (first user), so a test knows a token to use. */
  readonly oauthInitial: { accessToken: string; refreshToken: string } | null;
  /** Data Center: the application link's switches. */
  setAppLink(settings: Partial<AppLinkSettings>): AppLinkSettings;
  /** Cloud: turns the SSO policy mismatch of Atlassian's login on or off. */
  setSsoPolicyMismatch(on: boolean): void;
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
    cloudId: opts.cloudId ?? DEFAULT_CLOUD_ID,
    oauth: new OAuth2Tokens(clock, users),
    platform: null,
    ssoPolicyMismatch: opts.ssoPolicyMismatch ?? false,
    appLink: new AppLink(clock),
    configureSso: (settings) => configureSso(state, opts.host ?? '127.0.0.1', settings),
  };

  const listen = (ex: Exchange) =>
    void handle(ex).catch((err: unknown) => {
      if (ex.res.headersSent) return void ex.res.destroy();
      ex.text(500, `Emulator error: ${err instanceof Error ? err.message : String(err)}`);
    });
  const listener = (req: IncomingMessage, res: ServerResponse) => listen(new Exchange(req, res, state));
  state.appLink.configure(opts.appLink ?? {});
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
  if (profile.cloud) {
    state.platform = await startPlatform({
      host,
      tls: Boolean(opts.tls),
      state,
      gateway: (req, res) => {
        const ex = new Exchange(req, res, state);
        ex.gateway = true;
        listen(ex);
      },
    });
  }
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
        state.platform?.close(),
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
    get platformUrl() {
      return state.platform?.url ?? null;
    },
    get platformPort() {
      return state.platform?.port ?? null;
    },
    get platformRequests() {
      return state.platform?.requests ?? [];
    },
    cloudId: state.cloudId,
    oauthInitial: state.oauth.initial,
    setAppLink: (settings) => {
      state.appLink.configure(settings);
      return { ...state.appLink.settings };
    },
    setSsoPolicyMismatch: (on) => {
      state.ssoPolicyMismatch = on;
    },
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
  const { state } = ex;
  if (ex.gateway) return gateway(ex);
  if (pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`)) return control(ex);
  // The edge answers this before any product, without credentials (Community qaq-p/3089340; no Atlassian doc).
  if (state.profile.cloud && pathname === '/_edge/tenant_info') {
    ex.atlassianHeaders = false;
    return ex.json(200, { cloudId: state.cloudId });
  }
  // An application link's OAuth 1.0a call (Data Center): answered by the OAuth provider before Seraph looks at anything else.
  const oauth1 = state.profile.cloud ? null : oauthParams(ex.req.headers.authorization);
  if (oauth1) {
    const checked = state.appLink.check(oauth1, state.users);
    if ('problem' in checked) return oauthProblem(ex, checked.problem);
    ex.caller = checked.caller;
    return route(ex);
  }

  const osType = osAuthType(ex.url);
  const who = identify(
    { authorization: ex.req.headers.authorization, cookies: ex.cookies, sessionCookieName: state.sessionCookieName, rememberMeCookieName: REMEMBER_ME_COOKIE },
    state.directory,
    state.records,
    state.sessions,
    osType,
    state.oauth,
  );
  if (who.kind === 'refused') return refuse(ex, who, osType === 'basic');
  ex.caller = who.caller;
  if (who.reason) ex.loginReason = [who.reason];
  // Cloud's refused API token runs as anonymous: the answer says so with a `_lout` XSRF cookie, REST or page (jira.js#418).
  if (who.reason === 'AUTHENTICATED_FAILED' && !who.caller.user) ex.loginStateChanged = true;
  if (who.caller.via === 'basic') basicLoginSucceeded(ex);
  if (who.caller.via === 'bearer') patLoginSucceeded(ex);
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
  return route(ex);
}

/** The product's routes, once the caller is known. */
function route(ex: Exchange): Promise<void> {
  const { state } = ex;
  const { profile } = state;
  const { pathname } = ex.url;
  // Public on every site, anonymous access or not: other applications read it to create a link.
  if (isManifestPath(profile.base, pathname)) return Promise.resolve(manifest(ex));
  const isPublic = profile.product === 'jira' ? jiraPublicPath(pathname) : confluencePublicPath(profile, pathname);
  if (!state.anonymousAccess && !ex.caller.user && !isPublic) {
    // A site without anonymous access: REST says 401, pages send the visitor to the login form.
    return Promise.resolve(ex.isRest ? ex.notAuthenticated() : ex.redirect(loginRedirectTarget(profile, ex.url)));
  }
  return profile.product === 'jira' ? jiraRoute(ex) : confluenceRoute(ex);
}

/**
 * api.atlassian.com/ex/{product}/{cloudId}/… (platform.ts rewrote the URL to the site's path): only the REST
 * API is there, only credentials in the Authorization header count (no cookies), and scopes are checked.
 */
async function gateway(ex: Exchange): Promise<void> {
  const { state } = ex;
  if (!ex.isRest) return ex.json(404, { code: 404, message: 'Not Found' });
  const who = gatewayIdentify(presentedCredentials(ex.req.headers.authorization), requiredScope(state.profile.product, ex.url.pathname), state.directory, state.oauth);
  if (who.kind === 'refused') return refuse(ex, who, false);
  ex.caller = who.caller;
  if (who.caller.via === 'basic') ex.loginReason = ['OK'];
  return route(ex);
}

/**
 * Data Center personal access token: Seraph signs the caller in for the request and Tomcat opens an HTTP session,
 * so the answer carries `OK`, `X-AUSERNAME`, a JSESSIONID and a `lin` XSRF cookie (atlassian-auth.md §8).
 */
function patLoginSucceeded(ex: Exchange): void {
  const { state } = ex;
  ex.loginReason = ['OK'];
  ex.loginStateChanged = true;
  const session = state.sessions.create(ex.caller.user!);
  ex.caller = { ...ex.caller, session };
  ex.setCookies.push(setCookie(state.sessionCookieName, session.id, { maxAgeSec: state.cookieMaxAgeSec, httpOnly: true, secure: state.secure }));
}

/**
 * An OAuth 1.0a refusal: 401 with the form-encoded body `oauth_problem=…` Jira was seen sending; with the
 * challenge switch the problem is also named in WWW-Authenticate, in the standard OAuth form.
 */
function oauthProblem(ex: Exchange, problem: string): void {
  const realm = encodeURIComponent(ex.state.origin);
  const www: Record<string, string> = ex.state.appLink.settings.challenge ? { 'WWW-Authenticate': `OAuth realm="${realm}", oauth_problem="${problem}"` } : {};
  ex.send(401, 'application/x-www-form-urlencoded', `oauth_problem=${problem}`, www);
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
  if (r.answer) return ex.send(r.answer.status, r.answer.contentType, r.answer.body);
  const www: Record<string, string> = challenge ? { 'WWW-Authenticate': `Basic realm="${BASIC_REALM}"` } : {};
  if (r.scheme === 'bearer') {
    return ex.json(401, { errorMessages: ['The personal access token is invalid, expired or revoked.'], errors: {} }, www);
  }
  if (r.reason === 'AUTHENTICATION_DENIED') return ex.text(403, 'Basic Authentication Failure - Reason : AUTHENTICATION_DENIED', captchaHeaders(ex));
  ex.text(r.status, `Basic Authentication Failure - Reason : ${r.reason}`, www);
}
