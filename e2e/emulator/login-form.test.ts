/** The login form (/login.jsp) and logout. */
import { describe, expect, it } from 'vitest';
import { get, start } from './test-client';

describe('GET /login.jsp', () => {
  it('is an HTML form with os_username, os_password, os_cookie and os_destination', async () => {
    const { c } = await start();
    const res = await c.req('/login.jsp?os_destination=%2Fbrowse%2FABC-9');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<form method="post" action="\/login\.jsp"/);
    for (const name of ['os_username', 'os_password', 'os_cookie', 'os_destination']) expect(html).toContain(`name="${name}"`);
    expect(html).toContain('value="/browse/ABC-9"');
  });

  it('escapes what it echoes', async () => {
    const { c } = await start();
    const html = await (await c.req(`/login.jsp?os_destination=${encodeURIComponent('"><script>alert(1)</script>')}&os_username=${encodeURIComponent('<b>x</b>')}`)).text();
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>x</b>');
    expect(html).toContain('&#34;&#62;&#60;script&#62;');
  });
});

describe('POST /login.jsp', () => {
  it('success: 302 to os_destination with the session cookie and OK', async () => {
    const { c } = await start();
    const res = await c.formLogin({ os_username: 'fred', os_password: 'fred', os_destination: '/browse/ABC-9' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/browse/ABC-9');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(res.headers.getSetCookie().some((s) => /^JSESSIONID=[0-9A-F]{32}; Path=\/; HttpOnly$/.test(s))).toBe(true);
    expect(c.jar.has('seraph.rememberme.cookie')).toBe(false); // not ticked
    expect((await c.req('/browse/ABC-9')).headers.get('x-ausername')).toBe('fred');
  });

  it('the destination defaults to the dashboard, and off-site destinations are refused', async () => {
    const { c } = await start();
    expect((await c.formLogin({ os_username: 'fred', os_password: 'fred' })).headers.get('location')).toBe('/secure/Dashboard.jspa');
    for (const dest of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      expect((await c.formLogin({ os_username: 'fred', os_password: 'fred', os_destination: dest })).headers.get('location')).toBe('/secure/Dashboard.jspa');
    }
  });

  it('"Remember my login" (os_cookie=true) also sets seraph.rememberme.cookie for two weeks', async () => {
    const { c } = await start();
    const res = await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
    const remember = res.headers.getSetCookie().find((s) => s.startsWith('seraph.rememberme.cookie='));
    expect(remember).toMatch(/^seraph\.rememberme\.cookie=\d+%3A[0-9a-f]{40}; Path=\/; Max-Age=1209600; Expires=[^;]+ GMT; HttpOnly$/);
  });

  it('failure: 200, the form again with an error, AUTHENTICATED_FAILED, no session', async () => {
    const { c } = await start();
    const res = await c.formLogin({ os_username: 'fred', os_password: 'bad', os_destination: '/browse/ABC-9' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    const html = await res.text();
    expect(html).toContain('data-testid="login-error"');
    expect(html).toContain('value="fred"');
    expect(html).toContain('value="/browse/ABC-9"');
    expect(c.emu.sessionCount()).toBe(0);
  });

  it('right password but no application access: 200 form, AUTHORISATION_FAILED', async () => {
    const { c } = await start();
    const res = await c.formLogin({ os_username: 'guest', os_password: 'guest' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHORISATION_FAILED');
    expect(c.emu.sessionCount()).toBe(0);
  });

  it('signing in over a live session says OUT, OK', async () => {
    const { c } = await start();
    await c.formLogin({ os_username: 'fred', os_password: 'fred' });
    expect((await c.formLogin({ os_username: 'admin', os_password: 'admin' })).headers.get('x-seraph-loginreason')).toBe('OUT, OK');
  });
});

describe('logout', () => {
  for (const path of ['/logout', '/secure/Logout!default.jspa']) {
    it(`${path}: destroys the session, clears the cookies, OUT, and a "you are logged out" page`, async () => {
      const { emu, c } = await start();
      await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
      const session = c.jar.get('JSESSIONID');
      const remember = c.jar.get('seraph.rememberme.cookie');
      const res = await c.req(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-seraph-loginreason')).toBe('OUT');
      expect(res.headers.get('x-ausername')).toBe('anonymous');
      expect(await res.text()).toContain('You are now logged out');
      const cookies = res.headers.getSetCookie();
      expect(cookies.some((s) => /^JSESSIONID=; Path=\/; Max-Age=0; Expires=Thu, 01 Jan 1970/.test(s))).toBe(true);
      expect(cookies.some((s) => /^seraph\.rememberme\.cookie=; Path=\/; Max-Age=0/.test(s))).toBe(true);
      expect(emu.sessionCount()).toBe(0);
      // Neither the old session nor the old remember-me token signs anyone in any more.
      const replay = await get(emu, '/rest/api/2/myself', { Cookie: `JSESSIONID=${session}; seraph.rememberme.cookie=${remember}` });
      expect(replay.status).toBe(401);
    });
  }

  it('when nobody is signed in it still answers OUT and clears the cookie', async () => {
    const { c } = await start();
    const res = await c.req('/logout');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OUT');
    expect(res.headers.getSetCookie().some((s) => s.startsWith('JSESSIONID=;'))).toBe(true);
  });
});
