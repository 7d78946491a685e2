/** The emulator proven over plain HTTP: every behaviour the browser tests and the demo rely on. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import https from 'node:https';
import { startEmulator, type Emulator, type EmulatorOptions } from './server';
import { testTlsFor } from './tls';

const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

/** fetch with a cookie jar, like a browser tab would keep. */
class Client {
  jar = new Map<string, string>();
  constructor(private readonly emu: Emulator) {}
  async req(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.emu.url + path, {
      redirect: 'manual',
      ...init,
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const cleared = attrs.some((a) => /max-age=0/i.test(a.trim()));
      if (cleared) this.jar.delete(name);
      else this.jar.set(name, pair!.slice(eq + 1));
    }
    return res;
  }
  login(username = 'fred', password = 'fred') {
    return this.req('/rest/auth/1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  }
  formLogin(fields: Record<string, string>) {
    return this.req('/login.jsp', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  }
}

let emu: Emulator;
let c: Client;
async function start(opts: EmulatorOptions = {}) {
  emu = await startEmulator(opts);
  c = new Client(emu);
}
afterEach(async () => emu?.close());

describe('headers on every response', () => {
  beforeEach(() => start());
  it('X-AUSERNAME anonymous, unique X-AREQUESTID, no caching', async () => {
    const a = await c.req('/secure/Dashboard.jspa');
    const b = await c.req('/secure/Dashboard.jspa');
    expect(a.headers.get('x-ausername')).toBe('anonymous');
    expect(a.headers.get('x-arequestid')).toBeTruthy();
    expect(a.headers.get('x-arequestid')).not.toBe(b.headers.get('x-arequestid'));
    expect(a.headers.get('cache-control')).toContain('no-store');
    expect(a.headers.get('x-asessionid')).toBeNull();
  });
  it('the XSRF cookie ends in |lout for anonymous and |lin once signed in', async () => {
    await c.req('/secure/Dashboard.jspa');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lout$/);
    await c.login();
    await c.req('/secure/Dashboard.jspa');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lin$/);
  });
});

describe('REST session login', () => {
  beforeEach(() => start());
  it('POST with good credentials: 200, session JSON, cookie, OK', async () => {
    const res = await c.login();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { session: { name: string; value: string }; loginInfo: object };
    expect(body.session.name).toBe('JSESSIONID');
    expect(body.session.value).toBe(c.jar.get('JSESSIONID'));
    expect(body.loginInfo).toHaveProperty('failedLoginCount');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(res.headers.getSetCookie()[0]).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/);
    const me = await c.req('/rest/auth/1/session');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'fred', self: expect.stringContaining('username=fred') });
    expect(me.headers.get('x-ausername')).toBe('fred');
    expect(me.headers.get('x-asessionid')).toMatch(/^[0-9a-f]{7}$/);
  });
  it('a login over a live session reports OUT, OK', async () => {
    await c.login();
    const again = await c.login('admin', 'admin');
    expect(again.headers.get('x-seraph-loginreason')).toBe('OUT, OK');
  });
  it('wrong credentials: 401 Login failed, AUTHENTICATED_FAILED, no challenge', async () => {
    const res = await c.login('fred', 'nope');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ errorMessages: ['Login failed'], errors: {} });
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(res.headers.get('www-authenticate')).toBeNull();
  });
  it('GET when anonymous is 401 without a challenge; DELETE logs out and clears the cookie', async () => {
    expect((await c.req('/rest/auth/1/session')).status).toBe(401);
    await c.login();
    const out = await c.req('/rest/auth/1/session', { method: 'DELETE' });
    expect(out.status).toBe(204);
    expect(out.headers.get('x-seraph-loginreason')).toBe('OUT');
    expect(out.headers.getSetCookie()[0]).toMatch(/^JSESSIONID=; .*Max-Age=0; Expires=Thu, 01 Jan 1970/);
    expect((await c.req('/rest/auth/1/session', { method: 'DELETE' })).status).toBe(401);
  });
});

describe('CAPTCHA after failed logins', () => {
  beforeEach(() => start({ captchaAfterFailures: 2 }));
  it('REST login is denied with 403 AUTHENTICATION_DENIED and the CAPTCHA reason, even with the right password', async () => {
    await c.login('fred', 'x');
    await c.login('fred', 'y');
    const denied = await c.login('fred', 'fred');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(denied.headers.get('x-authentication-denied-reason')).toBe(`CAPTCHA_CHALLENGE; login-url=${emu.url}/login.jsp`);
    const viaBasic = await c.req('/rest/api/2/myself', { headers: { Authorization: basic('fred', 'fred') } });
    expect(viaBasic.status).toBe(403);
    expect(viaBasic.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
  });
  it('the login form shows the CAPTCHA; answering it with the right password signs in and resets the count', async () => {
    await c.login('fred', 'x');
    await c.login('fred', 'y');
    const form = await c.formLogin({ os_username: 'fred', os_password: 'fred' });
    expect(form.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(await form.text()).toContain('data-testid="captcha"');
    const ok = await c.formLogin({ os_username: 'fred', os_password: 'fred', os_captcha: 'seraph' });
    expect(ok.status).toBe(302);
    expect((await new Client(emu).login()).status).toBe(200);
  });
  it('resetCaptcha() clears the failures', async () => {
    await c.login('fred', 'x');
    await c.login('fred', 'y');
    emu.resetCaptcha('fred');
    expect((await c.login()).status).toBe(200);
  });
  it('failed Basic logins count too', async () => {
    for (let i = 0; i < 2; i++) {
      const r = await c.req('/rest/api/2/myself', { headers: { Authorization: basic('fred', 'bad') } });
      expect(r.status).toBe(401);
      expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(await r.text()).toBe('Basic Authentication Failure - Reason : AUTHENTICATED_FAILED');
    }
    expect((await c.login()).status).toBe(403);
  });
});

describe('login form and logout', () => {
  beforeEach(() => start());
  it('GET shows the form; good POST redirects to the destination with a session', async () => {
    expect(await (await c.req('/login.jsp')).text()).toContain('name="os_password"');
    const res = await c.formLogin({ os_username: 'fred', os_password: 'fred', os_destination: '/browse/ABC-9' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/browse/ABC-9');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(c.jar.has('JSESSIONID')).toBe(true);
  });
  it('refuses off-site destinations', async () => {
    const res = await c.formLogin({ os_username: 'fred', os_password: 'fred', os_destination: '//evil.example/x' });
    expect(res.headers.get('location')).toBe('/secure/Dashboard.jspa');
  });
  it('bad POST: the form again with AUTHENTICATED_FAILED', async () => {
    const res = await c.formLogin({ os_username: 'fred', os_password: 'bad' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(await res.text()).toContain('data-testid="login-error"');
  });
  it('/logout ends the session, clears the cookie and says OUT', async () => {
    await c.login();
    const sent = c.jar.get('JSESSIONID');
    const res = await c.req('/logout');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OUT');
    expect(res.headers.getSetCookie().some((s) => /^JSESSIONID=; .*Max-Age=0/.test(s))).toBe(true);
    const replay = await fetch(`${emu.url}/rest/api/2/myself`, { headers: { Cookie: `JSESSIONID=${sent}` } });
    expect(replay.status).toBe(401);
  });
  it('HTML pages say who is signed in', async () => {
    expect(await (await c.req('/secure/Dashboard.jspa')).text()).toMatch(/data-testid="current-user">Anonymous/);
    await c.login();
    expect(await (await c.req('/secure/Dashboard.jspa')).text()).toMatch(/Signed in as <b>fred<\/b>/);
  });
});

describe('expired sessions: 401 under /rest, silently anonymous elsewhere', () => {
  beforeEach(() => start({ sessionTimeoutSec: 60 }));
  it('inactivity past the timeout expires the session', async () => {
    await c.login();
    emu.advanceClock(30);
    expect((await c.req('/rest/api/2/myself')).status).toBe(200); // sliding: touched at 30 s
    emu.advanceClock(61);
    const rest = await c.req('/rest/api/2/search?jql=');
    expect(rest.status).toBe(401);
    expect(rest.headers.get('www-authenticate')).toBeNull();
    expect(rest.headers.get('x-ausername')).toBe('anonymous');
  });
  it('the same cookie on a page gets 200 with anonymous content', async () => {
    await c.login();
    expect(await (await c.req('/issues/?jql=project%3DABC')).text()).toContain('<b data-testid="issue-count">200</b>');
    emu.expireAllSessions();
    const page = await c.req('/issues/?jql=project%3DABC');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-ausername')).toBe('anonymous');
    const text = await page.text();
    expect(text).toContain('<b data-testid="issue-count">5</b>');
    expect(text).toContain('Anonymous');
  });
  it('search: 200 issues for a user, 5 for anonymous (no cookie at all is allowed)', async () => {
    const anon = (await (await c.req('/rest/api/2/search?jql=')).json()) as { total: number; issues: unknown[] };
    expect(anon.total).toBe(5);
    expect(anon.issues).toHaveLength(5);
    await c.login();
    const mine = (await (await c.req('/rest/api/2/search?jql=&startAt=190&maxResults=50')).json()) as { total: number; issues: { key: string }[] };
    expect(mine.total).toBe(200);
    expect(mine.issues.map((i) => i.key)).toEqual(Array.from({ length: 10 }, (_, i) => `ABC-${191 + i}`));
  });
  it('browse: anonymous sees ABC-1..5 only', async () => {
    expect(await (await c.req('/browse/ABC-3')).text()).toContain('data-testid="issue-key"');
    const hidden = await c.req('/browse/ABC-42');
    expect(hidden.status).toBe(200);
    expect(await hidden.text()).toContain('data-testid="no-permission"');
  });
  it('remember-me signs the user in again with a new session after expiry', async () => {
    await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
    expect(c.jar.has('seraph.rememberme.cookie')).toBe(true);
    const first = c.jar.get('JSESSIONID');
    emu.expireAllSessions();
    const res = await c.req('/rest/api/2/myself');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ausername')).toBe('fred');
    expect(c.jar.get('JSESSIONID')).not.toBe(first);
  });
  it('a cookie Max-Age is sent when configured', async () => {
    await emu.close();
    await start({ cookieMaxAgeSec: 300 });
    expect((await c.login()).headers.getSetCookie()[0]).toContain('; Max-Age=300');
  });
});

describe('os_authType', () => {
  beforeEach(() => start());
  const path = (t: string) => `/secure/Dashboard.jspa?os_authType=${t}`;
  it('basic: 401 with a Basic challenge unless Basic credentials are valid (a cookie is not enough)', async () => {
    const none = await c.req(path('basic'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Basic realm="protected-area"');
    await c.login();
    expect((await c.req(path('basic'))).status).toBe(401);
    const ok = await fetch(emu.url + path('basic'), { headers: { Authorization: basic('fred', 'fred') } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ausername')).toBe('fred');
    expect(ok.headers.get('x-seraph-loginreason')).toBe('OK');
  });
  it('cookie: 401 without a challenge unless a valid session cookie is sent (Basic is not enough)', async () => {
    const none = await c.req(path('cookie'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBeNull();
    expect((await fetch(emu.url + path('cookie'), { headers: { Authorization: basic('fred', 'fred') } })).status).toBe(401);
    await c.login();
    expect((await c.req(path('cookie'))).status).toBe(200);
    emu.expireAllSessions();
    expect((await c.req(path('cookie'))).status).toBe(401);
  });
  it('any: 401 only with neither credentials nor a valid cookie', async () => {
    expect((await c.req(path('any'))).status).toBe(401);
    expect((await fetch(emu.url + path('any'), { headers: { Authorization: basic('fred', 'fred') } })).status).toBe(200);
    await c.login();
    expect((await c.req(path('any'))).status).toBe(200);
    emu.expireAllSessions();
    const expired = await c.req(path('any'));
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBeNull();
  });
  it('absent: the default behaviour (anonymous page)', async () => {
    expect((await c.req('/secure/Dashboard.jspa')).status).toBe(200);
  });
});

describe('Basic and Bearer on Server/DC', () => {
  beforeEach(() => start());
  it('a user without application access: right password, AUTHORISATION_FAILED everywhere', async () => {
    const b = await fetch(`${emu.url}/rest/api/2/myself`, { headers: { Authorization: basic('guest', 'guest') } });
    expect(b.status).toBe(401);
    expect(b.headers.get('x-seraph-loginreason')).toBe('AUTHORISATION_FAILED');
    const r = await c.login('guest', 'guest');
    expect(r.status).toBe(401);
    expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHORISATION_FAILED');
    const f = await c.formLogin({ os_username: 'guest', os_password: 'guest' });
    expect(f.headers.get('x-seraph-loginreason')).toBe('AUTHORISATION_FAILED');
    expect(c.jar.has('JSESSIONID')).toBe(false);
  });
  it('valid Basic authenticates the request without a session', async () => {
    const res = await fetch(`${emu.url}/rest/api/2/myself`, { headers: { Authorization: basic('fred', 'fred') } });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().filter((s) => s.startsWith('JSESSIONID'))).toEqual([]);
  });
  it('a personal access token works as Bearer; a bad one is 401', async () => {
    expect((await fetch(`${emu.url}/rest/api/2/myself`, { headers: { Authorization: 'Bearer pat-fred-0123456789abcdef' } })).status).toBe(200);
    expect((await fetch(`${emu.url}/rest/api/2/myself`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });
});

describe('Cloud mode', () => {
  beforeEach(() => start({ mode: 'cloud' }));
  it('Basic wants email + API token; username or password get 401', async () => {
    const get = (auth: string) => fetch(`${emu.url}/rest/api/2/myself`, { headers: { Authorization: auth } });
    expect((await get(basic('user@example.com', 'user_api_token'))).status).toBe(200);
    expect((await get(basic('user', 'user_api_token'))).status).toBe(401);
    expect((await get(basic('user@example.com', 'secret'))).status).toBe(401);
  });
  it('uses tenant.session.token as the session cookie', async () => {
    await c.login('user@example.com', 'secret');
    expect(c.jar.has('tenant.session.token')).toBe(true);
  });
  it('serves HTTPS under a real Cloud name with a generated certificate', async () => {
    await emu.close();
    await start({ mode: 'cloud', tls: testTlsFor('acme.atlassian.net'), publicOrigin: 'https://acme.atlassian.net' });
    const { status, headers } = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port: emu.port, path: '/rest/auth/1/session', servername: 'acme.atlassian.net', rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        })
        .on('error', reject);
    });
    expect(status).toBe(401);
    expect(headers['x-ausername']).toBe('anonymous');
  });
});

describe('test log', () => {
  beforeEach(() => start());
  it('records each request with its status', async () => {
    await c.req('/rest/api/2/myself');
    await c.req('/secure/Dashboard.jspa');
    expect(emu.requests).toEqual([
      { method: 'GET', url: '/rest/api/2/myself', status: 401 },
      { method: 'GET', url: '/secure/Dashboard.jspa', status: 200 },
    ]);
  });
});
