/** Basic and Bearer on Server/DC, and Cloud's email + API token rule (atlassian-auth.md §§1, 6). */
import { describe, expect, it } from 'vitest';
import { FRED_EXPIRED_PAT, FRED_PAT } from './server';
import { basic, get, oauthChallenge, start } from './test-client';

const PAT = FRED_PAT;

describe('Basic on Server/DC', () => {
  it('valid: the request is authenticated as that user, OK, and no session is created', async () => {
    const { emu } = await start();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ausername')).toBe('fred');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(res.headers.getSetCookie().filter((s) => s.startsWith('JSESSIONID'))).toEqual([]);
    expect(emu.sessionCount()).toBe(0);
    // The example of atlassian-auth.md §1, verbatim.
    expect((await get(emu, '/rest/api/2/myself', { Authorization: 'Basic ZnJlZDpmcmVk' })).status).toBe(200);
  });

  it('valid on a page: the signed-in content', async () => {
    const { emu } = await start();
    const res = await get(emu, '/issues/?jql=', { Authorization: basic('admin', 'admin') });
    expect(await res.text()).toContain('<b data-testid="issue-count">200</b>');
  });

  it('wrong: 401, AUTHENTICATED_FAILED, Jira\'s text body, only the OAuth challenge, on pages as well as /rest', async () => {
    const { emu } = await start({ captchaAfterFailures: 100 });
    for (const [user, pw, path] of [['fred', 'nope', '/rest/api/2/myself'], ['nobody', 'x', '/secure/Dashboard.jspa'], ['fred', '', '/browse/ABC-1']] as const) {
      const res = await get(emu, path, { Authorization: basic(user, pw) });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(res.headers.get('www-authenticate')).toBe(oauthChallenge(emu));
      expect(res.headers.get('x-ausername')).toBe('anonymous');
      expect(await res.text()).toBe('Basic Authentication Failure - Reason : AUTHENTICATED_FAILED');
    }
  });

  it('wrong Basic is refused even when a valid session cookie comes along', async () => {
    const { emu, c } = await start();
    await c.login();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'bad'), Cookie: `JSESSIONID=${c.jar.get('JSESSIONID')}` });
    expect(res.status).toBe(401);
  });

  it('right password, no application access: 401 AUTHORISATION_FAILED', async () => {
    const { emu } = await start();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('guest', 'guest') });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHORISATION_FAILED');
    expect(await res.text()).toBe('Basic Authentication Failure - Reason : AUTHORISATION_FAILED');
  });

  it('an Authorization header of another scheme, or Basic without a colon, is ignored (anonymous)', async () => {
    const { emu } = await start();
    for (const auth of ['Negotiate abc', `Basic ${Buffer.from('nocolon').toString('base64')}`]) {
      const res = await get(emu, '/secure/Dashboard.jspa', { Authorization: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ausername')).toBe('anonymous');
    }
  });
});

describe('Bearer (Data Center personal access tokens)', () => {
  it('a valid PAT authenticates: OK, X-AUSERNAME, and a JSESSIONID with a lin XSRF cookie (atlassian-auth.md §8)', async () => {
    const { emu } = await start();
    expect(PAT).toMatch(/^[A-Za-z0-9+/]{44}$/);
    expect(PAT).toHaveLength(44);
    const res = await get(emu, '/rest/api/2/myself', { Authorization: `Bearer ${PAT}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ausername')).toBe('fred');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    const cookies = res.headers.getSetCookie();
    expect(cookies.some((c) => /^JSESSIONID=\w+/.test(c))).toBe(true);
    expect(cookies.some((c) => /^atlassian\.xsrf\.token=[^;]*\|lin;/.test(c))).toBe(true);
    expect(emu.sessionCount()).toBe(1);
  });

  it('the PAT sent as the Basic password is refused: 401 AUTHENTICATED_FAILED (PATs go in Bearer)', async () => {
    const { emu } = await start();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', PAT) });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(await res.text()).toBe('Basic Authentication Failure - Reason : AUTHENTICATED_FAILED');
  });

  it('an expired PAT is 401 like an unknown one (not verified: no capture of the real answer)', async () => {
    const { emu } = await start();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: `Bearer ${FRED_EXPIRED_PAT}` });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-ausername')).toBe('anonymous');
    expect(emu.sessionCount()).toBe(0);
  });

  it('an invalid one is 401 (JSON, only the OAuth challenge), on pages too', async () => {
    const { emu } = await start();
    for (const path of ['/rest/api/2/myself', '/secure/Dashboard.jspa']) {
      const res = await get(emu, path, { Authorization: 'Bearer not-a-token' });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(oauthChallenge(emu));
      expect(((await res.json()) as { errorMessages: string[] }).errorMessages).toHaveLength(1);
    }
    expect((await get(emu, '/rest/api/2/myself', { Authorization: 'Bearer ' })).status).toBe(401);
  });
});

describe('Cloud mode', () => {
  const myself = (url: string, auth: string) => fetch(`${url}/rest/api/2/myself`, { headers: { Authorization: auth } });

  it('Basic with email + API token works; the user is named by account id (X-AACCOUNTID, never X-AUSERNAME)', async () => {
    const { emu } = await start({ mode: 'cloud' });
    const res = await myself(emu.url, basic('user@example.com', 'user_api_token'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-aaccountid')).toBe('557058:f58131cb-b67d-43c7-b30d-6b58d40bd077');
    expect(res.headers.get('x-ausername')).toBeNull();
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(await res.json()).toMatchObject({ name: 'user', emailAddress: 'user@example.com', displayName: 'user' });
    // atlassian-auth.md §1's example, verbatim.
    expect((await myself(emu.url, 'Basic dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg==')).status).toBe(200);
  });

  it('the username instead of the email, or the password instead of the token: 401 AUTHENTICATED_FAILED', async () => {
    const { emu } = await start({ mode: 'cloud', captchaAfterFailures: 100 });
    for (const [login, secret] of [['user', 'user_api_token'], ['user@example.com', 'secret'], ['user', 'secret']]) {
      const res = await myself(emu.url, basic(login!, secret!));
      expect(res.status, `${login}:${secret}`).toBe(401);
      expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(res.headers.get('www-authenticate')).toBeNull();
    }
  });

  it('Server users and PATs do not exist on Cloud (a Bearer token that is not a Connect JWT: 403, tokens-2026.md §1)', async () => {
    const { emu } = await start({ mode: 'cloud' });
    expect((await myself(emu.url, basic('fred', 'fred'))).status).toBe(401);
    expect((await myself(emu.url, `Bearer ${PAT}`)).status).toBe(403);
  });

  it('the session cookie is tenant.session.token; the login form and REST login take the email + password', async () => {
    const { c } = await start({ mode: 'cloud' });
    const res = await c.login('user@example.com', 'secret');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { session: { name: string } }).session.name).toBe('tenant.session.token');
    expect(c.jar.has('tenant.session.token')).toBe(true);
    expect(c.jar.has('JSESSIONID')).toBe(false);
    expect((await c.req('/rest/api/2/myself')).headers.get('x-aaccountid')).toBe('557058:f58131cb-b67d-43c7-b30d-6b58d40bd077');
    expect((await c.login('user', 'secret')).status).toBe(401); // Cloud logins are by email
    const form = await c.formLogin({ os_username: 'user@example.com', os_password: 'secret' });
    expect(form.status).toBe(302);
  });

  it('expired tenant.session.token: 401 under /rest, anonymous elsewhere, as on Server', async () => {
    const { emu, c } = await start({ mode: 'cloud' });
    await c.login('user@example.com', 'secret');
    emu.expireAllSessions();
    expect((await c.req('/rest/api/2/search?jql=')).status).toBe(401);
    const page = await c.req('/issues/?jql=');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-aaccountid')).toBeNull();
    expect(page.headers.get('x-ausername')).toBeNull();
  });
});
