/** The Confluence Data Center profile (atlassian-auth.md §8): fingerprints, /dologin.action, spaces public and private, REST content. */
import { describe, expect, it } from 'vitest';
import { basic, get, oauthChallenge, start } from './test-client';

const confluence = (opts = {}) => start({ product: 'confluence', ...opts });
const FRED = { os_username: 'fred', os_password: 'fred' };
const PRIVATE = '/display/TEAM/Roadmap';

describe('Confluence Data Center: headers', () => {
  it('X-Confluence-Request-Time (epoch ms) and X-ASEN on every answer; X-AUSERNAME only when signed in', async () => {
    const { emu, c } = await confluence();
    const before = Date.now();
    const anon = [await c.req('/'), await c.req('/index.action'), await c.req('/display/PUB/Welcome'), await c.req(PRIVATE), await c.req('/rest/api/content'), await c.req('/rest/auth/1/session')];
    await c.formLogin(FRED, '/dologin.action');
    const signedIn = [await c.req('/index.action'), await c.req('/rest/api/content'), await get(emu, '/rest/api/content', { Authorization: basic('fred', 'fred') })];
    for (const r of [...anon, ...signedIn]) {
      const t = Number(r.headers.get('x-confluence-request-time'));
      expect(t, r.url).toBeGreaterThanOrEqual(before);
      expect(t).toBeLessThanOrEqual(Date.now());
      expect(r.headers.get('x-asen')).toMatch(/^SEN-L\d{7}$/);
      for (const h of ['x-aaccountid', 'atl-traceid', 'x-arequestid']) expect(r.headers.get(h)).toBeNull();
    }
    for (const r of anon) expect(r.headers.get('x-ausername'), r.url).toBeNull();
    for (const r of signedIn) expect(r.headers.get('x-ausername')).toBe('fred');
  });

  it('the advanced clock moves X-Confluence-Request-Time with it (server time)', async () => {
    const { emu, c } = await confluence();
    emu.advanceClock(3600);
    expect(Number((await c.req('/index.action')).headers.get('x-confluence-request-time'))).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it('401s carry OAuth realm, a JSESSIONID for the anonymous visitor, the XSRF cookie |lout', async () => {
    const { emu, c } = await confluence();
    const first = await c.req('/index.action');
    expect(first.headers.getSetCookie().some((s) => /^JSESSIONID=[0-9A-F]{32};/.test(s))).toBe(true);
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lout$/);
    const rest = await c.req('/rest/auth/1/session');
    expect(rest.status).toBe(401);
    expect(rest.headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    expect(await rest.json()).toMatchObject({ statusCode: 401, message: 'This resource requires authentication' });
  });
});

describe('Confluence Data Center: logging in', () => {
  it('GET /login.action shows a form posting os_username, os_password, os_destination to /dologin.action', async () => {
    const { c } = await confluence();
    const html = await (await c.req(`/login.action?os_destination=${encodeURIComponent(PRIVATE)}&permissionViolation=true`)).text();
    expect(html).toContain('action="/dologin.action"');
    for (const name of ['os_username', 'os_password', 'os_destination']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain(`value="${PRIVATE}"`);
  });

  it('POST /dologin.action: 302 to os_destination with a session, |lin; wrong password: the form again, AUTHENTICATED_FAILED', async () => {
    const { emu, c } = await confluence();
    const bad = await c.formLogin({ os_username: 'fred', os_password: 'nope' }, '/dologin.action');
    expect(bad.status).toBe(200);
    expect(bad.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(emu.sessionCount()).toBe(0);
    const ok = await c.formLogin({ ...FRED, os_destination: PRIVATE }, '/dologin.action');
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(PRIVATE);
    expect(ok.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(ok.headers.get('x-ausername')).toBe('fred');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lin$/);
    const page = await c.req(PRIVATE);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="page-title">Roadmap<');
    // Without os_destination: the dashboard.
    const other = await start({ product: 'confluence' });
    expect((await other.c.formLogin(FRED, '/dologin.action')).headers.get('location')).toBe('/index.action');
  });

  it('/rest/auth/1/session works as on Jira: POST logs in, GET names the user, DELETE logs out', async () => {
    const { c } = await confluence();
    const login = await c.login();
    expect(login.status).toBe(200);
    expect(await login.json()).toMatchObject({ session: { name: 'JSESSIONID' } });
    expect(await (await c.req('/rest/auth/1/session')).json()).toMatchObject({ name: 'fred' });
    expect((await c.req('/rest/auth/1/session', { method: 'DELETE' })).status).toBe(204);
    expect((await c.req('/rest/auth/1/session')).status).toBe(401);
  });

  it('/logout.action ends the session: OUT, cookie cleared', async () => {
    const { c } = await confluence();
    await c.formLogin(FRED, '/dologin.action');
    const out = await c.req('/logout.action');
    expect(out.headers.get('x-seraph-loginreason')).toBe('OUT');
    expect(out.headers.getSetCookie().some((s) => /^JSESSIONID=; .*Max-Age=0/.test(s))).toBe(true);
  });
});

describe('Confluence Data Center: content and who may see it', () => {
  it('a public space is readable anonymously; a private page redirects to /login.action?os_destination=…&permissionViolation=true', async () => {
    const { c } = await confluence();
    const pub = await c.req('/display/PUB/Welcome');
    expect(pub.status).toBe(200);
    expect(await pub.text()).toContain('Anonymous');
    expect((await c.req('/display/PUB')).status).toBe(200); // the space's home page
    const priv = await c.req(`${PRIVATE}?focus=1`);
    expect(priv.status).toBe(302);
    expect(priv.headers.get('location')).toBe('/login.action?os_destination=%2Fdisplay%2FTEAM%2FRoadmap%3Ffocus%3D1&permissionViolation=true');
    expect((await c.req('/display/TEAM/Meeting+notes')).status).toBe(302);
    expect((await c.req('/display/NOPE/Page')).status).toBe(404);
  });

  it('/rest/api/content lists more for a signed-in user; a private id is 404 for anonymous', async () => {
    const { emu, c } = await confluence();
    const anon = (await (await c.req('/rest/api/content')).json()) as { results: Array<{ title: string; _links: { webui: string } }>; size: number };
    expect(anon.size).toBe(2);
    expect(anon.results.map((r) => r.title)).toEqual(['Welcome', 'FAQ']);
    expect(anon.results[0]!._links.webui).toBe('/display/PUB/Welcome');
    expect((await c.req('/rest/api/content/98305')).status).toBe(404);
    const basicList = (await (await get(emu, '/rest/api/content', { Authorization: basic('fred', 'fred') })).json()) as { size: number };
    expect(basicList.size).toBe(5);
    await c.login();
    expect(((await (await c.req('/rest/api/content?spaceKey=TEAM')).json()) as { size: number }).size).toBe(3);
    expect((await c.req('/rest/api/content/98305')).status).toBe(200);
  });

  it('who am I: /rest/api/user/current is 200 for anonymous (type anonymous) and names the user', async () => {
    const { c } = await confluence();
    expect(await (await c.req('/rest/api/user/current')).json()).toMatchObject({ type: 'anonymous' });
    await c.login();
    expect(await (await c.req('/rest/api/user/current')).json()).toMatchObject({ type: 'known', username: 'fred' });
  });
});

describe('Confluence Data Center: a session that dies', () => {
  it('under /rest: 401; a public page: silently anonymous (no X-AUSERNAME, XSRF |lout); a private page: sent to the login', async () => {
    const { emu, c } = await confluence();
    await c.formLogin(FRED, '/dologin.action');
    expect((await c.req('/index.action')).headers.get('x-ausername')).toBe('fred');
    emu.expireAllSessions();
    const rest = await c.req('/rest/api/content');
    expect(rest.status).toBe(401);
    const page = await c.req('/display/PUB/Welcome');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-ausername')).toBeNull();
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lout$/);
    const dashboard = await c.req('/index.action');
    expect(await dashboard.text()).toContain('data-testid="page-count">2<');
    expect((await c.req(PRIVATE)).status).toBe(302);
  });

  it('the inactivity timeout does the same (advanceClock)', async () => {
    const { emu, c } = await confluence({ sessionTimeoutSec: 60 });
    await c.login();
    emu.advanceClock(61);
    expect((await c.req('/rest/api/content')).status).toBe(401);
    expect((await c.req('/display/PUB/FAQ')).status).toBe(200);
  });
});

describe('Confluence Data Center without anonymous access', () => {
  it('/ sends anonymous visitors to the login for /index.action (as the nmap recording shows); REST is 401', async () => {
    const { c } = await confluence({ anonymousAccess: false });
    const root = await c.req('/');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/login.action?os_destination=%2Findex.action&permissionViolation=true');
    expect(root.headers.get('x-confluence-request-time')).not.toBeNull();
    expect(root.headers.getSetCookie().some((s) => s.startsWith('JSESSIONID='))).toBe(true);
    const dash = await c.req('/index.action');
    expect(dash.status).toBe(302);
    expect(dash.headers.get('location')).toBe('/login.action?os_destination=%2Findex.action&permissionViolation=true');
    expect((await c.req('/display/PUB/Welcome')).status).toBe(302);
    expect((await c.req('/rest/api/content')).status).toBe(401);
    expect((await c.req('/login.action')).status).toBe(200);
    await c.formLogin(FRED, '/dologin.action');
    expect((await c.req('/display/PUB/Welcome')).status).toBe(200);
  });
});
