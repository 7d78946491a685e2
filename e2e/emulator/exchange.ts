/**
 * One request and its response. Every answer of the emulated Jira goes through send(), which adds the
 * headers Atlassian products put on every response (X-AUSERNAME, X-AREQUESTID, X-ASESSIONID,
 * X-Seraph-LoginReason) and keeps the XSRF cookie's |lin / |lout in step with the login state.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { ANONYMOUS, type Caller, type LoginReason } from './auth';
import { XSRF_COOKIE, parseCookieHeader, xsrfToken } from './cookies';
import { publicSessionId } from './sessions';
import type { EmulatorState } from './state';

/** X-AREQUESTID like Jira's `<minute of day>x<request number>x<n>`; the counter is process-wide, so ids never repeat. */
let requestCounter = 0;
function requestId(now: number): string {
  const d = new Date(now);
  return `${d.getUTCHours() * 60 + d.getUTCMinutes()}x${++requestCounter}x1`;
}

/** X-AUSERNAME as Java's URLEncoder writes it: space as `+`, and only `A-Za-z0-9.-*_` left bare. */
export function javaUrlEncode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

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

  get isRest(): boolean {
    const p = this.url.pathname;
    return p === '/rest' || p.startsWith('/rest/');
  }

  send(status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
    const { state } = this;
    const headers: Record<string, string | string[]> = {
      'Content-Type': contentType,
      // The browser tests must see every response: nothing may come from a cache.
      'Cache-Control': 'no-cache, no-store, must-revalidate',
    };
    if (this.atlassianHeaders) {
      headers['X-AREQUESTID'] = requestId(state.clock.now());
      headers['X-AUSERNAME'] = javaUrlEncode(this.caller.user?.name ?? 'anonymous');
      if (this.caller.session) headers['X-ASESSIONID'] = publicSessionId(this.caller.session);
      if (this.loginReason.length) headers['X-Seraph-LoginReason'] = this.loginReason.join(', ');
      if (state.mode === 'cloud') headers['ATL-TraceId'] = randomBytes(8).toString('hex');
      this.refreshXsrfCookie(contentType.startsWith('text/html'));
    }
    Object.assign(headers, extra);
    if (this.setCookies.length) headers['Set-Cookie'] = this.setCookies;
    this.res.writeHead(status, headers);
    this.res.end(this.method === 'HEAD' ? undefined : body);
    state.log.push({ method: this.method, url: this.url.pathname + this.url.search, status });
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

  /** Jira's REST 401: JSON errorMessages and, Jira allowing anonymous access, no WWW-Authenticate challenge. */
  notAuthenticated(): void {
    this.json(401, { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} });
  }

  /**
   * Jira sets atlassian.xsrf.token on pages and whenever the login state changes; its suffix says
   * signed in (`|lin`) or anonymous (`|lout`). An existing token in the right state is kept.
   */
  private refreshXsrfCookie(isHtml: boolean): void {
    if (!isHtml && !this.loginStateChanged) return;
    const want = this.caller.user ? 'lin' : 'lout';
    if (!this.loginStateChanged && this.cookies.get(XSRF_COOKIE)?.endsWith(`|${want}`)) return;
    this.setCookies.push(`${XSRF_COOKIE}=${xsrfToken(this.caller.user !== null)}; Path=/${this.state.secure ? '; Secure; SameSite=None' : ''}`);
  }
}
