/** The Jira Data Center profile's fingerprints (atlassian-auth.md §8): X-ASEN, OAuth challenges, anonymous JSESSIONID, XSRF suffix, Crowd rotation. */
import { describe, expect, it } from 'vitest';
import { basic, get, oauthChallenge, start } from './test-client';

const xsrfSet = (res: Response) => res.headers.getSetCookie().find((s) => s.startsWith('atlassian.xsrf.token='));

describe('Jira Data Center', () => {
  it('X-ASEN on every answer: pages, REST, 401s, redirects, failed logins', async () => {
    const { emu, c } = await start();
    const answers = [
      await c.req('/secure/Dashboard.jspa'),
      await c.req('/rest/api/2/myself'),
      await c.req('/'),
      await c.login('fred', 'bad'),
      await get(emu, '/rest/api/2/search', { Authorization: basic('fred', 'fred') }),
    ];
    const sens = answers.map((r) => r.headers.get('x-asen'));
    expect(sens[0]).toMatch(/^SEN-L\d{7}$/);
    expect(new Set(sens)).toEqual(new Set([sens[0]])); // one licence per server
  });

  it('401s and the CAPTCHA 403 carry WWW-Authenticate: OAuth realm="<url-encoded origin>"; Basic only for os_authType=basic', async () => {
    const { emu, c } = await start({ captchaAfterFailures: 1 });
    expect(oauthChallenge(emu)).toBe(`OAuth realm="${encodeURIComponent(emu.url)}"`);
    expect((await c.req('/rest/api/2/myself')).headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    expect((await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'bad') })).headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    const captcha = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') });
    expect(captcha.status).toBe(403);
    expect(captcha.headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    expect((await c.req('/secure/Dashboard.jspa?os_authType=basic')).headers.get('www-authenticate')).toBe('Basic realm="protected-area"');
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('www-authenticate')).toBeNull(); // 200s carry none
  });

  it('a publicOrigin is what the realm names', async () => {
    const { c } = await start({ publicOrigin: 'http://jira.example.test' });
    expect((await c.req('/rest/api/2/myself')).headers.get('www-authenticate')).toBe('OAuth realm="http%3A%2F%2Fjira.example.test"');
  });

  it('Tomcat gives an anonymous visitor a JSESSIONID that is not a login: /rest stays 200 anonymous with it, no X-ASESSIONID', async () => {
    const { emu, c } = await start();
    const first = await c.req('/secure/Dashboard.jspa');
    expect(first.headers.getSetCookie().find((s) => s.startsWith('JSESSIONID='))).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/);
    expect(first.headers.get('x-asessionid')).toBeNull();
    expect(emu.sessionCount()).toBe(0); // not a signed-in session
    const rest = await c.req('/rest/api/2/search?jql=');
    expect(rest.status).toBe(200);
    expect(rest.headers.get('x-ausername')).toBe('anonymous');
    expect(rest.headers.getSetCookie()).toEqual([]); // kept, not reissued
    // Signing in replaces it with a signed-in session, without OUT: nobody was signed in.
    const anonId = c.jar.get('JSESSIONID');
    const login = await c.login();
    expect(login.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(c.jar.get('JSESSIONID')).not.toBe(anonId);
    // A Basic caller is somebody: no anonymous session for them.
    expect((await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') })).headers.getSetCookie()).toEqual([]);
  });

  it('an anonymous JSESSIONID that timed out is a dead session cookie like any other: 401 under /rest', async () => {
    const { emu, c } = await start({ sessionTimeoutSec: 60 });
    await c.req('/secure/Dashboard.jspa');
    emu.advanceClock(61);
    expect((await c.req('/rest/api/2/search?jql=')).status).toBe(401);
    expect((await c.req('/issues/?jql=')).status).toBe(200);
  });

  it('atlassian.xsrf.token: |lout anonymous, |lin signed in, back to |lout when the session dies, on pages and REST alike', async () => {
    const { emu, c } = await start();
    await c.req('/secure/Dashboard.jspa');
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}\|[0-9a-f]{40}\|lout$/);
    await c.formLogin({ os_username: 'fred', os_password: 'fred' });
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lin$/);
    emu.expireAllSessions();
    // The REST 401 already tells the browser it is nobody now …
    const rest = await c.req('/rest/api/2/search?jql=');
    expect(rest.status).toBe(401);
    expect(xsrfSet(rest)).toMatch(/\|lout; Path=\/$/);
    // … and the silently anonymous page agrees, without setting it again.
    const page = await c.req('/issues/?jql=');
    expect(page.headers.get('x-ausername')).toBe('anonymous');
    expect(xsrfSet(page)).toBeUndefined();
    expect(c.jar.get('atlassian.xsrf.token')).toMatch(/\|lout$/);
  });

  it('a page whose session died sets the XSRF cookie to |lout (no /rest call first)', async () => {
    const { emu, c } = await start();
    await c.login();
    await c.req('/secure/Dashboard.jspa');
    emu.advanceClock(1801);
    const page = await c.req('/browse/ABC-1');
    expect(page.status).toBe(200);
    expect(xsrfSet(page)).toMatch(/\|lout;/);
  });
});

describe('Crowd SSO cookie rotation (rotateCookies)', () => {
  it('every good Basic call answers OUT, OK, clearing studio.crowd.tokenkey and setting a new one on the same response', async () => {
    const { emu } = await start({ rotateCookies: true });
    const tokens = [];
    for (let i = 0; i < 2; i++) {
      const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-seraph-loginreason')).toBe('OUT, OK');
      expect(res.headers.get('x-ausername')).toBe('fred');
      const crowd = res.headers.getSetCookie().filter((s) => s.startsWith('studio.crowd.tokenkey='));
      expect(crowd).toHaveLength(2);
      expect(crowd[0]).toMatch(/^studio\.crowd\.tokenkey=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=\//);
      expect(crowd[1]).toMatch(/^studio\.crowd\.tokenkey=[\w-]{10,}; Path=\/; HttpOnly$/);
      tokens.push(crowd[1]);
    }
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('only on good Basic calls: failures, cookies and anonymous callers are not rotated; off by default', async () => {
    const { emu, c } = await start({ rotateCookies: true });
    const bad = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'bad') });
    expect(bad.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(bad.headers.getSetCookie().some((s) => s.startsWith('studio.crowd.tokenkey='))).toBe(false);
    await c.login();
    expect((await c.req('/rest/api/2/myself')).headers.getSetCookie()).toEqual([]);
    const plain = await start();
    const res = await get(plain.emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') });
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
