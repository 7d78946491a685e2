/**
 * Signing in and out, for every product: the REST session resource (/rest/auth/1/session), the login form
 * (Jira's /login.jsp, Confluence's /login.action posting to /dologin.action) and logout. Failed attempts count toward CAPTCHA; a CAPTCHA-bound user is refused before the
 * password is checked (AUTHENTICATION_DENIED) until the form's CAPTCHA is answered.
 */
import type { IncomingMessage } from 'node:http';
import { sessionToken } from './cloud-token';
import { REMEMBER_ME_COOKIE, clearedCookie, setCookie } from './cookies';
import type { Exchange } from './exchange';
import * as pages from './pages';
import { REMEMBER_ME_MAX_AGE_SEC } from './sessions';
import { loginRedirectsToSso, redirectLoginToSso } from './idp/sp';
import { accountIdOf, type EmulatorUser } from './users';

/** Cloud's account-wide session cookie, set beside the site's tenant.session.token on a browser login. */
export const CLOUD_SESSION_COOKIE = 'cloud.session.token';

/** A new session for `user`; a live session the request came with is logged out first (`OUT, OK`). Also used by SSO logins. */
export function startSession(ex: Exchange, user: EmulatorUser, rememberMe: boolean) {
  const { state } = ex;
  const previous = ex.caller.session;
  ex.loginReason = ex.caller.via === 'session' ? ['OUT', 'OK'] : ['OK'];
  if (previous) state.sessions.destroy(previous.id);
  const history = state.records.succeeded(user);
  const session = state.sessions.create(user);
  ex.setCookies.push(setCookie(state.sessionCookieName, session.id, { maxAgeSec: state.cookieMaxAgeSec, httpOnly: true, secure: state.secure }));
  if (state.profile.jwtSessions && state.sessionCookieName !== CLOUD_SESSION_COOKIE) {
    // Same session, its own token (own jti): only the site's cookie is looked up by the emulator.
    const lifetimeSec = state.sessions.lifetimeSec ?? 0;
    const token = sessionToken(user, accountIdOf(user), session.sessionId, session.createdAt, lifetimeSec);
    ex.setCookies.push(setCookie(CLOUD_SESSION_COOKIE, token, { maxAgeSec: state.cookieMaxAgeSec, httpOnly: true, secure: state.secure }));
  }
  if (rememberMe) {
    const token = state.sessions.issueRememberMe(user);
    ex.setCookies.push(setCookie(REMEMBER_ME_COOKIE, token, { maxAgeSec: REMEMBER_ME_MAX_AGE_SEC, httpOnly: true, secure: state.secure }));
  }
  ex.caller = { user, session, via: 'session', staleSessionCookie: false };
  ex.loginStateChanged = true;
  return { session, history };
}

/** Destroys the session (and the remember-me token) and tells the browser to drop their cookies. */
export function endSession(ex: Exchange): void {
  const { state } = ex;
  state.sessions.destroy(ex.caller.session?.id ?? ex.cookies.get(state.sessionCookieName));
  ex.setCookies.push(clearedCookie(state.sessionCookieName, { secure: state.secure, httpOnly: true }));
  if (ex.cookies.has(CLOUD_SESSION_COOKIE) && state.sessionCookieName !== CLOUD_SESSION_COOKIE) {
    ex.setCookies.push(clearedCookie(CLOUD_SESSION_COOKIE, { secure: state.secure, httpOnly: true }));
  }
  if (ex.cookies.has(REMEMBER_ME_COOKIE)) {
    state.sessions.forgetRememberMe(ex.cookies.get(REMEMBER_ME_COOKIE));
    ex.setCookies.push(clearedCookie(REMEMBER_ME_COOKIE, { secure: state.secure, httpOnly: true }));
  }
  ex.loginReason = ['OUT'];
  ex.caller = { user: null, session: null, via: null, staleSessionCookie: false };
  ex.loginStateChanged = true;
}

/** The 403 of a CAPTCHA-bound login: clients look for CAPTCHA_CHALLENGE and send the user to login-url. */
export function captchaHeaders(ex: Exchange): Record<string, string> {
  return { 'X-Authentication-Denied-Reason': `CAPTCHA_CHALLENGE; login-url=${ex.state.origin}${ex.state.profile.loginPath}` };
}

/** /rest/auth/1/session: POST logs in, GET says who you are, DELETE logs out. */
export async function restSession(ex: Exchange): Promise<void> {
  const { state } = ex;
  if (ex.method === 'POST') {
    if (!/^application\/json\b/i.test(ex.req.headers['content-type'] ?? '')) {
      return ex.json(415, { errorMessages: ['Content-Type must be application/json'], errors: {} });
    }
    let body: { username?: unknown; password?: unknown };
    try {
      body = JSON.parse(await readBody(ex.req)) as typeof body;
      if (typeof body !== 'object' || body === null) throw new Error('not an object');
    } catch {
      return ex.json(400, { errorMessages: ['Invalid JSON: expected {"username": "…", "password": "…"}'], errors: {} });
    }
    const login = typeof body.username === 'string' ? body.username : '';
    const password = typeof body.password === 'string' ? body.password : '';
    if (state.records.captchaRequired(login)) {
      ex.loginReason = ['AUTHENTICATION_DENIED'];
      return ex.json(403, { errorMessages: ['Login denied'], errors: {} }, captchaHeaders(ex));
    }
    const user = state.directory.checkPassword(login, password);
    if (!user) {
      state.records.failed(login);
      ex.loginReason = ['AUTHENTICATED_FAILED'];
      return ex.json(401, { errorMessages: ['Login failed'], errors: {} });
    }
    if (user.appAccess === false) {
      ex.loginReason = ['AUTHORISATION_FAILED'];
      return ex.json(401, { errorMessages: ['Login failed'], errors: {} });
    }
    const { session, history } = startSession(ex, user, false);
    return ex.json(200, { session: { name: state.sessionCookieName, value: session.id }, loginInfo: state.records.loginInfo(user, history) });
  }
  if (ex.method === 'DELETE') {
    if (!ex.caller.session) return ex.notAuthenticated();
    endSession(ex);
    return ex.noContent();
  }
  if (ex.method !== 'GET' && ex.method !== 'HEAD') return ex.json(405, { errorMessages: [`${ex.method} is not supported here`], errors: {} }, { Allow: 'GET, POST, DELETE' });
  const user = ex.caller.user;
  if (!user) return ex.notAuthenticated();
  return ex.json(200, {
    self: `${state.origin}${state.profile.base}/rest/api/latest/user?username=${encodeURIComponent(user.name)}`,
    ...(state.profile.cloud ? { accountId: accountIdOf(user) } : {}),
    name: user.name,
    loginInfo: state.records.loginInfo(user),
  });
}

/** GET shows the form (with the CAPTCHA when `os_username` needs one); POST signs in. */
export async function loginPage(ex: Exchange): Promise<void> {
  const { state } = ex;
  if (loginRedirectsToSso(ex)) return redirectLoginToSso(ex);
  if (ex.method !== 'POST') {
    const username = ex.url.searchParams.get('os_username') ?? '';
    const form = { destination: ex.url.searchParams.get('os_destination') ?? '', username, captcha: username !== '' && state.records.captchaRequired(username) };
    return ex.html(200, pages.loginForm(form, state.profile));
  }
  const form = new URLSearchParams(await readBody(ex.req));
  const login = form.get('os_username') ?? '';
  const destination = localDestination(form.get('os_destination'), state.profile.home);
  const again = (error: string) => pages.loginForm({ error, username: login, destination, captcha: state.records.captchaRequired(login) }, state.profile);
  if (state.records.captchaRequired(login) && form.get('os_captcha')?.trim().toLowerCase() !== pages.CAPTCHA_ANSWER) {
    // Refused before the password is checked; a missing or wrong answer does not count as a failed login.
    ex.loginReason = ['AUTHENTICATION_DENIED'];
    return ex.html(200, again('Please type the word shown to prove you are a person, then log in again.'));
  }
  const user = state.directory.checkPassword(login, form.get('os_password') ?? '');
  if (!user) {
    state.records.failed(login);
    ex.loginReason = ['AUTHENTICATED_FAILED'];
    return ex.html(200, again('Sorry, your username and password are incorrect - please try again.'));
  }
  if (user.appAccess === false) {
    ex.loginReason = ['AUTHORISATION_FAILED'];
    return ex.html(200, pages.loginForm({ username: login, destination, error: 'You do not have permission to log in to this application.' }, state.profile));
  }
  startSession(ex, user, form.get('os_cookie') === 'true');
  return ex.redirect(destination);
}

/** GET /logout, /secure/Logout!default.jspa, /logout.action: the session ends and the page says so. */
export function logoutPage(ex: Exchange): void {
  endSession(ex);
  ex.html(200, pages.loggedOut(ex.state.profile));
}

/** Only local paths: an open redirect in a test server would still be an open redirect. */
function localDestination(dest: string | null, home: string): string {
  return dest && dest.startsWith('/') && !dest.startsWith('//') && !dest.startsWith('/\\') ? dest : home;
}

export function readBody(req: IncomingMessage, limit = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
