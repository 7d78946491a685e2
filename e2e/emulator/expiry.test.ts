/** atlassian-auth.md §2: an expired or unknown session cookie is a 401 under /rest and silently anonymous elsewhere. */
import { describe, expect, it } from 'vitest';
import { get, oauthChallenge, start } from './test-client';

async function expiredClient() {
  const ctx = await start({ sessionTimeoutSec: 60 });
  await ctx.c.login();
  ctx.emu.advanceClock(61);
  return ctx;
}

describe('an expired session cookie', () => {
  it('under /rest: 401 with JSON errorMessages and only the OAuth challenge, on every endpoint, even anonymous-friendly ones', async () => {
    const { c } = await expiredClient();
    for (const path of ['/rest/api/2/search?jql=', '/rest/api/2/myself', '/rest/api/2/serverInfo', '/rest/auth/1/session', '/rest/api/2/issue/ABC-1', '/rest/no/such']) {
      const res = await c.req(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate'), path).toBe(oauthChallenge(c.emu));
      expect(res.headers.get('x-ausername'), path).toBe('anonymous');
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(((await res.json()) as { errorMessages: string[] }).errorMessages[0]).toMatch(/not authenticated/i);
    }
  });

  it('anywhere else: silently anonymous, 200 with anonymous content', async () => {
    const { c } = await expiredClient();
    const dashboard = await c.req('/secure/Dashboard.jspa');
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('x-ausername')).toBe('anonymous');
    expect(dashboard.headers.get('x-seraph-loginreason')).toBeNull();
    expect(await dashboard.text()).toContain('data-testid="current-user">Anonymous');
    const issues = await c.req('/issues/?jql=project%3DABC');
    expect(issues.status).toBe(200);
    expect(await issues.text()).toContain('<b data-testid="issue-count">5</b>');
    const browse = await c.req('/browse/ABC-42');
    expect(browse.status).toBe(200);
    expect(await browse.text()).toContain('data-testid="no-permission"');
  });

  it('the same pages showed the user before it expired', async () => {
    const { emu, c } = await start();
    await c.login();
    const before = await (await c.req('/issues/?jql=project%3DABC')).text();
    expect(before).toContain('<b data-testid="issue-count">200</b>');
    expect(before).toMatch(/data-testid="current-user">Signed in as <b>fred<\/b>/);
    emu.expireAllSessions();
    expect(await (await c.req('/issues/?jql=project%3DABC')).text()).toContain('<b data-testid="issue-count">5</b>');
  });

  it('a made-up session cookie is treated the same way', async () => {
    const { emu } = await start();
    const cookie = { Cookie: 'JSESSIONID=0123456789ABCDEF0123456789ABCDEF' };
    expect((await get(emu, '/rest/api/2/search?jql=', cookie)).status).toBe(401);
    const page = await get(emu, '/issues/?jql=', cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('x-ausername')).toBe('anonymous');
  });

  it('does not stop a new REST login (POST /rest/auth/1/session)', async () => {
    const { c } = await expiredClient();
    expect((await c.login()).status).toBe(200);
    expect((await c.req('/rest/api/2/myself')).status).toBe(200);
  });

  it('a cookie of another name (XSRF, remember-me unknown) does not count as a session cookie', async () => {
    const { emu } = await start();
    expect((await get(emu, '/rest/api/2/search?jql=', { Cookie: 'atlassian.xsrf.token=X|y|lout' })).status).toBe(200);
  });
});

describe('no cookie at all', () => {
  it('anonymous access is allowed: pages and REST search answer 200 with anonymous content', async () => {
    const { emu } = await start();
    const search = await get(emu, '/rest/api/2/search?jql=');
    expect(search.status).toBe(200);
    expect(((await search.json()) as { total: number }).total).toBe(5);
    for (const path of ['/secure/Dashboard.jspa', '/issues/?jql=', '/browse/ABC-1', '/login.jsp']) {
      const res = await get(emu, path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('x-ausername')).toBe('anonymous');
    }
    expect((await get(emu, '/rest/api/2/serverInfo')).status).toBe(200);
  });

  it('endpoints that need a user answer 401 with only the OAuth challenge', async () => {
    const { emu } = await start();
    for (const path of ['/rest/api/2/myself', '/rest/auth/1/session']) {
      const res = await get(emu, path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(oauthChallenge(emu));
    }
  });
});
