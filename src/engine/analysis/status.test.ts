import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer';
import { diagnosticSummary, nextStatusChange, originStatuses, statusText, worstStatus, type OriginStatus } from './status';
import { Traffic, CLOUD, JIRA } from '../test-support/exchanges';

const at = (t: Traffic, now = t.log.at(-1)!.time) => originStatuses(analyze(t.log), now);
const kinds = (s: OriginStatus[]) => s.map((x) => `${x.origin} ${x.kind} ${x.user ?? '-'}`);

const captcha = (t: Traffic) =>
  t.req('/rest/auth/1/session', {
    method: 'POST', status: 403, user: 'anonymous', reason: 'AUTHENTICATION_DENIED', html: false,
    extra: [{ name: 'X-Authentication-Denied-Reason', value: `CAPTCHA_CHALLENGE; login-url=${JIRA}/login.jsp` }],
  });

describe('originStatuses', () => {
  it('signed in after a form login, with the session it rests on', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    const [s] = at(t);
    expect(s).toMatchObject({ origin: JIRA, deployment: 'server', kind: 'signed-in', user: 'fred', groups: [], moreFindings: 0 });
    expect(s!.session).toMatchObject({ cookie: 'JSESSIONID', user: 'fred' });
  });

  it('anonymous when nobody signed in, and no status at all for non-Atlassian origins', () => {
    const t = new Traffic();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    t.at('https://example.org').req('/', { user: null });
    expect(kinds(at(t))).toEqual([`${JIRA} anonymous -`]);
  });

  it('expired once pages are served anonymously to the dead session, naming whose session it was', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    t.advance(3_600_000);
    t.page('/issues/?jql=');
    expect(kinds(at(t))).toEqual([`${JIRA} expired fred`]);
    expect(at(t)[0]!.groups.map((g) => g.code)).toEqual(['silent-anonymous']);
  });

  it('signed in again after a new login clears the expiry', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.advance(3_600_000);
    t.rest401();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    expect(kinds(at(t))).toEqual([`${JIRA} signed-in fred`]);
  });

  it('login failed, then CAPTCHA, then a login through the page: the newest signal wins', () => {
    const t = new Traffic();
    t.restLogin('fred', false);
    expect(kinds(at(t))).toEqual([`${JIRA} login-failed -`]);
    captcha(t);
    expect(kinds(at(t))).toEqual([`${JIRA} captcha -`]);
    t.formLogin('fred');
    expect(kinds(at(t))).toEqual([`${JIRA} signed-in fred`]);
  });

  it('anonymous after a logout', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    t.logout();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    expect(kinds(at(t))).toEqual([`${JIRA} anonymous -`]);
  });

  it('expiring in the last 5 minutes of a cookie with an expiry, expired after it', () => {
    const t = new Traffic();
    t.req('/login.jsp', { method: 'POST', status: 302, user: 'fred', reason: 'OK', setCookie: ['JSESSIONID=A1; Path=/; Max-Age=600'] });
    const issued = t.log.at(-1)!.time;
    expect(at(t, issued + 60_000)[0]!.kind).toBe('signed-in');
    expect(at(t, issued + 6 * 60_000)[0]!.kind).toBe('expiring');
    expect(at(t, issued + 11 * 60_000)[0]!.kind).toBe('expired');
    expect(statusText(at(t, issued + 6 * 60_000)[0]!, issued + 6 * 60_000)).toBe(`The session of fred on jira.example.com expires in 4:00.`);
  });

  it('a session cookie the server gave an anonymous visitor is not "signed in"', () => {
    const t = new Traffic();
    t.req('/secure/Dashboard.jspa', { user: 'anonymous', setCookie: ['JSESSIONID=V1; Path=/'] });
    t.page('/browse/ABC-1');
    expect(kinds(at(t))).toEqual([`${JIRA} anonymous -`]);
  });

  it('names the most severe groups first, not the newest findings: after an expiry the silent-anonymous pages', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.advance(3_600_000);
    const pages = [t.page('/a'), t.page('/b'), t.page('/c')];
    const refused = t.rest401();
    // Newer than every page: three info findings (Basic challenges) would have pushed the pages out.
    const challenges = [1, 2, 3].map((i) => t.req(`/secure/Dashboard.jspa?os_authType=basic&i=${i}`, { status: 401, user: 'anonymous', extra: [{ name: 'WWW-Authenticate', value: 'Basic realm="protected-area"' }] }));
    const [s] = at(t);
    expect(s!.groups.map((g) => [g.code, g.severity, g.count])).toEqual([
      ['silent-anonymous', 'error', 3],
      ['session-expired', 'error', 1],
      ['basic-challenge', 'info', 3],
    ]);
    expect(s!.groups[0]).toMatchObject({ title: 'served as anonymous', entries: pages.map((p) => p.index) });
    expect(s!.groups[0]!.fix).toMatch(/^Sign in again/);
    expect(s!.groups[1]!.entries).toEqual([refused.index]);
    expect(s!.groups[2]!.entries).toEqual(challenges.map((c) => c.index));
    expect(s!.moreFindings).toBe(0);
  });

  it('at most three groups, the rest counted; a group keeps its first five entries only', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.advance(3_600_000);
    const pages = Array.from({ length: 7 }, (_, i) => t.page(`/p${i}`));
    t.rest401();
    t.req('/secure/Dashboard.jspa?os_authType=basic', { status: 401, user: 'anonymous', extra: [{ name: 'WWW-Authenticate', value: 'Basic realm="x"' }] });
    t.logout();
    const [s] = at(t);
    expect(s!.groups).toHaveLength(3);
    expect(s!.groups[0]).toMatchObject({ code: 'silent-anonymous', count: 7, entries: pages.slice(0, 5).map((p) => p.index) });
    const all = analyze(t.log).findings.length;
    expect(s!.moreFindings).toBe(all - s!.groups.reduce((n, g) => n + g.count, 0));
    expect(s!.moreFindings).toBeGreaterThan(0);
  });

  it('one status per Atlassian origin', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.at(CLOUD).req('/rest/api/3/myself', { status: 401, user: 'anonymous', html: false });
    expect(at(t).map((s) => s.origin)).toEqual([JIRA, CLOUD]);
  });
});

describe('worstStatus, nextStatusChange, diagnosticSummary', () => {
  const status = (kind: OriginStatus['kind'], expires: number | null = null): OriginStatus => ({
    origin: JIRA, deployment: 'server', product: 'jira', kind, user: 'fred', groups: [], moreFindings: 0,
    session: { origin: JIRA, cookie: 'JSESSIONID', user: 'fred', issuedEntry: 0, expires, tokenExpires: null, token: null, clearedEntry: null, lastSentEntry: 0, anonymousEntry: null, events: [] },
  });

  it('the worst state of a tab wins; none for a tab without Atlassian origins', () => {
    expect(worstStatus([status('signed-in'), status('captcha'), status('expired')])!.kind).toBe('captcha');
    expect(worstStatus([status('signed-in'), status('expiring')])!.kind).toBe('expiring');
    expect(worstStatus([])).toBeNull();
  });

  it('the next change is the start of the last 5 minutes, then the expiry; nothing for browser-session cookies', () => {
    expect(nextStatusChange([status('signed-in', 1_000_000)], 0)).toBe(1_000_000 - 300_000);
    expect(nextStatusChange([status('expiring', 1_000_000)], 800_000)).toBe(1_000_000);
    expect(nextStatusChange([status('signed-in', null), status('anonymous', 5)], 0)).toBeNull();
  });

  it('the summary names states, cookies and findings, and carries no cookie value', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.advance(3_600_000);
    t.page('/issues/?jql=');
    const now = t.log.at(-1)!.time;
    const text = diagnosticSummary(at(t), now);
    expect(text).toContain(`${JIRA} (jira server): expired`);
    expect(text).toContain('session cookie JSESSIONID of fred, browser-session cookie');
    expect(text).toContain('[error] silent-anonymous, 1 × served as anonymous: #');
    expect(text).toContain('Fix: Sign in again');
    expect(text).not.toMatch(/SECRET|ABCDEF0123/);
    expect(diagnosticSummary([], now)).toContain('No Atlassian traffic captured in this tab.');
  });
});
