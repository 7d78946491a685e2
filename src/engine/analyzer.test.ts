import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { analyze, createAnalyzer } from './analyzer';
import { RULES } from './rules';
import { Traffic, CLOUD, JIRA } from './test-support/exchanges';
import type { FindingCode } from './types';

const codesAt = (t: Traffic, entry: number) => analyze(t.log).findings.filter((f) => f.entry === entry).map((f) => f.code);
const codes = (t: Traffic) => analyze(t.log).findings.map((f) => `${f.entry}:${f.code}`);

describe('the Seraph story: session expires, pages go silently anonymous, /rest answers 401', () => {
  const t = new Traffic();
  t.page('/login.jsp', 'anonymous', []);
  t.formLogin('fred');
  t.page('/secure/Dashboard.jspa', 'fred');
  t.rest('/rest/api/2/search?jql=', 200, 'fred');
  t.advance(3_600_000);
  const anonymousPage = t.page('/issues/?jql=project%3DABC');
  const rest401 = t.rest('/rest/api/2/search?jql=', 401);
  const anotherPage = t.page('/browse/ABC-7');
  const result = analyze(t.log);

  it('flags each anonymous page and the /rest 401, nothing before the expiry', () => {
    expect(codes(t)).toEqual([
      `${anonymousPage.index}:silent-anonymous`,
      `${rest401.index}:session-expired`,
      `${rest401.index}:auth-required-no-challenge`,
      `${anotherPage.index}:silent-anonymous`,
    ]);
  });
  it('says what happened in plain words, with the user, the cookie and the page, and no secret', () => {
    const f = result.findings[0]!;
    expect(f.message).toContain('GET /issues/?jql=project%3DABC');
    expect(f.message).toContain('JSESSIONID');
    expect(f.message).toContain('fred');
    expect(f.fix).toContain('os_authType=cookie');
    expect(f.url).toBe(`${JIRA}/issues/?jql=project%3DABC`);
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });
  it('tracks the session: issued at login, owned by fred, last sent, turned anonymous', () => {
    expect(result.sessions).toHaveLength(1);
    expect(result.sessions[0]).toMatchObject({
      origin: JIRA, cookie: 'JSESSIONID', user: 'fred', issuedEntry: 1, expires: null, clearedEntry: null,
      lastSentEntry: anotherPage.index, anonymousEntry: anonymousPage.index,
    });
    expect(result.sessions[0]!.events.map((e) => e.kind)).toEqual(['issued', 'sent', 'anonymous', 'sent', 'anonymous']);
    expect(result.origins).toEqual([{ origin: JIRA, atlassian: true, deployment: 'server' }]);
  });
});

describe('no false positives', () => {
  it('anonymous pages after a logout are expected', () => {
    const t = new Traffic();
    t.formLogin();
    t.page('/secure/Dashboard.jspa', 'fred');
    const out = t.logout();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    t.page('/browse/ABC-1', 'anonymous', []);
    expect(codes(t)).toEqual([`${out.index}:session-cookie-cleared`, `${out.index}:logged-out`]);
    const s = analyze(t.log).sessions[0]!;
    expect(s.clearedEntry).toBe(out.index);
  });
  it('DELETE /rest/auth/1/session is a logout too', () => {
    const t = new Traffic();
    t.formLogin();
    const del = t.req('/rest/auth/1/session', { method: 'DELETE', status: 204, cookies: ['JSESSIONID'], user: 'anonymous', html: false });
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    expect(codes(t)).toEqual([`${del.index}:logged-out`]);
  });
  it('a visitor who never signed in, with the anonymous JSESSIONID Jira gives everyone', () => {
    const t = new Traffic();
    t.req('/secure/Dashboard.jspa', { setCookie: ['JSESSIONID=ANON1; Path=/; HttpOnly'] });
    t.page('/browse/ABC-1');
    t.page('/issues/?jql=');
    expect(codes(t)).toEqual([]);
  });
  it('an anonymous visitor without cookies hitting a /rest 401 gets only the missing-challenge warning', () => {
    const t = new Traffic();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    const r = t.rest('/rest/api/2/myself', 401, 'anonymous', []);
    expect(codes(t)).toEqual([`${r.index}:auth-required-no-challenge`]);
  });
  it('non-Atlassian origins get nothing, even 401s and anonymous-looking traffic', () => {
    const t = new Traffic('https://example.org');
    t.req('/api', { status: 401, user: null, cookies: ['JSESSIONID'] });
    t.req('/page', { user: null, cookies: ['JSESSIONID'] });
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions).toEqual([]);
    expect(r.origins).toEqual([{ origin: 'https://example.org', atlassian: false, deployment: 'unknown' }]);
  });
  it('a re-login over a live session (OUT, OK) is not a logout, and starts a new session', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.req('/rest/auth/1/session', { method: 'POST', cookies: ['JSESSIONID'], user: 'admin', reason: 'OUT, OK', setCookie: ['JSESSIONID=NEW; Path=/'], html: false });
    t.page('/secure/Dashboard.jspa', 'admin');
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions.map((s) => [s.user, s.issuedEntry])).toEqual([['fred', 0], ['admin', 1]]);
  });
  it('the login page after an expiry is not flagged', () => {
    const t = new Traffic();
    t.formLogin();
    t.page('/login.jsp');
    expect(codesAt(t, 1)).toEqual([]);
  });
});

describe('silent anonymous without a cookie: the origin had named a user', () => {
  it('flags a user-less page after a named user, without a logout in between', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/auth/1/session', { responseBody: '{"name":"user"}', user: null, html: false });
    const p = t.page('/jira/dashboards', 'anonymous', []);
    expect(codesAt(t, p.index)).toEqual(['silent-anonymous']);
    expect(analyze(t.log).findings[0]!.message).toContain('user was signed in');
  });
});

describe('login problems', () => {
  it('CAPTCHA: 403 with only X-Authentication-Denied-Reason', () => {
    const t = new Traffic();
    const r = t.req('/rest/auth/1/session', { method: 'POST', status: 403, html: false, extra: [{ name: 'X-Authentication-Denied-Reason', value: `CAPTCHA_CHALLENGE; login-url=${JIRA}/login.jsp` }] });
    const f = analyze(t.log).findings;
    expect(f.map((x) => x.code)).toEqual(['captcha-required']);
    expect(f[0]!.fix).toContain(`${JIRA}/login.jsp`);
    expect(r.index).toBe(0);
  });
  it('CAPTCHA: AUTHENTICATION_DENIED alone', () => {
    const t = new Traffic();
    t.req('/rest/api/2/myself', { status: 403, reason: 'AUTHENTICATION_DENIED', basic: ['fred', 'x'], html: false });
    expect(codes(t)).toEqual(['0:captcha-required']);
  });
  it('failed REST login (401 Login failed) and failed Basic', () => {
    const t = new Traffic();
    t.req('/rest/auth/1/session', { method: 'POST', status: 401, reason: 'AUTHENTICATED_FAILED', html: false, requestBody: '{"username":"fred","password":"nope"}' });
    t.req('/rest/api/2/myself', { status: 401, reason: 'AUTHENTICATED_FAILED', basic: ['fred', 'nope'], html: false });
    const r = analyze(t.log);
    expect(r.findings.map((f) => `${f.entry}:${f.code}`)).toEqual(['0:login-failed', '0:auth-required-no-challenge', '1:login-failed', '1:auth-required-no-challenge']);
    expect(r.findings[0]!.message).toContain('fred');
    expect(JSON.stringify(r)).not.toContain('nope');
  });
  it('POST /rest/auth/1/session 401 without a reason header is still a failed login, not an expired session', () => {
    const t = new Traffic();
    t.req('/rest/auth/1/session', { method: 'POST', status: 401, cookies: ['JSESSIONID'], html: false });
    expect(codes(t)).toEqual(['0:login-failed', '0:auth-required-no-challenge']);
  });
  it('AUTHORISATION_FAILED', () => {
    const t = new Traffic();
    t.req('/rest/api/2/myself', { status: 401, reason: 'AUTHORISATION_FAILED', basic: ['bob', 'ok'], html: false });
    expect(codesAt(t, 0)).toContain('authorisation-failed');
  });
  it('Cloud: Basic with a username instead of an email', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/2/myself', { status: 401, user: null, basic: ['user', 'user_api_token'], reason: 'AUTHENTICATED_FAILED', html: false });
    t.req('/rest/api/2/myself', { status: 401, user: null, basic: ['user@example.com', 'wrong'], reason: 'AUTHENTICATED_FAILED', html: false });
    const r = analyze(t.log);
    expect(r.findings.filter((f) => f.code === 'cloud-basic-auth-username').map((f) => f.entry)).toEqual([0]);
    expect(r.findings.find((f) => f.code === 'login-failed')!.fix).toContain('API token');
    expect(r.origins[0]).toMatchObject({ deployment: 'cloud', atlassian: true });
    expect(JSON.stringify(r)).not.toContain('user_api_token');
  });
});

describe('os_authType and challenges', () => {
  it('basic: the Basic challenge is info, not a missing-challenge warning', () => {
    const t = new Traffic();
    t.req('/secure/Dashboard.jspa?os_authType=basic', { status: 401, challenge: 'Basic realm="protected-area"' });
    expect(codes(t)).toEqual(['0:basic-challenge']);
    expect(analyze(t.log).findings[0]!.message).toContain('protected-area');
  });
  it('cookie: a dead cookie outside /rest is reported as an expired session', () => {
    const t = new Traffic();
    t.formLogin();
    t.req('/secure/Dashboard.jspa?os_authType=cookie', { status: 401, cookies: ['JSESSIONID'] });
    expect(codesAt(t, 1)).toEqual(['session-expired', 'auth-required-no-challenge']);
  });
});

describe('sessions', () => {
  it('expiry from Max-Age, remember-me cookie, clearing by the server', () => {
    const t = new Traffic();
    const login = t.formLogin('fred', ['seraph.rememberme.cookie=RM; Path=/; Max-Age=1209600']);
    t.req('/secure/Dashboard.jspa', { user: 'fred', cookies: ['JSESSIONID', 'seraph.rememberme.cookie'], setCookie: ['JSESSIONID=RENEW; Path=/; Max-Age=600'] });
    const r = analyze(t.log);
    const js = r.sessions.find((s) => s.cookie === 'JSESSIONID')!;
    const rm = r.sessions.find((s) => s.cookie === 'seraph.rememberme.cookie')!;
    expect(js.expires).toBe(t.log[1]!.time + 600_000);
    expect(js.events.map((e) => e.kind)).toEqual(['issued', 'sent', 'renewed']);
    expect(rm).toMatchObject({ user: 'fred', issuedEntry: login.index, expires: login.time + 1_209_600_000 });
  });
  it('a session first seen being sent (a HAR that starts mid-session)', () => {
    const t = new Traffic();
    t.page('/secure/Dashboard.jspa', 'fred');
    expect(analyze(t.log).sessions[0]).toMatchObject({ user: 'fred', issuedEntry: null, lastSentEntry: 0 });
  });
  it('keeps timelines bounded on long logs', () => {
    const t = new Traffic();
    t.formLogin();
    for (let i = 0; i < 1000; i++) {
      t.page('/secure/Dashboard.jspa', 'fred');
      if (i % 2) t.req('/x', { user: 'fred', cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=R; Path=/'] });
    }
    expect(analyze(t.log).sessions[0]!.events.length).toBeLessThanOrEqual(200);
  });
});

describe('incremental API', () => {
  function bigLog(n: number) {
    const t = new Traffic();
    t.formLogin();
    for (let i = 0; i < n; i++) {
      if (i % 100 === 50) t.advance(3_600_000);
      t.page(`/browse/ABC-${i}`, i % 100 > 50 ? 'anonymous' : 'fred');
      if (i % 100 === 99) t.formLogin();
    }
    return t.log;
  }
  it('one at a time gives exactly the batch result; deltas add up to it', () => {
    const log = bigLog(500);
    const a = createAnalyzer();
    const fromDeltas = log.flatMap((ex) => a.add(ex).findings);
    expect(a.result()).toEqual(analyze(log));
    expect(fromDeltas).toEqual(analyze(log).findings);
  });
  // Cost per exchange independent of history is a speed property: it is measured by `npm run bench`
  // (analysis ÷ JSON.parse stays flat from 1 to 100 MB), not asserted in a timed test.
});

describe('rules registry', () => {
  const contract = new URL('../../../shared/findings.md', import.meta.url);
  it.skipIf(!existsSync(contract))('every code of findings.md has exactly one rule, with its severity', () => {
    const table = readFileSync(contract, 'utf8').split('## Codes')[1]!;
    const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (error|warning|info) \|/gm)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const [code, severity] of rows) {
      const rule = RULES.filter((r) => r.code === (code as FindingCode));
      expect(rule, code).toHaveLength(1);
      expect(rule[0]!.severity, code).toBe(severity);
    }
    expect(new Set(RULES.map((r) => r.code)).size).toBe(RULES.length);
  });
});
