import { describe, expect, it } from 'vitest';
import { planReplay, type ReplayPlan } from './plan';
import { Traffic, JIRA } from '../test-support/exchanges';

const t = new Traffic();
const page = t.req('/issues/?jql=project%3DABC', {
  cookies: ['JSESSIONID', 'atlassian.xsrf.token'],
  extra: [],
});
page.requestHeaders.push(
  { name: 'Accept', value: 'text/html' },
  { name: 'Host', value: 'jira.example.com' },
  { name: 'Sec-Fetch-Mode', value: 'navigate' },
  { name: 'Proxy-Authorization', value: 'Basic eHg6eXk=' },
  { name: 'X-Atlassian-Token', value: 'no-check' },
  { name: 'X-Api-Key', value: '[redacted 12]' },
);
const post = t.req('/rest/api/2/issue', { method: 'POST', basic: ['fred', 'hunter2'], html: false });

const plan = (p: ReturnType<typeof planReplay>) => {
  if ('error' in p) throw new Error(p.error);
  return p as ReplayPlan;
};

describe('planReplay', () => {
  it('browser cookies: same URL with os_authType, cookies by the browser, forbidden and credential headers out', () => {
    const p = plan(planReplay(page, 'cookie', { kind: 'browser' }));
    expect(p).toMatchObject({ method: 'GET', url: `${JIRA}/issues/?jql=project%3DABC&os_authType=cookie`, origin: JIRA, credentials: 'include', redirect: 'manual', needsConfirmation: false });
    expect(p.headers).toEqual([{ name: 'Accept', value: 'text/html' }, { name: 'X-Atlassian-Token', value: 'no-check' }]);
    expect(p.notes).toEqual(['X-Api-Key was redacted at capture and is left out.']);
  });

  it('anonymous: no cookies, no Authorization', () => {
    const p = plan(planReplay(post, null, { kind: 'anonymous' }));
    expect(p.credentials).toBe('omit');
    expect(p.headers.some((h) => h.name.toLowerCase() === 'authorization')).toBe(false);
  });

  it('typed Basic credentials: UTF-8 base64, no cookies, no redirects followed', () => {
    const p = plan(planReplay(page, 'basic', { kind: 'basic', username: 'frédéric', secret: 'pä:ss', origin: JIRA }));
    expect(p.headers.at(-1)).toEqual({ name: 'Authorization', value: `Basic ${Buffer.from('frédéric:pä:ss', 'utf8').toString('base64')}` });
    expect(p).toMatchObject({ credentials: 'omit', redirect: 'manual' });
  });

  it('a bearer token (Data Center PAT)', () => {
    const p = plan(planReplay(page, null, { kind: 'bearer', token: ' pat-fred-0123 ', origin: `${JIRA}/` }));
    expect(p.headers.at(-1)).toEqual({ name: 'Authorization', value: 'Bearer pat-fred-0123' });
  });

  it('never sends typed credentials to another origin', () => {
    for (const origin of ['https://evil.example', 'http://jira.example.com', 'https://jira.example.com:8443', 'not a url']) {
      const r = planReplay(page, 'basic', { kind: 'basic', username: 'fred', secret: 'x', origin });
      expect(r).toEqual({ error: expect.stringContaining('are never sent to https://jira.example.com') });
    }
  });

  it('non-GET needs confirmation and says the body is not replayed', () => {
    const p = plan(planReplay(post, null, { kind: 'browser' }));
    expect(p.needsConfirmation).toBe(true);
    expect(p.notes).toContain('The request body was not captured; the replay sends none.');
    expect(plan(planReplay({ ...page, method: 'HEAD' }, null, { kind: 'browser' })).needsConfirmation).toBe(false);
  });

  it('clear errors for bad input', () => {
    expect(planReplay(page, null, { kind: 'basic', username: '', secret: 'x', origin: JIRA })).toEqual({ error: 'Type the user name (Cloud: your email address).' });
    expect(planReplay(page, null, { kind: 'basic', username: 'a:b', secret: 'x', origin: JIRA })).toMatchObject({ error: expect.stringContaining('":"') });
    expect(planReplay(page, null, { kind: 'basic', username: 'fred', secret: 'x\r\nX-Injected: 1', origin: JIRA })).toMatchObject({ error: expect.stringContaining('line breaks') });
    expect(planReplay(page, null, { kind: 'bearer', token: 'a b', origin: JIRA })).toMatchObject({ error: expect.stringContaining('spaces') });
    expect(planReplay({ ...page, url: 'javascript:alert(1)' }, null, { kind: 'browser' })).toMatchObject({ error: expect.stringContaining('Only http(s)') });
    expect(planReplay({ ...page, method: 'TRACE' }, null, { kind: 'browser' })).toMatchObject({ error: expect.stringContaining('cannot be replayed') });
  });
});
