/** The Jira-like content: issue totals that give away who you are, pages that say who is signed in. */
import { describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { basic, get, start } from './test-client';

interface SearchResult {
  startAt: number;
  maxResults: number;
  total: number;
  issues: Array<{ key: string; fields: { summary: string } }>;
}

describe('GET /rest/api/2/search', () => {
  it('200 issues for a signed-in user, 5 for anonymous', async () => {
    const { c } = await start();
    const anon = (await (await c.req('/rest/api/2/search?jql=')).json()) as SearchResult;
    expect(anon).toMatchObject({ startAt: 0, maxResults: 50, total: 5 });
    expect(anon.issues.map((i) => i.key)).toEqual(['ABC-1', 'ABC-2', 'ABC-3', 'ABC-4', 'ABC-5']);
    expect(anon.issues[0]!.fields.summary).toBe('Issue number 1');
    await c.login();
    const mine = (await (await c.req('/rest/api/2/search?jql=project%3DABC')).json()) as SearchResult;
    expect(mine.total).toBe(200);
    expect(mine.issues).toHaveLength(50);
  });

  it('pages with startAt and maxResults', async () => {
    const { emu } = await start();
    const auth = { Authorization: basic('fred', 'fred') };
    const page = (await (await get(emu, '/rest/api/2/search?jql=&startAt=190&maxResults=50', auth)).json()) as SearchResult;
    expect(page).toMatchObject({ startAt: 190, maxResults: 50, total: 200 });
    expect(page.issues.map((i) => i.key)).toEqual(Array.from({ length: 10 }, (_, i) => `ABC-${191 + i}`));
    const none = (await (await get(emu, '/rest/api/2/search?jql=&maxResults=0', auth)).json()) as SearchResult;
    expect(none).toMatchObject({ maxResults: 0, total: 200, issues: [] });
    const all = (await (await get(emu, '/rest/api/2/search?jql=&maxResults=5000', auth)).json()) as SearchResult;
    expect(all.maxResults).toBe(1000);
    expect(all.issues).toHaveLength(200);
  });
});

describe('other REST resources', () => {
  it('/rest/api/2/myself names the user', async () => {
    const { emu } = await start();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic('fred', 'fred') });
    expect(await res.json()).toMatchObject({ name: 'fred', displayName: 'Fred Sanders', self: `${emu.url}/rest/api/2/user?username=fred` });
  });

  it('/rest/api/2/issue/KEY: visible issues, 404 for the rest', async () => {
    const { emu } = await start();
    expect((await get(emu, '/rest/api/2/issue/ABC-5')).status).toBe(200);
    expect((await get(emu, '/rest/api/2/issue/ABC-6')).status).toBe(404);
    expect((await get(emu, '/rest/api/2/issue/ABC-6', { Authorization: basic('fred', 'fred') })).status).toBe(200);
    expect((await get(emu, '/rest/api/2/issue/ABC-201', { Authorization: basic('fred', 'fred') })).status).toBe(404);
  });

  it('unknown /rest paths: 404 JSON', async () => {
    const { emu } = await start();
    const res = await get(emu, '/rest/nothing/here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('HTML pages', () => {
  it('GET / redirects to the dashboard', async () => {
    const { emu } = await start();
    const res = await get(emu, '/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/secure/Dashboard.jspa');
  });

  it('say who is signed in: "Anonymous — Log in" or "Signed in as fred", with data-testid="current-user"', async () => {
    const { c } = await start();
    const anon = await (await c.req('/secure/Dashboard.jspa')).text();
    expect(anon).toContain('<span data-testid="current-user">Anonymous — <a href="/login.jsp">Log in</a></span>');
    await c.login();
    const fred = await (await c.req('/secure/Dashboard.jspa')).text();
    expect(fred).toContain('<span data-testid="current-user">Signed in as <b>fred</b></span>');
    expect(fred).toContain('href="/logout"');
  });

  it('the dashboard fetches /rest/api/2/search?jql= (same origin, with credentials) to show its total', async () => {
    const { c } = await start();
    const html = await (await c.req('/secure/Dashboard.jspa')).text();
    expect(html).toContain('data-testid="issue-count"');
    expect(html).toMatch(/<script>\s*fetch\('\/rest\/api\/2\/search\?jql=[^']*', \{ credentials: 'include' \}\)/);
  });

  it('/issues/?jql=…: the visible count (200 or 5), and the JQL escaped', async () => {
    const { c } = await start();
    const anon = await (await c.req(`/issues/?jql=${encodeURIComponent('summary ~ "<img src=x>"')}`)).text();
    expect(anon).toContain('<b data-testid="issue-count">5</b>');
    expect(anon).toContain('&#60;img src=x&#62;');
    expect(anon).not.toContain('<img src=x>');
    await c.login();
    expect(await (await c.req('/issues/?jql=')).text()).toContain('<b data-testid="issue-count">200</b>');
  });

  it('/browse/KEY: anonymous sees ABC-1..ABC-5; others get a 200 "no permission / log in" page', async () => {
    const { c } = await start();
    const visible = await c.req('/browse/ABC-5');
    expect(visible.status).toBe(200);
    expect(await visible.text()).toContain('<h1 data-testid="issue-key">ABC-5</h1>');
    const hidden = await c.req('/browse/ABC-6');
    expect(hidden.status).toBe(200);
    const text = await hidden.text();
    expect(text).toContain('data-testid="no-permission"');
    expect(text).toContain('log in</a>');
    expect(text).toContain('<b data-testid="issue-count">5</b>');
    await c.login();
    expect(await (await c.req('/browse/ABC-200')).text()).toContain('data-testid="issue-key">ABC-200<');
    const missing = await (await c.req('/browse/ABC-201')).text();
    expect(missing).toContain('data-testid="no-permission"');
    expect(missing).not.toContain('log in</a>');
  });

  it('escapes the issue key it echoes', async () => {
    const { c } = await start();
    const html = await (await c.req(`/browse/${encodeURIComponent('<svg onload=alert(1)>')}`)).text();
    expect(html).not.toContain('<svg');
  });

  it('unknown pages: 404 HTML, still with the Atlassian headers; HEAD has no body', async () => {
    const { emu } = await start();
    const res = await get(emu, '/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-ausername')).toBe('anonymous');
    const head = await fetch(`${emu.url}/secure/Dashboard.jspa`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('a path starting with // stays a path (not a host)', async () => {
    const { emu } = await start();
    // fetch would normalise the path; node:http sends it as written.
    const res = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: emu.port, path: '//evil.example/browse/ABC-1' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(res).toBe(404);
    expect(emu.requests.at(-1)?.url).toBe('//evil.example/browse/ABC-1');
  });
});
