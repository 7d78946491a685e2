/** The Jira Cloud profile (atlassian-auth.md §6, §8): account ids, session-service JWTs, _lin/_lout, API tokens, sites without anonymous access. */
import { describe, expect, it } from 'vitest';
import { decodeSessionToken } from './server';
import { basic, get, start } from './test-client';

const ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const cloud = (opts = {}) => start({ mode: 'cloud', ...opts });
const formLogin = { os_username: 'user@example.com', os_password: 'secret' };
const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((s) => s.startsWith(`${name}=`));

describe('Jira Cloud: who is calling', () => {
  it('X-AACCOUNTID names a signed-in caller; ATL-TraceId on every answer; never X-AUSERNAME, X-ASEN or an OAuth challenge', async () => {
    const { emu, c } = await cloud();
    const anon = [await c.req('/secure/Dashboard.jspa'), await c.req('/rest/api/2/myself'), await c.req('/rest/api/2/search?jql=')];
    await c.formLogin(formLogin);
    const signedIn = [await c.req('/secure/Dashboard.jspa'), await c.req('/rest/api/2/myself'), await get(emu, '/rest/api/2/myself', { Authorization: basic('user@example.com', 'user_api_token') })];
    for (const r of [...anon, ...signedIn]) {
      expect(r.headers.get('atl-traceid'), r.url).toMatch(/^[0-9a-f]{16}$/);
      for (const h of ['x-ausername', 'x-asen', 'x-confluence-request-time', 'www-authenticate']) expect(r.headers.get(h), `${h} on ${r.url}`).toBeNull();
    }
    for (const r of anon) expect(r.headers.get('x-aaccountid')).toBeNull();
    for (const r of signedIn) expect(r.headers.get('x-aaccountid')).toBe(ACCOUNT);
    expect(await signedIn[1]!.json()).toMatchObject({ accountId: ACCOUNT, emailAddress: 'user@example.com' });
    // Cloud has no anonymous Tomcat session cookie.
    expect(c.jar.has('JSESSIONID')).toBe(false);
  });

  it('other users get an account id of the same shape, stable per user', async () => {
    const { emu } = await cloud({ users: [{ name: 'jane', displayName: 'Jane', email: 'jane@example.com', apiToken: 't' }] });
    const id = (await get(emu, '/rest/api/2/myself', { Authorization: basic('jane@example.com', 't') })).headers.get('x-aaccountid');
    expect(id).toMatch(/^557058:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await get(emu, '/rest/api/2/myself', { Authorization: basic('jane@example.com', 't') })).headers.get('x-aaccountid')).toBe(id);
  });
});

describe('Jira Cloud: the session token', () => {
  it('a browser login sets tenant.session.token and cloud.session.token: browser-session cookies holding session-service JWTs', async () => {
    const { emu, c } = await cloud({ sessionLifetimeSec: 3600 });
    const res = await c.formLogin(formLogin);
    expect(res.status).toBe(302);
    for (const name of ['tenant.session.token', 'cloud.session.token']) {
      const set = cookieOf(res, name)!;
      expect(set).toMatch(new RegExp(`^${name.replace(/\./g, '\\.')}=[\\w-]+\\.[\\w-]+\\.[\\w-]+; Path=/; HttpOnly$`));
      expect(set).not.toMatch(/Expires|Max-Age/i);
      const token = set.slice(name.length + 1).split(';')[0]!;
      expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ kid: 'session-service/session-service', alg: 'RS256' });
      const claims = decodeSessionToken(token)!;
      const now = Math.floor(Date.now() / 1000);
      expect(claims).toMatchObject({ sub: ACCOUNT, email: 'user@example.com', iss: 'session-service', aud: 'atlassian', impersonation: [] });
      expect(Math.abs(claims.iat - now)).toBeLessThan(5);
      expect(claims.nbf).toBe(claims.iat);
      expect(claims.exp).toBe(claims.iat + 3600);
      expect(claims.refreshTimeout).toBe(claims.iat + 600);
      expect(claims.sessionId).toMatch(/^[0-9a-f-]{36}$/);
      expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    }
    // One session, two tokens (own jti each).
    const [tenant, account] = ['tenant.session.token', 'cloud.session.token'].map((n) => decodeSessionToken(c.jar.get(n)!)!);
    expect(tenant!.sessionId).toBe(account!.sessionId);
    expect(tenant!.jti).not.toBe(account!.jti);
    expect(emu.sessionCount()).toBe(1);
  });

  it('the default lifetime is 30 days, and idleness alone does not end the session', async () => {
    const { emu, c } = await cloud();
    await c.login('user@example.com', 'secret');
    const claims = decodeSessionToken(c.jar.get('tenant.session.token')!)!;
    expect(claims.exp - claims.iat).toBe(30 * 24 * 3600);
    emu.advanceClock(7 * 24 * 3600);
    expect((await c.req('/rest/api/2/myself')).status).toBe(200);
    emu.advanceClock(23 * 24 * 3600);
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
  });

  it('the session ends at the token\'s exp: REST 401, pages anonymous without X-AACCOUNTID, XSRF back to _lout', async () => {
    const { emu, c } = await cloud({ sessionLifetimeSec: 120, sessionTimeoutSec: 3600 });
    await c.formLogin(formLogin);
    await c.req('/secure/Dashboard.jspa');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}_[0-9a-f]{40}_lin$/);
    emu.advanceClock(60);
    expect((await c.req('/rest/api/2/myself')).headers.get('x-aaccountid')).toBe(ACCOUNT); // still inside the lifetime
    emu.advanceClock(61);
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
    const page = await c.req('/issues/?jql=');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-aaccountid')).toBeNull();
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/_lout$/);
    expect(emu.sessionCount()).toBe(0);
  });

  it('a session killed server-side (expireAllSessions or the control page) looks the same', async () => {
    const { emu, c } = await cloud();
    await c.formLogin(formLogin);
    await c.req('/__emulator/expire-sessions', { method: 'POST' });
    const rest = await c.req('/rest/api/2/search?jql=');
    expect(rest.status).toBe(401);
    expect(cookieOf(rest, 'atlassian.xsrf.token')).toMatch(/_lout; Path=\/$/);
    const page = await c.req('/secure/Dashboard.jspa');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-aaccountid')).toBeNull();
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/_lout$/);
    await c.formLogin(formLogin);
    emu.expireAllSessions();
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
  });

  it('logout clears both tokens', async () => {
    const { c } = await cloud();
    await c.formLogin(formLogin);
    const out = await c.req('/logout');
    expect(cookieOf(out, 'tenant.session.token')).toMatch(/Max-Age=0/);
    expect(cookieOf(out, 'cloud.session.token')).toMatch(/Max-Age=0/);
    expect(out.headers.get('x-seraph-loginreason')).toBe('OUT');
  });
});

describe('Jira Cloud: Basic with an API token', () => {
  it('email + API token: 200 OK; username or password: 401 AUTHENTICATED_FAILED', async () => {
    const { emu } = await cloud({ captchaAfterFailures: 100 });
    const ok = await get(emu, '/rest/api/2/myself', { Authorization: basic('user@example.com', 'user_api_token') });
    expect([ok.status, ok.headers.get('x-seraph-loginreason')]).toEqual([200, 'OK']);
    for (const [u, p] of [['user', 'user_api_token'], ['user@example.com', 'secret']]) {
      const res = await get(emu, '/rest/api/2/myself', { Authorization: basic(u!, p!) });
      expect([res.status, res.headers.get('x-seraph-loginreason')]).toEqual([401, 'AUTHENTICATED_FAILED']);
    }
  });

  it('an expired or revoked API token answers 200 as anonymous with AUTHENTICATED_FAILED (jira.js#418)', async () => {
    const { emu } = await cloud({ captchaAfterFailures: 1 });
    for (let i = 0; i < 2; i++) {
      const res = await get(emu, '/rest/api/2/search?jql=', { Authorization: basic('user@example.com', 'user_expired_api_token') });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(res.headers.get('x-aaccountid')).toBeNull();
      expect(((await res.json()) as { total: number }).total).toBe(5); // what anonymous may see
    }
    // Not counted as a failed login: no CAPTCHA afterwards.
    expect((await get(emu, '/rest/api/2/myself', { Authorization: basic('user@example.com', 'user_api_token') })).status).toBe(200);
  });
});

describe('Jira Cloud: anonymous access', () => {
  it('allowed by default: anonymous pages and REST answer with public content', async () => {
    const { c } = await cloud();
    expect((await c.req('/issues/?jql=')).status).toBe(200);
    expect((await c.req('/rest/api/2/search?jql=')).status).toBe(200);
  });

  it('anonymousAccess: false: pages redirect to the login, REST is 401, signing in still works', async () => {
    const { c } = await cloud({ anonymousAccess: false });
    const page = await c.req('/issues/?jql=project%3DABC');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login.jsp?os_destination=%2Fissues%2F%3Fjql%3Dproject%253DABC&permissionViolation=true');
    expect((await c.req('/rest/api/2/search?jql=')).status).toBe(401);
    expect((await c.req('/login.jsp')).status).toBe(200);
    const login = await c.formLogin({ ...formLogin, os_destination: '/issues/?jql=project%3DABC' });
    expect(login.headers.get('location')).toBe('/issues/?jql=project%3DABC');
    expect((await c.req('/rest/api/2/search?jql=')).status).toBe(200);
  });
});
