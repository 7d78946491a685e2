/** POST / GET / DELETE /rest/auth/1/session (atlassian-auth.md §5). */
import { describe, expect, it } from 'vitest';
import { JSON_HEADERS, get, oauthChallenge, start } from './test-client';

const JIRA_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/;

interface LoginBody {
  session: { name: string; value: string };
  loginInfo: { failedLoginCount: number; loginCount: number; lastFailedLoginTime: string; previousLoginTime: string };
}

describe('POST /rest/auth/1/session', () => {
  it('good credentials: 200, session JSON naming the cookie, loginInfo, Set-Cookie, OK', async () => {
    const { c } = await start();
    const res = await c.login();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    const body = (await res.json()) as LoginBody;
    expect(Object.keys(body)).toEqual(['session', 'loginInfo']);
    expect(body.session.name).toBe('JSESSIONID');
    expect(body.session.value).toMatch(/^[0-9A-F]{32}$/);
    expect(body.loginInfo).toEqual({ failedLoginCount: 0, loginCount: expect.any(Number), lastFailedLoginTime: expect.stringMatching(JIRA_TIME), previousLoginTime: expect.stringMatching(JIRA_TIME) });
    // A browser-session cookie by default (no Max-Age, no Expires), like real Jira.
    expect(res.headers.getSetCookie()[0]).toBe(`JSESSIONID=${body.session.value}; Path=/; HttpOnly`);
  });

  it('loginInfo counts logins, reports the failures the login cleared and the previous login time', async () => {
    const { emu, c } = await start();
    const first = (await (await c.login()).json()) as LoginBody;
    await c.login('fred', 'bad');
    emu.advanceClock(60);
    const second = (await (await c.login()).json()) as LoginBody;
    expect(second.loginInfo.loginCount).toBe(first.loginInfo.loginCount + 1);
    expect(second.loginInfo.failedLoginCount).toBe(1);
    expect(Date.parse(second.loginInfo.previousLoginTime.replace('+0000', 'Z'))).toBeGreaterThan(Date.parse(first.loginInfo.previousLoginTime.replace('+0000', 'Z')));
    expect(Date.parse(second.loginInfo.lastFailedLoginTime.replace('+0000', 'Z'))).toBeGreaterThan(Date.now() - 10_000);
  });

  it('a login over a live session logs that one out first: OUT, OK, and the old cookie is dead', async () => {
    const { emu, c } = await start();
    await c.login();
    const old = c.jar.get('JSESSIONID');
    const again = await c.login('admin', 'admin');
    expect(again.headers.get('x-seraph-loginreason')).toBe('OUT, OK');
    expect(again.headers.get('x-ausername')).toBe('admin');
    expect(c.jar.get('JSESSIONID')).not.toBe(old);
    expect((await get(emu, '/rest/api/2/myself', { Cookie: `JSESSIONID=${old}` })).status).toBe(401);
  });

  it('a login carrying an expired session cookie is a plain OK (nobody to log out)', async () => {
    const { emu, c } = await start();
    await c.login();
    emu.expireAllSessions();
    const res = await c.login();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
  });

  it('wrong credentials: 401 {"errorMessages":["Login failed"],"errors":{}}, AUTHENTICATED_FAILED, only the OAuth challenge, no session', async () => {
    const { c } = await start();
    for (const [u, p] of [['fred', 'nope'], ['nobody', 'fred'], ['', '']]) {
      const res = await c.login(u, p);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errorMessages: ['Login failed'], errors: {} });
      expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
      expect(res.headers.get('www-authenticate')).toBe(oauthChallenge(c.emu));
      // At most Tomcat's anonymous JSESSIONID on the first answer; no signed-in session.
      expect(res.headers.getSetCookie().filter((s) => !s.startsWith('JSESSIONID='))).toEqual([]);
      expect(c.emu.sessionCount()).toBe(0);
    }
  });

  it('right password but no application access: 401 AUTHORISATION_FAILED, no session', async () => {
    const { c } = await start();
    const res = await c.login('guest', 'guest');
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHORISATION_FAILED');
    expect(c.emu.sessionCount()).toBe(0);
  });

  it('refuses what is not JSON: 415 without the JSON content type, 400 for a broken body', async () => {
    const { c } = await start();
    const form = await c.req('/rest/auth/1/session', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'username=fred&password=fred' });
    expect(form.status).toBe(415);
    const broken = await c.req('/rest/auth/1/session', { method: 'POST', headers: JSON_HEADERS, body: '{"username":' });
    expect(broken.status).toBe(400);
    expect(c.emu.sessionCount()).toBe(0);
  });
});

describe('GET /rest/auth/1/session', () => {
  it('signed in: 200 {self, name, loginInfo}', async () => {
    const { emu, c } = await start();
    await c.login();
    const res = await c.req('/rest/auth/1/session');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      self: `${emu.url}/rest/api/latest/user?username=fred`,
      name: 'fred',
      loginInfo: { failedLoginCount: 0, loginCount: expect.any(Number), lastFailedLoginTime: expect.stringMatching(JIRA_TIME), previousLoginTime: expect.stringMatching(JIRA_TIME) },
    });
  });

  it('self uses publicOrigin when one is configured', async () => {
    const { c } = await start({ publicOrigin: 'http://jira.example.test/' });
    await c.login();
    expect(((await (await c.req('/rest/auth/1/session')).json()) as { self: string }).self).toBe('http://jira.example.test/rest/api/latest/user?username=fred');
  });

  it('anonymous: 401 with JSON errorMessages and only the OAuth challenge', async () => {
    const { c } = await start();
    const res = await c.req('/rest/auth/1/session');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(oauthChallenge(c.emu));
    expect(((await res.json()) as { errorMessages: string[] }).errorMessages).toHaveLength(1);
  });
});

describe('DELETE /rest/auth/1/session', () => {
  it('204, session destroyed, cookie cleared with Max-Age=0 and a past Expires, OUT', async () => {
    const { emu, c } = await start();
    await c.login();
    const old = c.jar.get('JSESSIONID');
    const res = await c.req('/rest/auth/1/session', { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.headers.get('x-seraph-loginreason')).toBe('OUT');
    expect(res.headers.get('x-ausername')).toBe('anonymous');
    const cleared = res.headers.getSetCookie().find((s) => s.startsWith('JSESSIONID='));
    expect(cleared).toMatch(/^JSESSIONID=; Path=\/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    expect(emu.sessionCount()).toBe(0);
    expect((await get(emu, '/rest/auth/1/session', { Cookie: `JSESSIONID=${old}` })).status).toBe(401);
  });

  it('not logged in: 401', async () => {
    const { c } = await start();
    expect((await c.req('/rest/auth/1/session', { method: 'DELETE' })).status).toBe(401);
  });
});
