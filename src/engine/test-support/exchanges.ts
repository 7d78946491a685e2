/**
 * Builders of realistic exchanges for engine tests: what the browser would record on a Jira site.
 * They go through toExchange like real traffic, so sanitizing is part of every test.
 */
import { toExchange, type RawExchange } from '../intake/to-exchange';
import type { Exchange, Header } from '../types';

export const JIRA = 'https://jira.example.com';
export const CLOUD = 'https://acme.atlassian.net';

interface Opts {
  method?: string;
  status?: number;
  /** Cookies the request carried: names (values made up) or `name=value`. */
  cookies?: string[];
  /** X-AACCOUNTID (Cloud names the caller by account id). */
  accountId?: string;
  user?: string | null; // X-AUSERNAME; null = header absent; 'anonymous' literal allowed
  reason?: string;
  setCookie?: string[];
  challenge?: string;
  html?: boolean;
  /** Response Content-Type, overriding `html`. */
  contentType?: string;
  /** Response Location header (redirects). */
  location?: string;
  /** Resource type as the browser reports it (document, xmlhttprequest, script, …). */
  type?: string;
  basic?: [string, string];
  bearer?: string;
  /** Any other Authorization value, as written (OAuth 1.0, JWT, …). */
  authorization?: string;
  extra?: Header[];
  responseBody?: string;
  requestBody?: string;
}

export class Traffic {
  private n = 0;
  private t = Date.UTC(2026, 10, 24, 10, 0, 0);
  readonly log: Exchange[] = [];

  constructor(private readonly origin = JIRA) {}

  at(origin: string): Traffic {
    const other = new Traffic(origin);
    other.n = this.n;
    other.t = this.t;
    return Object.assign(other, { log: this.log, share: this });
  }

  advance(ms: number): this {
    this.t += ms;
    return this;
  }

  req(path: string, o: Opts = {}): Exchange {
    const share = (this as unknown as { share?: Traffic }).share;
    const counter = share ?? this;
    const requestHeaders: Header[] = [];
    if (o.cookies?.length) requestHeaders.push({ name: 'Cookie', value: o.cookies.map((c, i) => (c.includes('=') ? c : `${c}=value${i}SECRET`)).join('; ') });
    if (o.basic) requestHeaders.push({ name: 'Authorization', value: `Basic ${btoa(`${o.basic[0]}:${o.basic[1]}`)}` });
    if (o.bearer) requestHeaders.push({ name: 'Authorization', value: `Bearer ${o.bearer}` });
    if (o.authorization) requestHeaders.push({ name: 'Authorization', value: o.authorization });
    const contentType = o.contentType ?? (o.html === false || path.includes('/rest/') ? 'application/json' : 'text/html;charset=UTF-8');
    const responseHeaders: Header[] = [{ name: 'Content-Type', value: contentType }];
    if (o.location) responseHeaders.push({ name: 'Location', value: o.location });
    if (o.user !== null) responseHeaders.push({ name: 'X-AUSERNAME', value: o.user ?? 'anonymous' });
    if (o.accountId) responseHeaders.push({ name: 'X-AACCOUNTID', value: o.accountId });
    if (o.reason) responseHeaders.push({ name: 'X-Seraph-LoginReason', value: o.reason });
    if (o.challenge) responseHeaders.push({ name: 'WWW-Authenticate', value: o.challenge });
    for (const sc of o.setCookie ?? []) responseHeaders.push({ name: 'Set-Cookie', value: sc });
    responseHeaders.push(...(o.extra ?? []));
    const raw: RawExchange = {
      index: counter.n++,
      id: String(counter.n),
      time: (counter.t += 1000),
      method: o.method ?? 'GET',
      url: this.origin + path,
      status: o.status ?? 200,
      ...(o.type ? { type: o.type } : {}),
      requestHeaders,
      responseHeaders,
      ...(o.responseBody ? { responseBody: { text: o.responseBody, mimeType: 'application/json' } } : {}),
      ...(o.requestBody ? { requestBody: { text: o.requestBody, mimeType: 'application/json' } } : {}),
    };
    const ex = toExchange(raw);
    this.log.push(ex);
    return ex;
  }

  // ---- common moments on a Jira Server site ----
  formLogin(user = 'fred', extraSet: string[] = []): Exchange {
    return this.req('/login.jsp', { method: 'POST', status: 302, user, reason: 'OK', setCookie: ['JSESSIONID=ABCDEF0123; Path=/; HttpOnly', ...extraSet] });
  }
  page(path: string, user: string | null = 'anonymous', cookies: string[] = ['JSESSIONID']): Exchange {
    return this.req(path, { user, cookies });
  }
  rest(path: string, status: number, user = 'anonymous', cookies: string[] = ['JSESSIONID']): Exchange {
    return this.req(path, { status, user, cookies, html: false });
  }
  logout(): Exchange {
    return this.req('/logout', { cookies: ['JSESSIONID'], reason: 'OUT', setCookie: ['JSESSIONID=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT'] });
  }
  /** A /rest call refused with 401, by default carrying the browser's JSESSIONID. */
  rest401(path = '/rest/api/2/search?jql=', cookies: string[] = ['JSESSIONID']): Exchange {
    return this.rest(path, 401, 'anonymous', cookies);
  }
  /** `POST /rest/auth/1/session` as a script logs in: 200 with a session cookie, or 401 "Login failed". */
  restLogin(user = 'fred', ok = true): Exchange {
    return ok
      ? this.req('/rest/auth/1/session', {
          method: 'POST', user: 'anonymous', html: false, setCookie: ['JSESSIONID=RESTLOGIN0123; Path=/; HttpOnly'],
          requestBody: `{"username":"${user}","password":"hunter2"}`,
          responseBody: '{"session":{"name":"JSESSIONID","value":"RESTLOGIN0123"},"loginInfo":{"loginCount":1}}',
        })
      : this.req('/rest/auth/1/session', {
          method: 'POST', status: 401, user: 'anonymous', reason: 'AUTHENTICATED_FAILED', html: false,
          requestBody: `{"username":"${user}","password":"hunter2"}`, responseBody: '{"errorMessages":["Login failed"],"errors":{}}',
        });
  }
  /** A script's request with HTTP Basic credentials. */
  basicRequest(path: string, user: string, secret: string, status = 200, named: string | null = status === 200 ? user : 'anonymous'): Exchange {
    return this.req(path, { status, user: named, basic: [user, secret], html: false, ...(status === 401 ? { reason: 'AUTHENTICATED_FAILED' } : {}) });
  }
}
