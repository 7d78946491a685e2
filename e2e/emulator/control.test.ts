/** /__emulator/: the control page and its actions, which need no login and are not Jira. */
import { describe, expect, it } from 'vitest';
import { FRED_PAT } from './server';
import { basic, get, start } from './test-client';

describe('the control page', () => {
  it('GET /__emulator/ lists the users with their credentials and the session state, without any login', async () => {
    const { emu, c } = await start();
    await c.login();
    const res = await get(emu, '/__emulator/');
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const s of ['fred / fred', 'admin / admin', FRED_PAT, 'JSESSIONID', '1800 s']) expect(html).toContain(s);
    expect(html).toContain('<span data-testid="live-sessions">1</span>');
    for (const action of ['/__emulator/expire-sessions', '/__emulator/advance?seconds=', '/__emulator/reset-captcha']) expect(html).toContain(`method="post" action="${action}`);
  });

  it('Cloud: shows the email and API token', async () => {
    const { emu } = await start({ mode: 'cloud' });
    const html = await (await get(emu, '/__emulator/')).text();
    expect(html).toContain('user@example.com : user_api_token');
    expect(html).toContain('tenant.session.token');
  });

  it('is not Jira: no X-AUSERNAME or other Atlassian headers, and credentials sent to it are ignored', async () => {
    const { emu } = await start({ captchaAfterFailures: 1 });
    const res = await get(emu, '/__emulator/', { Authorization: basic('fred', 'wrong') });
    expect(res.status).toBe(200);
    for (const h of ['x-ausername', 'x-arequestid', 'x-asessionid', 'x-seraph-loginreason']) expect(res.headers.get(h)).toBeNull();
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await get(emu, '/__emulator/', { Authorization: basic('fred', 'wrong') })).status).toBe(200); // no CAPTCHA count either
  });

  it('GET /__emulator/state is the same state as JSON', async () => {
    const { emu, c } = await start({ sessionTimeoutSec: 120 });
    await c.login();
    await c.login('admin', 'bad');
    emu.advanceClock(30);
    const state = (await (await get(emu, '/__emulator/state')).json()) as Record<string, unknown>;
    expect(state).toMatchObject({ mode: 'server', timeoutSec: 120, clockOffsetSec: 30, sessionCookieName: 'JSESSIONID', failures: [{ login: 'admin', count: 1 }] });
    expect(state.sessions).toEqual([{ user: 'fred', asessionid: expect.stringMatching(/^[0-9a-z]{7}$/), idleSec: 30, secondsLeft: 90 }]);
  });
});

describe('control actions (POST, 303 back to the page)', () => {
  it('expire-sessions ends every session', async () => {
    const { emu, c } = await start();
    await c.login();
    const post = await fetch(`${emu.url}/__emulator/expire-sessions`, { method: 'POST', redirect: 'manual' });
    expect(post.status).toBe(303);
    expect(post.headers.get('location')).toBe('/__emulator/');
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
  });

  it('advance?seconds=N moves the server clock (query or form body); a bad N is 400', async () => {
    const { emu, c } = await start({ sessionTimeoutSec: 100 });
    await c.login();
    expect((await fetch(`${emu.url}/__emulator/advance?seconds=60`, { method: 'POST', redirect: 'manual' })).status).toBe(303);
    expect((await c.req('/rest/api/2/myself')).status).toBe(200);
    await fetch(`${emu.url}/__emulator/advance`, { method: 'POST', redirect: 'manual', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'seconds=101' });
    expect((await c.req('/rest/api/2/myself')).status).toBe(401);
    expect((await fetch(`${emu.url}/__emulator/advance?seconds=soon`, { method: 'POST', redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${emu.url}/__emulator/advance`, { method: 'POST', redirect: 'manual' })).status).toBe(400);
  });

  it('unknown controls are 404', async () => {
    const { emu } = await start();
    expect((await fetch(`${emu.url}/__emulator/explode`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
    expect((await get(emu, '/__emulator/explode')).status).toBe(404);
  });
});

describe('the controls work for every profile', () => {
  const PROFILES = [
    { product: 'jira', mode: 'server', login: ['fred', 'fred', '/rest/auth/1/session'], probe: '/rest/api/2/myself', page: '/secure/Dashboard.jspa', title: 'Jira Data Center' },
    { product: 'jira', mode: 'cloud', login: ['user@example.com', 'secret', '/rest/auth/1/session'], probe: '/rest/api/2/myself', page: '/secure/Dashboard.jspa', title: 'Jira Cloud' },
    { product: 'confluence', mode: 'server', login: ['fred', 'fred', '/rest/auth/1/session'], probe: '/rest/auth/1/session', page: '/index.action', title: 'Confluence Data Center' },
    { product: 'confluence', mode: 'cloud', login: ['user@example.com', 'secret', '/wiki/rest/auth/1/session'], probe: '/wiki/rest/auth/1/session', page: '/wiki/index.action', title: 'Confluence Cloud' },
  ] as const;

  it.each(PROFILES)('$product $mode: state names the profile; expire-sessions and advance kill the session', async ({ product, mode, login, probe, page, title }) => {
    const { emu, c } = await start({ product, mode, sessionTimeoutSec: 100 });
    const html = await (await get(emu, '/__emulator/')).text();
    expect(html).toContain(`${title} emulator controls`);
    expect(html).toContain(`href="${page}"`);
    expect(await (await get(emu, '/__emulator/state')).json()).toMatchObject({ product, mode });
    await c.login(...login);
    expect((await c.req(probe)).status).toBe(200);
    await c.req('/__emulator/expire-sessions', { method: 'POST' });
    expect((await c.req(probe)).status).toBe(401);
    await c.login(...login);
    await c.req('/__emulator/advance?seconds=101', { method: 'POST' });
    expect((await c.req(probe)).status).toBe(401);
    expect((await c.req(page)).status).toBe(200); // silently anonymous
  });
});
