/**
 * A Jira emulator that authenticates the way Seraph does (atlassian-auth.md), for the Playwright tests
 * (in-process: `startEmulator()` per test), the `npm start` demo and the benchmarks. This module wires the
 * pieces together and routes; auth.ts decides who is calling, login.ts signs in and out, pages.ts and
 * jira.ts are the content.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Directory, LoginRecords, identify, osAuthType, osAuthTypeRefuses, type Identification } from './auth';
import { Clock } from './clock';
import { CONTROL_PREFIX, control } from './control';
import { REMEMBER_ME_COOKIE, setCookie } from './cookies';
import { Exchange } from './exchange';
import { canSee, issue, issueNumber, search } from './jira';
import { captchaHeaders, loginPage, logoutPage, restSession } from './login';
import { benchRoute } from './bench-pages';
import type { Mode } from './mode';
import * as pages from './pages';
import { SessionStore } from './sessions';
import type { EmulatorState, RequestLogEntry } from './state';
import { defaultUsers, type EmulatorUser } from './users';

export type { EmulatorUser } from './users';
export type { Mode } from './mode';
export { REMEMBER_ME_COOKIE, XSRF_COOKIE } from './cookies';
export { CAPTCHA_ANSWER } from './pages';
export { CLOUD_USERS, SERVER_USERS, describeCredentials } from './users';
export { ISSUE_COUNT_ANONYMOUS, ISSUE_COUNT_SIGNED_IN } from './jira';

export interface EmulatorOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: a free port chosen at start. */
  port?: number;
  /** Server/DC (default) or Cloud behaviour. */
  mode?: Mode;
  /** Serve HTTPS (Cloud under a real *.atlassian.net name; see tls.ts). */
  tls?: { key: string; cert: string };
  /** Origin printed in links and login-url, e.g. 'https://acme.atlassian.net'; default: the listening URL. */
  publicOrigin?: string;
  /** Server-side inactivity timeout (sliding), default 1800 s. */
  sessionTimeoutSec?: number;
  /** Max-Age on the session Set-Cookie; default null = browser-session cookie, like real Jira. */
  cookieMaxAgeSec?: number | null;
  /** Failed logins in a row for one user before CAPTCHA is required; default 3 (Infinity: never). */
  captchaAfterFailures?: number;
  /** Default: fred/fred, admin/admin, guest/guest (no app access) on Server; user@example.com on Cloud. */
  users?: EmulatorUser[];
  /** Default JSESSIONID (Server) or tenant.session.token (Cloud). */
  sessionCookieName?: string;
}

export interface Emulator {
  /** The listening URL, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** publicOrigin, or url. */
  origin: string;
  mode: Mode;
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
}

const BASIC_REALM = 'protected-area';

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const mode: Mode = opts.mode ?? 'server';
  const users = opts.users ? opts.users.map((u) => ({ ...u })) : defaultUsers(mode);
  const clock = new Clock();
  const directory = new Directory(users, mode);
  const state: EmulatorState = {
    mode,
    origin: opts.publicOrigin ? new URL(opts.publicOrigin).origin : '',
    secure: Boolean(opts.tls),
    sessionCookieName: opts.sessionCookieName ?? (mode === 'cloud' ? 'tenant.session.token' : 'JSESSIONID'),
    cookieMaxAgeSec: opts.cookieMaxAgeSec ?? null,
    users,
    clock,
    sessions: new SessionStore(clock, opts.sessionTimeoutSec ?? 1800),
    directory,
    records: new LoginRecords(directory, clock, opts.captchaAfterFailures ?? 3),
    log: [],
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

  return {
    url,
    port,
    origin: state.origin,
    mode,
    sessionCookieName: state.sessionCookieName,
    users,
    requests: state.log,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err && (err as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING' ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    advanceClock: (seconds) => clock.advance(seconds),
    expireAllSessions: () => state.sessions.expireAll(),
    setSessionTimeout: (seconds) => {
      state.sessions.timeoutSec = seconds;
    },
    resetCaptcha: (user) => state.records.reset(user),
    sessionCount: () => state.sessions.live().length,
  };
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
  if (who.caller.via === 'basic') ex.loginReason = ['OK'];
  if (who.caller.via === 'remember-me') {
    ex.loginReason = ['OK'];
    ex.loginStateChanged = true;
    ex.setCookies.push(setCookie(state.sessionCookieName, who.caller.session!.id, { maxAgeSec: state.cookieMaxAgeSec, httpOnly: true, secure: state.secure }));
  }

  // §3: os_authType makes any URL demand a login of one kind; only basic answers with a challenge.
  if (osAuthTypeRefuses(osType, ex.caller)) {
    if (osType === 'basic') return ex.text(401, 'Basic authentication required', { 'WWW-Authenticate': `Basic realm="${BASIC_REALM}"` });
    return ex.isRest ? ex.notAuthenticated() : ex.html(401, pages.unauthorized(ex.caller.user));
  }
  // §2: a dead session cookie is a 401 under /rest (logging in again excepted), so REST clients notice …
  if (ex.isRest && ex.caller.staleSessionCookie && !(pathname === '/rest/auth/1/session' && ex.method === 'POST')) return ex.notAuthenticated();
  // … and silently anonymous everywhere else: the routes below just see caller.user === null.
  return route(ex);
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

async function route(ex: Exchange): Promise<void> {
  const { pathname } = ex.url;
  const { state } = ex;
  const user = ex.caller.user;

  if (ex.isRest) {
    if (pathname === '/rest/auth/1/session') return restSession(ex);
    if (pathname === '/rest/api/2/search' || pathname === '/rest/api/latest/search') return ex.json(200, search(ex.url, user !== null, state.origin, state.mode));
    if (pathname === '/rest/api/2/myself' || pathname === '/rest/api/latest/myself') {
      if (!user) return ex.notAuthenticated();
      return ex.json(200, {
        self: `${state.origin}/rest/api/2/user?username=${encodeURIComponent(user.name)}`,
        name: user.name,
        ...(user.email ? { emailAddress: user.email } : {}),
        displayName: user.displayName,
        active: true,
      });
    }
    const issueMatch = /^\/rest\/api\/(?:2|latest)\/issue\/([^/]+)$/.exec(pathname);
    if (issueMatch) {
      const key = safeDecode(issueMatch[1]!);
      const n = issueNumber(key);
      // Like Jira, an issue the caller may not see "does not exist" for them.
      if (n === null || !canSee(key, user !== null)) return ex.json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      return ex.json(200, issue(n, state.origin));
    }
    if (pathname === '/rest/api/2/serverInfo') {
      return ex.json(200, { baseUrl: state.origin, version: state.mode === 'cloud' ? '1001.0.0-SNAPSHOT' : '9.12.0', deploymentType: state.mode === 'cloud' ? 'Cloud' : 'Server' });
    }
    return ex.json(404, { errorMessages: [`null for uri: ${state.origin}${pathname}`], errors: {} });
  }

  if (pathname.startsWith('/__bench/')) return benchRoute(ex); // benchmark pages (bench/), not Jira
  if (pathname === '/' || pathname === '/secure' || pathname === '/secure/') return ex.redirect('/secure/Dashboard.jspa');
  // An open redirect, as a misconfigured proxy or app link could answer (tests: replays must not follow it).
  if (pathname === '/plugins/servlet/redirect') return ex.redirect(ex.url.searchParams.get('to') ?? '/');
  if (pathname === '/login.jsp') return loginPage(ex);
  if (pathname === '/logout' || pathname === '/secure/Logout!default.jspa') return logoutPage(ex);
  if (pathname === '/secure/Dashboard.jspa') return ex.html(200, pages.dashboard(user));
  if (pathname === '/issues/' || pathname === '/issues') return ex.html(200, pages.issueSearch(user, ex.url.searchParams.get('jql') ?? ''));
  const browse = /^\/browse\/([^/]+)$/.exec(pathname);
  if (browse) return ex.html(200, pages.browse(user, safeDecode(browse[1]!)));
  if (pathname === '/favicon.ico') return ex.noContent();
  return ex.html(404, pages.notFound(user, pathname));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
