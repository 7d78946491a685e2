/**
 * A Jira emulator that authenticates the way Seraph does (atlassian-auth.md), for the e2e tests, the
 * `npm start` demo and the benchmarks. Start one per test with `startEmulator(options)`.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Clock } from './clock';
import { SessionStore, publicSessionId, type Session } from './sessions';
import { CLOUD_USERS, SERVER_USERS, type EmulatorUser } from './users';
import {
  Directory,
  LoginGuard,
  osAuthType,
  osAuthTypeRefuses,
  parseCookies,
  presentedCredentials,
  type Caller,
  type Mode,
} from './auth';
import * as pages from './pages';
import { search } from './jira';

export type { EmulatorUser } from './users';

export interface EmulatorOptions {
  host?: string;
  port?: number;
  mode?: Mode;
  tls?: { key: string; cert: string };
  /** Origin used in links and login-url (e.g. https://acme.atlassian.net); default: the listening URL. */
  publicOrigin?: string;
  sessionTimeoutSec?: number;
  /** Max-Age on the session Set-Cookie; null (default) = browser-session cookie, like real Jira. */
  cookieMaxAgeSec?: number | null;
  captchaAfterFailures?: number;
  users?: EmulatorUser[];
  sessionCookieName?: string;
}

export interface Emulator {
  url: string;
  port: number;
  mode: Mode;
  sessionCookieName: string;
  close(): Promise<void>;
  advanceClock(seconds: number): void;
  expireAllSessions(): void;
  setSessionTimeout(seconds: number): void;
  resetCaptcha(user?: string): void;
  readonly requests: ReadonlyArray<{ method: string; url: string; status: number }>;
}

export const REMEMBER_ME_COOKIE = 'seraph.rememberme.cookie';
export const XSRF_COOKIE = 'atlassian.xsrf.token';
const BASIC_REALM = 'protected-area';

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  cookies: Map<string, string>;
  caller: Caller;
  setCookies: string[];
  loginReason: string[];
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const mode: Mode = opts.mode ?? 'server';
  const users = opts.users ?? (mode === 'cloud' ? CLOUD_USERS : SERVER_USERS);
  const cookieName = opts.sessionCookieName ?? (mode === 'cloud' ? 'tenant.session.token' : 'JSESSIONID');
  const clock = new Clock();
  const sessions = new SessionStore(clock, opts.sessionTimeoutSec ?? 1800);
  const guard = new LoginGuard(opts.captchaAfterFailures ?? 3);
  const directory = new Directory(users, mode);
  const secure = Boolean(opts.tls);
  const log: { method: string; url: string; status: number }[] = [];
  let origin = opts.publicOrigin ?? '';

  // ---- cookies ---------------------------------------------------------------------------
  const cookieAttrs = `; Path=/; HttpOnly${secure ? '; Secure; SameSite=None' : ''}`;
  const sessionCookie = (s: Session) =>
    `${cookieName}=${s.id}${cookieAttrs}${opts.cookieMaxAgeSec != null ? `; Max-Age=${opts.cookieMaxAgeSec}` : ''}`;
  const clearedCookie = (name: string) => `${name}=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;

  // ---- who is calling ------------------------------------------------------------------------
  /** Returns a response already sent (failed Basic/Bearer) or the caller. */
  function identify(ctx: Omit<Ctx, 'caller'>): Caller | 'answered' {
    const presented = presentedCredentials(ctx.req);
    const caller: Caller = { user: null, session: null, staleSessionCookie: false, viaCredentials: false, resumedFromRememberMe: false };
    if (presented.kind === 'basic') {
      if (guard.captchaRequired(presented.login)) {
        captchaDenied({ ...ctx, caller, loginReason: ['AUTHENTICATION_DENIED'] });
        return 'answered';
      }
      const user = directory.checkBasic(presented.login, presented.secret);
      if (!user) {
        guard.failed(presented.login);
        send({ ...ctx, caller, loginReason: ['AUTHENTICATED_FAILED'] }, 401, 'text/plain;charset=UTF-8', 'Basic Authentication Failure - Reason : AUTHENTICATED_FAILED');
        return 'answered';
      }
      if (user.appAccess === false) {
        send({ ...ctx, caller, loginReason: ['AUTHORISATION_FAILED'] }, 401, 'text/plain;charset=UTF-8', 'Basic Authentication Failure - Reason : AUTHORISATION_FAILED');
        return 'answered';
      }
      ctx.loginReason.push('OK');
      return { ...caller, user, viaCredentials: true };
    }
    if (presented.kind === 'bearer') {
      const user = directory.checkBearer(presented.token);
      if (!user) {
        send({ ...ctx, caller }, 401, 'application/json', JSON.stringify({ errorMessages: ['The personal access token is invalid or expired.'], errors: {} }));
        return 'answered';
      }
      return { ...caller, user, viaCredentials: true };
    }
    const sentId = ctx.cookies.get(cookieName);
    const session = sessions.use(sentId);
    if (session) return { ...caller, user: session.user, session };
    caller.staleSessionCookie = Boolean(sentId);
    const remembered = sessions.rememberedUser(ctx.cookies.get(REMEMBER_ME_COOKIE));
    if (remembered) {
      // Seraph's remember-me: a fresh session, silently, as if the user had logged in.
      const fresh = sessions.create(remembered);
      ctx.setCookies.push(sessionCookie(fresh));
      ctx.loginReason.push('OK');
      return { ...caller, user: remembered, session: fresh, staleSessionCookie: false, resumedFromRememberMe: true };
    }
    return caller;
  }

  // ---- responses -----------------------------------------------------------------------------
  function send(ctx: Ctx, status: number, type: string, body: string, extra: Record<string, string> = {}): void {
    const headers: Record<string, string | string[]> = {
      'Content-Type': type,
      'Cache-Control': 'no-cache, no-store, no-transform',
      'X-AREQUESTID': `${Math.floor(clock.now() / 60000) % 1440}x${randomUUID().slice(0, 8)}x1`,
      'X-AUSERNAME': encodeURIComponent(ctx.caller.user?.name ?? 'anonymous'),
      ...extra,
    };
    if (ctx.caller.session) headers['X-ASESSIONID'] = publicSessionId(ctx.caller.session);
    if (ctx.loginReason.length) headers['X-Seraph-LoginReason'] = ctx.loginReason.join(', ');
    if (type.startsWith('text/html')) {
      // The XSRF token ends in |lin for a signed-in user and |lout for anonymous (a cheap anonymity signal).
      const want = ctx.caller.user ? 'lin' : 'lout';
      const have = ctx.cookies.get(XSRF_COOKIE);
      if (!have?.endsWith(`|${want}`)) ctx.setCookies.push(`${XSRF_COOKIE}=${randomUUID().replace(/-/g, '').slice(0, 20)}|${want}; Path=/${secure ? '; Secure' : ''}`);
    }
    if (ctx.setCookies.length) headers['Set-Cookie'] = ctx.setCookies;
    ctx.res.writeHead(status, headers);
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body);
    log.push({ method: ctx.req.method ?? 'GET', url: ctx.url.pathname + ctx.url.search, status });
  }
  const json = (ctx: Ctx, status: number, value: unknown, extra?: Record<string, string>) =>
    send(ctx, status, 'application/json;charset=UTF-8', value === undefined ? '' : JSON.stringify(value), extra);
  const html = (ctx: Ctx, status: number, body: string, extra?: Record<string, string>) => send(ctx, status, 'text/html;charset=UTF-8', body, extra);
  const redirect = (ctx: Ctx, location: string) => send(ctx, 302, 'text/plain', '', { Location: location });
  const notLoggedIn = (ctx: Ctx) =>
    json(ctx, 401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });

  function captchaDenied(ctx: Ctx): void {
    if (!ctx.loginReason.includes('AUTHENTICATION_DENIED')) ctx.loginReason.push('AUTHENTICATION_DENIED');
    json(ctx, 403, { errorMessages: ['CAPTCHA_CHALLENGE'], errors: {} }, {
      'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${origin}/login.jsp`,
    });
  }

  function startSession(ctx: Ctx, user: EmulatorUser, rememberMe: boolean): Session {
    if (ctx.caller.session) {
      // A login over a live session: Seraph logs the old one out first ("OUT, OK").
      sessions.destroy(ctx.caller.session.id);
      ctx.loginReason.push('OUT');
    }
    guard.reset(user.name);
    if (user.email) guard.reset(user.email);
    const session = sessions.create(user);
    ctx.setCookies.push(sessionCookie(session));
    if (rememberMe) ctx.setCookies.push(`${REMEMBER_ME_COOKIE}=${sessions.issueRememberMe(user)}${cookieAttrs}; Max-Age=1209600`);
    ctx.loginReason.push('OK');
    ctx.caller = { ...ctx.caller, user, session, staleSessionCookie: false };
    return session;
  }

  function logout(ctx: Ctx): void {
    sessions.destroy(ctx.caller.session?.id ?? ctx.cookies.get(cookieName));
    sessions.forgetRememberMe(ctx.cookies.get(REMEMBER_ME_COOKIE));
    ctx.setCookies.push(clearedCookie(cookieName));
    if (ctx.cookies.has(REMEMBER_ME_COOKIE)) ctx.setCookies.push(clearedCookie(REMEMBER_ME_COOKIE));
    ctx.loginReason.push('OUT');
    ctx.caller = { ...ctx.caller, user: null, session: null };
  }

  const loginInfo = (user: EmulatorUser) => ({
    failedLoginCount: guard.failureCount(user.name),
    loginCount: 1,
    lastFailedLoginTime: new Date(clock.now() - 86_400_000).toISOString(),
    previousLoginTime: new Date(clock.now() - 3_600_000).toISOString(),
  });

  // ---- routes --------------------------------------------------------------------------------
  async function restSession(ctx: Ctx): Promise<void> {
    const method = ctx.req.method;
    if (method === 'POST') {
      let body: { username?: unknown; password?: unknown } = {};
      try {
        body = JSON.parse(await readBody(ctx.req)) as typeof body;
      } catch {
        return json(ctx, 400, { errorMessages: ['Invalid JSON body'], errors: {} });
      }
      const login = typeof body.username === 'string' ? body.username : '';
      const password = typeof body.password === 'string' ? body.password : '';
      if (guard.captchaRequired(login)) return captchaDenied(ctx);
      const user = directory.checkPassword(login, password);
      if (!user) {
        guard.failed(login);
        ctx.loginReason.push('AUTHENTICATED_FAILED');
        return json(ctx, 401, { errorMessages: ['Login failed'], errors: {} });
      }
      if (user.appAccess === false) {
        ctx.loginReason.push('AUTHORISATION_FAILED');
        return json(ctx, 401, { errorMessages: ['Login failed'], errors: {} });
      }
      const session = startSession(ctx, user, false);
      return json(ctx, 200, { session: { name: cookieName, value: session.id }, loginInfo: loginInfo(user) });
    }
    if (method === 'DELETE') {
      if (!ctx.caller.session) return notLoggedIn(ctx);
      logout(ctx);
      return send(ctx, 204, 'text/plain', '');
    }
    if (!ctx.caller.user) return notLoggedIn(ctx);
    return json(ctx, 200, {
      self: `${origin}/rest/api/latest/user?username=${encodeURIComponent(ctx.caller.user.name)}`,
      name: ctx.caller.user.name,
      loginInfo: loginInfo(ctx.caller.user),
    });
  }

  async function loginPage(ctx: Ctx): Promise<void> {
    const destination = ctx.url.searchParams.get('os_destination') ?? '';
    if (ctx.req.method !== 'POST') return html(ctx, 200, pages.loginForm({ destination }));
    const form = new URLSearchParams(await readBody(ctx.req));
    const login = form.get('os_username') ?? '';
    const dest = safeDestination(form.get('os_destination'));
    if (guard.captchaRequired(login) && form.get('os_captcha') !== pages.CAPTCHA_ANSWER) {
      ctx.loginReason.push('AUTHENTICATION_DENIED');
      return html(ctx, 200, pages.loginForm({ captcha: true, username: login, destination: dest, error: 'Please answer the CAPTCHA.' }));
    }
    const user = directory.checkPassword(login, form.get('os_password') ?? '');
    if (!user) {
      guard.failed(login);
      ctx.loginReason.push('AUTHENTICATED_FAILED');
      return html(ctx, 200, pages.loginForm({ captcha: guard.captchaRequired(login), username: login, destination: dest, error: 'Sorry, your username and password are incorrect - please try again.' }));
    }
    if (user.appAccess === false) {
      ctx.loginReason.push('AUTHORISATION_FAILED');
      return html(ctx, 200, pages.loginForm({ username: login, destination: dest, error: 'You do not have permission to log in to this application.' }));
    }
    startSession(ctx, user, form.get('os_cookie') === 'true');
    return redirect(ctx, dest);
  }

  async function control(ctx: Ctx): Promise<void> {
    const path = ctx.url.pathname;
    if (ctx.req.method === 'POST') {
      if (path === '/__emulator/expire-sessions') sessions.expireAll();
      else if (path === '/__emulator/advance') clock.advance(Number(ctx.url.searchParams.get('seconds')) || 0);
      else if (path === '/__emulator/reset-captcha') guard.reset(ctx.url.searchParams.get('user') ?? undefined);
      else return json(ctx, 404, { errorMessages: ['No such control'] });
      return redirect(ctx, '/__emulator/');
    }
    return html(ctx, 200, pages.controlPage({ origin, mode, users, sessions: sessions.liveCount(), timeoutSec: sessions.timeoutSec }));
  }

  async function route(ctx: Ctx): Promise<void> {
    const { pathname } = ctx.url;
    const isRest = pathname === '/rest' || pathname.startsWith('/rest/');
    const user = ctx.caller.user;

    const type = osAuthType(ctx.url);
    if (osAuthTypeRefuses(type, ctx.caller)) {
      if (type === 'basic') return send(ctx, 401, 'text/plain', 'Authentication required', { 'WWW-Authenticate': `Basic realm="${BASIC_REALM}"` });
      return notLoggedIn(ctx);
    }
    // §2: a dead session cookie is a 401 under /rest (the login endpoint itself excepted) …
    if (isRest && ctx.caller.staleSessionCookie && !user && pathname !== '/rest/auth/1/session') return notLoggedIn(ctx);
    // … and silently anonymous everywhere else: the routes below just see user === null.

    if (pathname === '/rest/auth/1/session') return restSession(ctx);
    if (pathname === '/rest/api/2/search' || pathname === '/rest/api/latest/search') return json(ctx, 200, search(ctx.url, user !== null, origin));
    if (pathname === '/rest/api/2/myself') {
      if (!user) return notLoggedIn(ctx);
      return json(ctx, 200, { name: user.name, displayName: user.displayName, emailAddress: user.email ?? `${user.name}@example.com` });
    }
    if (isRest) return json(ctx, 404, { errorMessages: ['null for uri: ' + pathname], errors: {} });

    if (pathname === '/' || pathname === '/secure/' || pathname === '/secure') return redirect(ctx, '/secure/Dashboard.jspa');
    if (pathname === '/login.jsp') return loginPage(ctx);
    if (pathname === '/logout' || pathname === '/secure/Logout!default.jspa') {
      logout(ctx);
      return html(ctx, 200, pages.loggedOut());
    }
    if (pathname === '/secure/Dashboard.jspa') return html(ctx, 200, pages.dashboard(user));
    if (pathname === '/issues/' || pathname === '/issues') return html(ctx, 200, pages.issueSearch(user, ctx.url.searchParams.get('jql') ?? ''));
    const browse = /^\/browse\/([^/]+)$/.exec(pathname);
    if (browse) return html(ctx, 200, pages.browse(user, decodeURIComponent(browse[1]!)));
    if (pathname === '/favicon.ico') return send(ctx, 204, 'image/x-icon', '');
    return html(ctx, 404, '<h1>Not found</h1>');
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const base = { req, res, url, cookies: parseCookies(req), setCookies: [] as string[], loginReason: [] as string[] };
    if (url.pathname.startsWith('/__emulator')) {
      return control({ ...base, caller: { user: null, session: null, staleSessionCookie: false, viaCredentials: false, resumedFromRememberMe: false } });
    }
    const caller = identify(base);
    if (caller === 'answered') return;
    return route({ ...base, caller });
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(err));
    });
  };
  const server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, listener) : http.createServer(listener);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${secure ? 'https' : 'http'}://${host}:${port}`;
  origin ||= url;

  return {
    url,
    port,
    mode,
    sessionCookieName: cookieName,
    requests: log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    advanceClock: (seconds) => clock.advance(seconds),
    expireAllSessions: () => sessions.expireAll(),
    setSessionTimeout: (seconds) => {
      sessions.timeoutSec = seconds;
    },
    resetCaptcha: (user) => guard.reset(user),
  };
}

/** Only local paths: an open redirect in a test server would still be an open redirect. */
function safeDestination(dest: string | null): string {
  return dest && dest.startsWith('/') && !dest.startsWith('//') ? dest : '/secure/Dashboard.jspa';
}

function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
