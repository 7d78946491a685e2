/** Headers on every response (atlassian-auth.md §4) and the request log. */
import { describe, expect, it } from 'vitest';
import { basic, get, start } from './test-client';
import { javaUrlEncode } from './exchange';

describe('headers on every response', () => {
  it('X-AUSERNAME is the literal anonymous without a login, the user name with one', async () => {
    const { emu, c } = await start();
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('anonymous');
    expect((await c.req('/rest/api/2/myself')).headers.get('x-ausername')).toBe('anonymous'); // on a 401 too
    expect((await c.login()).headers.get('x-ausername')).toBe('fred');
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('fred');
    expect((await get(emu, '/rest/api/2/myself', { Authorization: basic('admin', 'admin') })).headers.get('x-ausername')).toBe('admin');
  });

  it('X-AUSERNAME is written like Java URLEncoder (space as +)', async () => {
    expect(javaUrlEncode("José O'Neil (QA)")).toBe('Jos%C3%A9+O%27Neil+%28QA%29');
    expect(javaUrlEncode('a.b-c*d_e')).toBe('a.b-c*d_e');
    const { emu } = await start({ users: [{ name: 'jane doe', displayName: 'Jane', password: 'pw' }] });
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('jane doe', 'pw') });
    expect(res.headers.get('x-ausername')).toBe('jane+doe');
  });

  it('X-AREQUESTID is on every response and never repeats', async () => {
    const { emu, c } = await start();
    const paths = ['/secure/Dashboard.jspa', '/rest/api/2/search?jql=', '/rest/api/2/myself', '/', '/login.jsp', '/nope'];
    const ids = [];
    for (let i = 0; i < 3; i++) for (const p of paths) ids.push((await c.req(p)).headers.get('x-arequestid'));
    ids.push((await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'wrong') })).headers.get('x-arequestid'));
    expect(ids.every((id) => /^\d+x\d+x1$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('X-ASESSIONID only when a valid session is used, stable for that session and not the session id', async () => {
    const { emu, c } = await start();
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-asessionid')).toBeNull();
    const login = await c.login();
    const sid = login.headers.get('x-asessionid');
    expect(sid).toMatch(/^[0-9a-z]{7}$/);
    expect(c.jar.get('JSESSIONID')).not.toContain(sid);
    expect((await c.req('/rest/api/2/myself')).headers.get('x-asessionid')).toBe(sid);
    expect((await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') })).headers.get('x-asessionid')).toBeNull();
    emu.expireAllSessions();
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-asessionid')).toBeNull();
  });

  it('Cache-Control: no-store on pages, JSON, redirects, 401s and 404s', async () => {
    const { emu, c } = await start();
    const responses = [
      await c.req('/secure/Dashboard.jspa'),
      await c.req('/rest/api/2/search?jql='),
      await c.req('/'),
      await c.req('/rest/api/2/myself'),
      await c.req('/no/such/page'),
      await c.req('/secure/Dashboard.jspa?os_authType=basic'),
      await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'x') }),
      await c.req('/__emulator/'),
    ];
    for (const r of responses) expect(r.headers.get('cache-control'), r.url).toContain('no-store');
  });

  it('no Basic challenge by default (Jira allows anonymous access): 401s carry only OAuth realm="<origin>"', async () => {
    const { emu, c } = await start();
    for (const r of [await c.req('/rest/api/2/myself'), await c.req('/rest/auth/1/session'), await c.login('fred', 'bad'), await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'bad') })]) {
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe(`OAuth realm="${encodeURIComponent(emu.url)}"`);
    }
  });
});

describe('the atlassian.xsrf.token cookie', () => {
  it('is set on HTML responses: |lout anonymous, |lin signed in, kept while the state holds', async () => {
    const { c } = await start();
    const first = await c.req('/secure/Dashboard.jspa');
    expect(first.headers.getSetCookie().find((s) => s.startsWith('atlassian.xsrf.token='))).toMatch(/^atlassian\.xsrf\.token=[A-Z0-9]{4}(-[A-Z0-9]{4}){3}\|[0-9a-f]{40}\|lout; Path=\/$/);
    const anonToken = c.jar.get('atlassian.xsrf.token');
    // Same state: the token is kept, no new Set-Cookie.
    expect((await c.req('/issues/?jql=')).headers.getSetCookie()).toEqual([]);
    // JSON answers leave it alone.
    expect((await c.req('/rest/api/2/search?jql=')).headers.getSetCookie()).toEqual([]);
    await c.formLogin({ os_username: 'fred', os_password: 'fred' });
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lin$/);
    expect(c.jar.get('atlassian.xsrf.token')).not.toBe(anonToken);
  });

  it('is reissued on login and logout responses whatever their type, so the state change is visible', async () => {
    const { c } = await start();
    const login = await c.login();
    expect(login.headers.getSetCookie().some((s) => /^atlassian\.xsrf\.token=.*\|lin;/.test(s))).toBe(true);
    const out = await c.req('/rest/auth/1/session', { method: 'DELETE' });
    expect(out.headers.getSetCookie().some((s) => /^atlassian\.xsrf\.token=.*\|lout;/.test(s))).toBe(true);
  });

  it('goes back to |lout when the session expired (the page is anonymous now)', async () => {
    const { emu, c } = await start();
    await c.login();
    await c.req('/secure/Dashboard.jspa');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lin$/);
    emu.expireAllSessions();
    await c.req('/secure/Dashboard.jspa');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lout$/);
  });
});

describe('Cloud-only headers', () => {
  it('ATL-TraceId on Cloud, not on Server', async () => {
    const cloud = await start({ mode: 'cloud' });
    expect((await cloud.c.req('/secure/Dashboard.jspa')).headers.get('atl-traceid')).toMatch(/^[0-9a-f]{16}$/);
    const server = await start();
    expect((await server.c.req('/secure/Dashboard.jspa')).headers.get('atl-traceid')).toBeNull();
  });
});

describe('the request log', () => {
  it('records each answered request with method, path + query and status, control routes included', async () => {
    const { emu, c } = await start();
    await c.req('/rest/api/2/myself');
    await c.req('/secure/Dashboard.jspa?x=1');
    await c.login('fred', 'nope');
    await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'nope') });
    await c.req('/__emulator/expire-sessions', { method: 'POST' });
    expect(emu.requests).toEqual([
      { method: 'GET', url: '/rest/api/2/myself', status: 401 },
      { method: 'GET', url: '/secure/Dashboard.jspa?x=1', status: 200 },
      { method: 'POST', url: '/rest/auth/1/session', status: 401 },
      { method: 'GET', url: '/rest/api/2/myself', status: 401 },
      { method: 'POST', url: '/__emulator/expire-sessions', status: 303 },
    ]);
  });
});
