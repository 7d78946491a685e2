/**
 * One request and its response. Every answer of the emulated product goes through send(), which adds the
 * headers the product puts on every response (fingerprints.ts) and X-Seraph-LoginReason, the OAuth
 * challenge of Server/DC, Tomcat's anonymous JSESSIONID, and keeps the XSRF cookie's lin / lout in step
 * with the login state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ANONYMOUS, type Caller, type LoginReason } from './auth';
import { XSRF_COOKIE, parseCookieHeader, setCookie, xsrfToken } from './cookies';
import { CLIENT_MUST_AUTHENTICATE } from './cloud-auth';
import { productHeaders } from './fingerprints';
import type { EmulatorState } from './state';

export { javaUrlEncode } from './fingerprints';

export class Exchange {
  readonly url: URL;
  readonly cookies: Map<string, string>;
  caller: Caller = ANONYMOUS;
  /** Set-Cookie values for this response, in order. */
  readonly setCookies: string[] = [];
  /** X-Seraph-LoginReason values, in order (`OUT, OK` for a login that replaced a session). */
  loginReason: LoginReason[] = [];
  /** The login state changed on this request: the XSRF token is reissued whatever the content type. */
  loginStateChanged = false;
  /** false for the emulator's own control routes, which are not Jira and must not look like it. */
  atlassianHeaders = true;
  /** false: no anonymous JSESSIONID on this answer (the SSO `loop` switch sets no session cookie at all). */
  anonymousSession = true;
  /** Came through api.atlassian.com/ex/… (platform.ts): logged there, not in the site's request log. */
  gateway = false;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly state: EmulatorState,
  ) {
    // Prefix the origin rather than resolving against it: a path like `//x` must stay a path, not become a host.
    this.url = new URL(state.origin + (req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`));
    this.cookies = parseCookieHeader(req.headers.cookie);
  }

  get method(): string {
    return this.req.method ?? 'GET';
  }

  /** Under the product's /rest (Confluence Cloud: /wiki/rest), where Seraph answers a dead session with 401. */
  get isRest(): boolean {
    const p = this.url.pathname;
    const rest = `${this.state.profile.base}/rest`;
    return p === rest || p.startsWith(`${rest}/`);
  }

  send(status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
    const { state } = this;
    const headers: Record<string, string | string[]> = {
      'Content-Type': contentType,
      // The browser tests must see every response: nothing may come from a cache.
      'Cache-Control': 'no-cache, no-store, must-revalidate',
    };
    if (this.atlassianHeaders) {
      Object.assign(headers, productHeaders(state, this.caller));
      if (this.loginReason.length) headers['X-Seraph-LoginReason'] = this.loginReason.join(', ');
      const captcha = status === 403 && this.loginReason.includes('AUTHENTICATION_DENIED');
      // Server/DC's OAuth provider challenges every 401 (and the CAPTCHA 403) unless a Basic challenge was asked for.
      if (state.profile.oauthChallenge && (status === 401 || captcha)) headers['WWW-Authenticate'] = `OAuth realm="${encodeURIComponent(state.origin)}"`;
      this.issueAnonymousSession();
      this.refreshXsrfCookie(contentType.startsWith('text/html'));
    }
    Object.assign(headers, extra);
    if (this.setCookies.length) headers['Set-Cookie'] = this.setCookies;
    this.res.writeHead(status, headers);
    this.res.end(this.method === 'HEAD' ? undefined : body);
    if (!this.gateway) state.log.push({ method: this.method, url: this.url.pathname + this.url.search, status });
  }

  json(status: number, value: unknown, extra?: Record<string, string>): void {
    this.send(status, 'application/json;charset=UTF-8', JSON.stringify(value), extra);
  }

  html(status: number, body: string, extra?: Record<string, string>): void {
    this.send(status, 'text/html;charset=UTF-8', body, extra);
  }

  text(status: number, body: string, extra?: Record<string, string>): void {
    this.send(status, 'text/plain;charset=UTF-8', body, extra);
  }

  redirect(location: string, status: 302 | 303 = 302): void {
    this.send(status, 'text/plain;charset=UTF-8', '', { Location: location });
  }

  noContent(): void {
    this.send(204, 'text/plain;charset=UTF-8', '');
  }

  /** The REST 401 in the product's words; no Basic challenge (anonymous access is allowed), Server/DC adds OAuth's in send(). */
  notAuthenticated(): void {
    // Cloud, when the credentials sent were refused (an expired or revoked API token): its own words (cloud-auth.ts).
    if (this.state.profile.cloud && this.loginReason.includes('AUTHENTICATED_FAILED')) return this.json(401, CLIENT_MUST_AUTHENTICATE);
    if (this.state.profile.product === 'confluence') {
      return this.json(401, { statusCode: 401, data: { authorized: false, valid: true, errors: [], successful: false }, message: 'This resource requires authentication' });
    }
    this.json(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
  }

  /**
   * Tomcat gives a visitor who comes without any session cookie an anonymous JSESSIONID (Server/DC). A dead
   * session cookie is deliberately not replaced (real Tomcat would, on the next page): the /rest 401 then keeps
   * telling, as tests of the silent-anonymous story expect (README, "where it knowingly differs").
   */
  private issueAnonymousSession(): void {
    const { state } = this;
    const name = state.sessionCookieName;
    if (!this.anonymousSession || !state.profile.anonymousSessions || this.caller.user || this.cookies.has(name)) return;
    if (this.setCookies.some((c) => c.startsWith(`${name}=`))) return; // a logout clearing it says enough
    this.setCookies.push(setCookie(name, state.sessions.createAnonymous(), { httpOnly: true, secure: state.secure }));
  }

  /**
   * atlassian.xsrf.token says whether the server saw a signed-in user (`lin`) or nobody (`lout`). It is set
   * on pages that come without one, and re-set on any answer whose state differs from the one the browser
   * sent (a dead session turns it to `lout`) or whose login state changed. Callers with Basic or Bearer
   * credentials are left alone: they speak for one request, not for the browser's session.
   */
  private refreshXsrfCookie(isHtml: boolean): void {
    const { profile } = this.state;
    if (!this.loginStateChanged) {
      if (this.caller.via === 'basic' || this.caller.via === 'bearer' || this.caller.via === 'oauth') return;
      const sent = this.cookies.get(XSRF_COOKIE);
      const want = `${profile.xsrfSeparator}${this.caller.user ? 'lin' : 'lout'}`;
      if (sent === undefined ? !isHtml : sent.endsWith(want)) return;
    }
    this.setCookies.push(`${XSRF_COOKIE}=${xsrfToken(this.caller.user !== null, profile.xsrfSeparator)}; Path=/${this.state.secure ? '; Secure; SameSite=None' : ''}`);
  }
}
