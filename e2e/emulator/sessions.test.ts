/** Server-side sessions: random ids, sliding inactivity timeout on the emulator clock, remember-me, cookie lifetime. */
import { describe, expect, it } from 'vitest';
import { get, start } from './test-client';

describe('sessions', () => {
  it('ids are random and opaque (32 hex digits), one per login', async () => {
    const { c } = await start();
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await c.login();
      ids.add(c.jar.get('JSESSIONID')!);
    }
    expect(ids.size).toBe(5);
    for (const id of ids) expect(id).toMatch(/^[0-9A-F]{32}$/);
  });

  it('time out after the inactivity timeout, measured on the emulator clock; each use slides it', async () => {
    const { emu, c } = await start({ sessionTimeoutSec: 60 });
    await c.login();
    emu.advanceClock(50);
    expect((await c.req('/rest/api/2/myself')).status).toBe(200); // touched at 50 s
    emu.advanceClock(50);
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('fred'); // 50 s idle: alive
    emu.advanceClock(61);
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
    expect(emu.sessionCount()).toBe(0);
  });

  it('default timeout is 1800 s', async () => {
    const { emu, c } = await start();
    await c.login();
    emu.advanceClock(1790); // (real milliseconds pass too: stay clear of the exact edge)
    expect((await c.req('/rest/api/2/myself')).status).toBe(200);
    emu.advanceClock(1801);
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
  });

  it('setSessionTimeout() changes the timeout of live sessions too', async () => {
    const { emu, c } = await start();
    await c.login();
    emu.setSessionTimeout(10);
    emu.advanceClock(11);
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
  });

  it('expireAllSessions() ends every session at once', async () => {
    const { emu, c } = await start();
    await c.login();
    expect(emu.sessionCount()).toBe(1);
    emu.expireAllSessions();
    expect(emu.sessionCount()).toBe(0);
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
  });

  it('the session cookie is a browser-session cookie by default; cookieMaxAgeSec adds Max-Age and Expires', async () => {
    const plain = await start();
    expect((await plain.c.login()).headers.getSetCookie()[0]).not.toMatch(/Max-Age|Expires/);
    const timed = await start({ cookieMaxAgeSec: 300 });
    const set = (await timed.c.login()).headers.getSetCookie()[0]!;
    expect(set).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; Max-Age=300; Expires=([^;]+); HttpOnly$/);
    const expires = Date.parse(/Expires=([^;]+)/.exec(set)![1]!);
    expect(Math.abs(expires - (Date.now() + 300_000))).toBeLessThan(5_000); // real time: the browser judges it
  });

  it('the cookie outlives the server-side session when Max-Age is longer than the timeout (the expired-cookie case)', async () => {
    const { emu, c } = await start({ sessionTimeoutSec: 60, cookieMaxAgeSec: 3600 });
    await c.login();
    emu.advanceClock(120);
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('anonymous');
  });

  it('the session cookie name is configurable', async () => {
    const { c } = await start({ sessionCookieName: 'studio.crowd.tokenkey' });
    const body = (await (await c.login()).json()) as { session: { name: string } };
    expect(body.session.name).toBe('studio.crowd.tokenkey');
    expect((await c.req('/rest/api/2/myself')).status).toBe(200);
  });
});

describe('remember-me', () => {
  it('re-authenticates once the session expired, creating a new session (new cookie, OK, user named)', async () => {
    const { emu, c } = await start({ sessionTimeoutSec: 60 });
    await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
    const first = c.jar.get('JSESSIONID');
    const firstSid = (await c.req('/rest/api/2/myself')).headers.get('x-asessionid');
    emu.advanceClock(120);
    const res = await c.req('/rest/api/2/myself');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ausername')).toBe('fred');
    expect(res.headers.get('x-seraph-loginreason')).toBe('OK');
    expect(res.headers.get('x-asessionid')).not.toBe(firstSid);
    expect(c.jar.get('JSESSIONID')).not.toBe(first);
    // The new session is an ordinary one from now on: no further login.
    const next = await c.req('/secure/Dashboard.jspa');
    expect(next.headers.get('x-seraph-loginreason')).toBeNull();
    expect(next.headers.get('x-asessionid')).toBe(res.headers.get('x-asessionid'));
  });

  it('works from the remember-me cookie alone (browser restarted: session cookie gone)', async () => {
    const { emu, c } = await start();
    await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
    const res = await get(emu, '/secure/Dashboard.jspa', { Cookie: `seraph.rememberme.cookie=${c.jar.get('seraph.rememberme.cookie')}` });
    expect(res.headers.get('x-ausername')).toBe('fred');
    expect(res.headers.getSetCookie().some((s) => s.startsWith('JSESSIONID='))).toBe(true);
  });

  it('is not issued without "Remember my login", and an unknown token is ignored', async () => {
    const { emu, c } = await start();
    await c.formLogin({ os_username: 'fred', os_password: 'fred' });
    emu.expireAllSessions();
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('anonymous');
    expect((await get(emu, '/secure/Dashboard.jspa', { Cookie: 'seraph.rememberme.cookie=1%3Adeadbeef' })).headers.get('x-ausername')).toBe('anonymous');
  });

  it('expires after two weeks', async () => {
    const { emu, c } = await start();
    await c.formLogin({ os_username: 'fred', os_password: 'fred', os_cookie: 'true' });
    emu.advanceClock(15 * 24 * 3600);
    expect((await c.req('/secure/Dashboard.jspa')).headers.get('x-ausername')).toBe('anonymous');
  });
});
