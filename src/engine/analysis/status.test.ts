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
    expect(s).toMatchObject({ origin: JIRA, deployment: 'server', kind: 'signed-in', user: 'fred', findings: [] });
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
    expect(at(t)[0]!.findings.map((f) => f.code)).toEqual(['silent-anonymous']);
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

  it('keeps the three newest findings, newest first', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.advance(3_600_000);
    const pages = [t.page('/a'), t.page('/b'), t.page('/c'), t.page('/d')];
    expect(at(t)[0]!.findings.map((f) => f.entry)).toEqual(pages.slice(1).reverse().map((p) => p.index));
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
    origin: JIRA, deployment: 'server', product: 'jira', kind, user: 'fred', findings: [],
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
    expect(text).toContain('[error] silent-anonymous');
    expect(text).not.toMatch(/SECRET|ABCDEF0123/);
    expect(diagnosticSummary([], now)).toContain('No Atlassian traffic captured in this tab.');
  });
});
