/** CAPTCHA after N failed logins for one user (atlassian-auth.md §§4-5), and its reset. */
import { describe, expect, it } from 'vitest';
import { basic, get, oauthChallenge, start } from './test-client';

describe('CAPTCHA after failed logins', () => {
  it('default: three failures in a row, then REST login gets 403 AUTHENTICATION_DENIED even with the right password', async () => {
    const { emu, c } = await start();
    for (const pw of ['a', 'b', 'c']) expect((await c.login('fred', pw)).status).toBe(401);
    const denied = await c.login('fred', 'fred');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(denied.headers.get('x-authentication-denied-reason')).toBe(`CAPTCHA_CHALLENGE; login-url=${emu.url}/login.jsp`);
    expect(denied.headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    expect(emu.sessionCount()).toBe(0);
    // Other users are not affected.
    expect((await c.login('admin', 'admin')).status).toBe(200);
  });

  it('two failures are not yet enough; a success in between starts the count again', async () => {
    const { c } = await start();
    await c.login('fred', 'a');
    await c.login('fred', 'b');
    expect((await c.login()).status).toBe(200);
    await c.login('fred', 'c');
    await c.login('fred', 'd');
    expect((await c.login()).status).toBe(200);
  });

  it('login-url names the public origin', async () => {
    const { c } = await start({ captchaAfterFailures: 1, publicOrigin: 'https://jira.example.com' });
    await c.login('fred', 'x');
    expect((await c.login()).headers.get('x-authentication-denied-reason')).toBe('CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp');
  });

  it('Basic: failures count toward CAPTCHA; then 403 AUTHENTICATION_DENIED with the denied reason, even with the right password', async () => {
    const { emu } = await start({ captchaAfterFailures: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'bad') });
      expect(r.status).toBe(401);
      expect(r.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    }
    const denied = await get(emu, '/secure/Dashboard.jspa', { Authorization: basic('fred', 'fred') });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
    expect(denied.headers.get('x-authentication-denied-reason')).toMatch(/^CAPTCHA_CHALLENGE; login-url=http:\/\/127\.0\.0\.1:\d+\/login\.jsp$/);
    expect(await denied.text()).toBe('Basic Authentication Failure - Reason : AUTHENTICATION_DENIED');
  });

  it('failures add up across REST, the form and Basic, per person', async () => {
    const { emu, c } = await start();
    await c.login('fred', 'a');
    await c.formLogin({ os_username: 'fred', os_password: 'b' });
    await get(emu, '/rest/api/2/myself', { Authorization: basic('FRED', 'c') }); // logins are case-insensitive
    expect((await c.login()).status).toBe(403);
  });

  it('captchaAfterFailures is configurable; Infinity turns CAPTCHA off', async () => {
    const one = await start({ captchaAfterFailures: 1 });
    await one.c.login('fred', 'x');
    expect((await one.c.login()).status).toBe(403);
    const never = await start({ captchaAfterFailures: Infinity });
    for (let i = 0; i < 10; i++) await never.c.login('fred', 'x');
    expect((await never.c.login()).status).toBe(200);
  });
});

describe('the CAPTCHA on the login form', () => {
  async function captchaBound() {
    const ctx = await start({ captchaAfterFailures: 2 });
    await ctx.c.login('fred', 'x');
    await ctx.c.login('fred', 'y');
    return ctx;
  }

  it('GET /login.jsp?os_username=… shows the CAPTCHA field and prints the answer', async () => {
    const { c } = await captchaBound();
    const html = await (await c.req('/login.jsp?os_username=fred')).text();
    expect(html).toContain('data-testid="captcha"');
    expect(html).toContain('name="os_captcha"');
    expect(html).toMatch(/Type: <b data-testid="captcha-answer">seraph<\/b>/);
    expect(await (await c.req('/login.jsp?os_username=admin')).text()).not.toContain('data-testid="captcha"');
    expect(await (await c.req('/login.jsp')).text()).not.toContain('data-testid="captcha"');
  });

  it('POST without the answer (or a wrong one): 200 form with the CAPTCHA, AUTHENTICATION_DENIED, no session', async () => {
    const { c } = await captchaBound();
    for (const extra of [{}, { os_captcha: 'robot' }] as Record<string, string>[]) {
      const res = await c.formLogin({ os_username: 'fred', os_password: 'fred', ...extra });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATION_DENIED');
      expect(await res.text()).toContain('data-testid="captcha"');
      expect(c.emu.sessionCount()).toBe(0);
    }
  });

  it('right answer, wrong password: AUTHENTICATED_FAILED and the CAPTCHA stays', async () => {
    const { c } = await captchaBound();
    const res = await c.formLogin({ os_username: 'fred', os_password: 'bad', os_captcha: 'seraph' });
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(await res.text()).toContain('data-testid="captcha"');
    expect((await c.login()).status).toBe(403);
  });

  it('right answer and right password: signed in, and the failure count is reset (REST logins work again)', async () => {
    const { emu, c } = await captchaBound();
    const ok = await c.formLogin({ os_username: 'fred', os_password: 'fred', os_captcha: 'seraph' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('x-seraph-loginreason')).toBe('OK');
    // A different client (no cookies), as a script would be:
    const rest = await fetch(`${emu.url}/rest/auth/1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username":"fred","password":"fred"}' });
    expect(rest.status).toBe(200);
    expect(((await rest.json()) as { loginInfo: { failedLoginCount: number } }).loginInfo.failedLoginCount).toBe(0);
  });
});

describe('resetting CAPTCHA', () => {
  it('resetCaptcha(user) clears that user only; resetCaptcha() clears everybody', async () => {
    const { emu, c } = await start({ captchaAfterFailures: 1 });
    await c.login('fred', 'x');
    await c.login('admin', 'x');
    emu.resetCaptcha('fred');
    expect((await c.login()).status).toBe(200);
    expect((await c.login('admin', 'admin')).status).toBe(403);
    emu.resetCaptcha();
    expect((await c.login('admin', 'admin')).status).toBe(200);
  });

  it('POST /__emulator/reset-captcha (optionally ?user=) needs no login', async () => {
    const { c } = await start({ captchaAfterFailures: 1 });
    await c.login('fred', 'x');
    await c.login('admin', 'x');
    expect((await c.req('/__emulator/reset-captcha?user=admin', { method: 'POST' })).status).toBe(303);
    expect((await c.login('fred', 'fred')).status).toBe(403);
    expect((await c.login('admin', 'admin')).status).toBe(200);
    await c.req('/__emulator/reset-captcha', { method: 'POST' });
    expect((await c.login('fred', 'fred')).status).toBe(200);
  });
});
