import { describe, expect, it } from 'vitest';
import { whatIsSent } from './sent';
import { planReplay } from './plan';
import { Traffic } from '../test-support/exchanges';

describe('whatIsSent', () => {
  const ex = new Traffic().page('/issues/?jql=project%3DABC');
  it('method, URL with os_authType, which credentials', () => {
    const plan = planReplay(ex, 'cookie', { kind: 'browser' });
    if ('error' in plan) throw new Error(plan.error);
    expect(whatIsSent(plan, { kind: 'browser', captured: 'session cookie JSESSIONID' })).toEqual({
      method: 'GET',
      url: 'https://jira.example.com/issues/?jql=project%3DABC&os_authType=cookie',
      credentials: "the browser's cookies for https://jira.example.com (the captured request sent: session cookie JSESSIONID); no Authorization header",
    });
    expect(whatIsSent(plan, { kind: 'anonymous' }).credentials).toBe('nothing: no cookies, no Authorization header');
  });
  it('typed credentials: the user, never the secret', () => {
    const plan = planReplay(ex, 'basic', { kind: 'basic', username: 'fred', secret: 'Pl4nted-Secret', origin: 'https://jira.example.com' });
    if ('error' in plan) throw new Error(plan.error);
    const s = whatIsSent(plan, { kind: 'basic', username: 'fred', cloud: false });
    expect(s.credentials).toMatch(/^Authorization: Basic as fred, with the password you typed \(not shown/);
    expect(JSON.stringify(s)).not.toContain('Pl4nted');
    expect(JSON.stringify(s)).not.toContain(btoa('fred:Pl4nted-Secret'));
    expect(whatIsSent(plan, { kind: 'basic', username: 'a@b.com', cloud: true }).credentials).toContain('API token you typed');
    expect(whatIsSent(plan, { kind: 'bearer' }).credentials).toMatch(/^Authorization: Bearer with the token you typed/);
  });
});
