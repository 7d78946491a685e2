/** The Confluence Cloud profile: Confluence under /wiki on the *.atlassian.net host, with Cloud's identity and session tokens. */
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from './server';
import { basic, get, start } from './test-client';

const ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const wiki = (opts = {}) => start({ product: 'confluence', mode: 'cloud', ...opts });
const LOGIN = { os_username: 'user@example.com', os_password: 'secret' };
const PUBLIC = '/wiki/spaces/PUB/pages/65537/Welcome';
const PRIVATE = '/wiki/spaces/TEAM/pages/98305/Roadmap';

describe('Confluence Cloud: under /wiki', () => {
  it('/ and /wiki lead to the dashboard; pages live at /wiki/spaces/KEY/pages/ID/Title; REST at /wiki/rest/api', async () => {
    const { c } = await wiki();
    expect((await c.req('/')).headers.get('location')).toBe('/wiki/index.action');
    expect((await c.req('/wiki')).headers.get('location')).toBe('/wiki/index.action');
    expect((await c.req('/wiki/index.action')).status).toBe(200);
    expect((await c.req(PUBLIC)).status).toBe(200);
    expect((await c.req('/wiki/spaces/PUB/pages/65537')).status).toBe(200);
    expect((await c.req('/wiki/spaces/PUB/overview')).status).toBe(200);
    expect((await c.req('/display/PUB/Welcome')).status).toBe(404); // the Data Center address is not Cloud's
    const list = (await (await c.req('/wiki/rest/api/content')).json()) as { size: number; results: Array<{ _links: { webui: string; self: string } }>; _links: { context: string } };
    expect(list.size).toBe(2);
    expect(list._links.context).toBe('/wiki');
    expect(list.results[0]!._links.webui).toBe('/spaces/PUB/pages/65537/Welcome');
    expect(list.results[0]!._links.self).toMatch(/\/wiki\/rest\/api\/content\/65537$/);
  });

  it('X-AACCOUNTID for a signed-in caller and ATL-TraceId everywhere; no X-AUSERNAME, X-ASEN or X-Confluence-Request-Time', async () => {
    const { emu, c } = await wiki();
    const anon = [await c.req('/wiki/index.action'), await c.req('/wiki/rest/api/content'), await c.req(PRIVATE)];
    await c.formLogin(LOGIN, '/wiki/dologin.action');
    const signedIn = [await c.req('/wiki/index.action'), await c.req('/wiki/rest/api/content'), await get(emu, '/wiki/rest/api/content', { Authorization: basic('user@example.com', 'user_api_token') })];
    for (const r of [...anon, ...signedIn]) {
      expect(r.headers.get('atl-traceid')).toMatch(/^[0-9a-f]{16}$/);
      for (const h of ['x-ausername', 'x-asen', 'x-confluence-request-time', 'www-authenticate']) expect(r.headers.get(h), h).toBeNull();
    }
    for (const r of anon) expect(r.headers.get('x-aaccountid')).toBeNull();
    for (const r of signedIn) expect(r.headers.get('x-aaccountid')).toBe(ACCOUNT);
    expect(await (await c.req('/wiki/rest/api/user/current')).json()).toMatchObject({ type: 'known', accountId: ACCOUNT, email: 'user@example.com' });
  });
});

describe('Confluence Cloud: logging in and the session token', () => {
  it('the login form at /wiki/login.action posts to /wiki/dologin.action and sets the session-service JWTs for the whole host', async () => {
    const { c } = await wiki({ sessionLifetimeSec: 900 });
    expect(await (await c.req('/wiki/login.action')).text()).toContain('action="/wiki/dologin.action"');
    const res = await c.formLogin({ ...LOGIN, os_destination: PRIVATE }, '/wiki/dologin.action');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(PRIVATE);
    const tenant = res.headers.getSetCookie().find((s) => s.startsWith('tenant.session.token='))!;
    expect(tenant).toMatch(/; Path=\/; HttpOnly$/); // Path=/: Jira at / and Confluence at /wiki share it
    const claims = decodeSessionToken(c.jar.get('tenant.session.token')!)!;
    expect(claims).toMatchObject({ sub: ACCOUNT, email: 'user@example.com', iss: 'session-service', aud: 'atlassian' });
    expect(claims.exp - claims.iat).toBe(900);
    expect(c.jar.has('cloud.session.token')).toBe(true);
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/_lin$/);
    expect((await c.req(PRIVATE)).status).toBe(200);
  });

  it('/wiki/rest/auth/1/session logs in by email and password, also with a dead token still in the jar', async () => {
    const { emu, c } = await wiki();
    const res = await c.login('user@example.com', 'secret', '/wiki/rest/auth/1/session');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ session: { name: 'tenant.session.token' } });
    expect(await (await c.req('/wiki/rest/auth/1/session')).json()).toMatchObject({ accountId: ACCOUNT });
    emu.expireAllSessions();
    expect((await c.req('/wiki/rest/auth/1/session')).status).toBe(401);
    expect((await c.login('user@example.com', 'secret', '/wiki/rest/auth/1/session')).status).toBe(200);
  });

  it('a dead session: /wiki/rest 401; a public page anonymous without X-AACCOUNTID and XSRF _lout; a private page sends to the login', async () => {
    const { emu, c } = await wiki({ sessionLifetimeSec: 300 });
    await c.formLogin(LOGIN, '/wiki/dologin.action');
    expect((await c.req(PUBLIC)).headers.get('x-aaccountid')).toBe(ACCOUNT);
    emu.advanceClock(301);
    expect((await c.req('/wiki/rest/api/content')).status).toBe(401);
    const page = await c.req(PUBLIC);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-aaccountid')).toBeNull();
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/_lout$/);
    const priv = await c.req(PRIVATE);
    expect(priv.status).toBe(302);
    expect(priv.headers.get('location')).toBe(`/wiki/login.action?os_destination=${encodeURIComponent(PRIVATE)}&permissionViolation=true`);
  });

  it('an expired API token: 200 as anonymous with AUTHENTICATED_FAILED', async () => {
    const { emu } = await wiki();
    const res = await get(emu, '/wiki/rest/api/content', { Authorization: basic('user@example.com', 'user_expired_api_token') });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(((await res.json()) as { size: number }).size).toBe(2);
  });
});

describe('Confluence Cloud without anonymous access', () => {
  it('every anonymous page visit goes to the login, /wiki/rest is 401; login and session endpoints stay open', async () => {
    const { c } = await wiki({ anonymousAccess: false });
    const page = await c.req(PUBLIC);
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`/wiki/login.action?os_destination=${encodeURIComponent(PUBLIC)}&permissionViolation=true`);
    expect((await c.req('/wiki')).headers.get('location')).toBe('/wiki/login.action?os_destination=%2Fwiki%2Findex.action&permissionViolation=true');
    expect((await c.req('/wiki/rest/api/content')).status).toBe(401);
    expect((await c.req('/wiki/login.action')).status).toBe(200);
    expect((await c.req('/wiki/rest/auth/1/session')).status).toBe(401);
    await c.formLogin(LOGIN, '/wiki/dologin.action');
    expect((await c.req(PUBLIC)).status).toBe(200);
    expect(((await (await c.req('/wiki/rest/api/content')).json()) as { size: number }).size).toBe(5);
  });
});
