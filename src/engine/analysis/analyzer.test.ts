/**
 * The analyzer end to end: realistic sequences, the session tracker, origin classification and the
 * incremental contract. Each code on its own is in rules/rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { analyze, createAnalyzer } from './analyzer';
import { MAX_EVENTS } from './sessions';
import { Traffic, CLOUD, JIRA } from '../test-support/exchanges';
import type { Exchange } from '../types';

const codes = (t: Traffic | Exchange[]) => analyze(Array.isArray(t) ? t : t.log).findings.map((f) => `${f.entry}:${f.code}`);

describe('the Seraph story: sign in, browse, the session expires, pages go silently anonymous, /rest answers 401', () => {
  const t = new Traffic();
  t.page('/login.jsp', 'anonymous', []);
  t.formLogin('fred');
  t.page('/secure/Dashboard.jspa', 'fred');
  t.rest('/rest/api/2/search?jql=', 200, 'fred');
  t.advance(3_600_000);
  const anonymousPage = t.page('/issues/?jql=project%3DABC');
  const rest401 = t.rest401();
  const anotherPage = t.page('/browse/ABC-7');
  const result = analyze(t.log);

  it('flags each anonymous page and the /rest 401, nothing before the expiry', () => {
    expect(codes(t)).toEqual([
      `${anonymousPage.index}:silent-anonymous`,
      `${rest401.index}:session-expired`,
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
  it('tracks the session: issued at login, owned by fred, last sent, turned anonymous once', () => {
    expect(result.sessions).toHaveLength(1);
    expect(result.sessions[0]).toMatchObject({
      origin: JIRA, cookie: 'JSESSIONID', user: 'fred', issuedEntry: 1, expires: null, clearedEntry: null,
      lastSentEntry: anotherPage.index, anonymousEntry: anonymousPage.index,
    });
    // One 'anonymous' event for the run of dead-session requests; the last 'sent' keeps the latest entry.
    expect(result.sessions[0]!.events.map((e) => `${e.kind}#${e.entry}`)).toEqual(['issued#1', `sent#${anonymousPage.index}`, `anonymous#${anonymousPage.index}`, `sent#${anotherPage.index}`]);
    expect(result.origins).toEqual([{ origin: JIRA, atlassian: true, deployment: 'server', product: 'jira' }]);
  });
});

describe('sequences that must stay quiet or nearly so', () => {
  it('logout, then anonymous pages: only the logout itself is reported', () => {
    const t = new Traffic();
    t.formLogin();
    t.page('/secure/Dashboard.jspa', 'fred');
    const out = t.logout();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    t.page('/browse/ABC-1', 'anonymous', []);
    t.rest401('/rest/api/2/myself', []);
    expect(codes(t)).toEqual([`${out.index}:session-cookie-cleared`, `${out.index}:logged-out`, '5:auth-required-no-challenge']);
    expect(analyze(t.log).sessions[0]!.clearedEntry).toBe(out.index);
  });
  it('logout, then a new login: the new session is watched again', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.logout();
    t.formLogin('fred');
    const p = t.page('/browse/ABC-1');
    expect(codes(t).filter((c) => c.endsWith('silent-anonymous'))).toEqual([`${p.index}:silent-anonymous`]);
  });
  it('non-Atlassian origins get nothing, even 401s and anonymous-looking traffic', () => {
    const t = new Traffic('https://example.org');
    t.req('/api', { status: 401, user: null, cookies: ['JSESSIONID'] });
    t.req('/page', { user: null, cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=; Max-Age=0'] });
    t.req('/rest/auth/1/session', { method: 'POST', status: 401, user: null, basic: ['someone', 'pw'] });
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions).toEqual([]);
    expect(r.origins).toEqual([{ origin: 'https://example.org', atlassian: false, deployment: 'unknown', product: 'unknown' }]);
  });
  it('CAPTCHA story: failed logins, then the CAPTCHA, then an account without application access', () => {
    const t = new Traffic();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    for (let i = 0; i < 3; i++) t.restLogin('fred', false);
    const captcha = t.req('/rest/auth/1/session', {
      method: 'POST', status: 403, reason: 'AUTHENTICATION_DENIED', html: false,
      extra: [{ name: 'X-Authentication-Denied-Reason', value: `CAPTCHA_CHALLENGE; login-url=${JIRA}/login.jsp` }],
    });
    const noAccess = t.req('/rest/api/2/myself', { status: 401, reason: 'AUTHORISATION_FAILED', basic: ['nobody', 'right-password'], html: false });
    expect(codes(t)).toEqual([
      '1:login-failed', '2:login-failed', '3:login-failed', `${captcha.index}:captcha-required`,
      `${noAccess.index}:authorisation-failed`,
    ]);
    expect(JSON.stringify(analyze(t.log))).not.toMatch(/hunter2|right-password/);
  });
  it('Cloud: Basic with a username, then with the email and API token', () => {
    const t = new Traffic(CLOUD);
    t.basicRequest('/rest/api/3/myself', 'user', 'user_api_token', 401, null);
    t.basicRequest('/rest/api/3/myself', 'user@example.com', 'user_api_token', 200, null);
    const r = analyze(t.log);
    expect(codes(t)).toEqual(['0:login-failed', '0:cloud-basic-auth-username']);
    expect(r.findings[0]!.fix).toContain('API token');
    expect(r.origins[0]).toMatchObject({ deployment: 'cloud', atlassian: true });
    expect(JSON.stringify(r)).not.toContain('user_api_token');
  });
  it('a Cloud who-am-I naming the user, then an anonymous page: the session ended without notice', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/auth/1/session', { responseBody: '{"name":"user"}', user: null, html: false });
    const p = t.page('/jira/dashboards', 'anonymous', []);
    expect(codes(t)).toEqual([`${p.index}:silent-anonymous`]);
    expect(analyze(t.log).findings[0]!.message).toContain('although user was signed in');
  });
});

describe('sessions', () => {
  it('expiry from Max-Age, a remember-me cookie, a renewal', () => {
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
  it('an expiry passing is recorded once, at the next exchange of the origin; a cookie set after it starts a new session', () => {
    const t = new Traffic();
    t.req('/login.jsp', { method: 'POST', status: 302, user: 'fred', reason: 'OK', setCookie: ['JSESSIONID=A; Max-Age=60'] });
    t.advance(120_000);
    const later = t.page('/browse/ABC-1', 'anonymous', []);
    t.page('/browse/ABC-2', 'anonymous', []);
    t.req('/browse/ABC-3', { user: 'anonymous', setCookie: ['JSESSIONID=B; Path=/'] });
    const [first, second] = analyze(t.log).sessions;
    expect(first!.events.map((e) => `${e.kind}#${e.entry}`)).toEqual(['issued#0', `expired#${later.index}`]);
    expect(first!.events[1]!.time).toBe(first!.expires);
    expect(second).toMatchObject({ user: null, issuedEntry: 3 });
  });
  it('a re-login over a live session (OUT, OK): the old session is logged out, the new one is the new user\'s', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.req('/rest/auth/1/session', { method: 'POST', cookies: ['JSESSIONID'], user: 'admin', reason: 'OUT, OK', setCookie: ['JSESSIONID=NEW; Path=/'], html: false });
    t.page('/secure/Dashboard.jspa', 'admin');
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions.map((s) => [s.user, s.issuedEntry, s.clearedEntry])).toEqual([['fred', 0, 1], ['admin', 1, null]]);
  });
  it('a REST login names the session after the body (the response itself still says anonymous)', () => {
    const t = new Traffic();
    t.restLogin('fred');
    const r = analyze(t.log);
    expect(r.sessions[0]).toMatchObject({ cookie: 'JSESSIONID', user: 'fred', issuedEntry: 0 });
    expect(JSON.stringify(r)).not.toMatch(/RESTLOGIN|hunter2/);
  });
  it('a Basic request carrying a session cookie does not hand that session to the Basic user', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.req('/rest/api/2/myself', { user: 'bot', cookies: ['JSESSIONID'], basic: ['bot', 'pw'], html: false });
    expect(analyze(t.log).sessions[0]!.user).toBe('fred');
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
    const events = analyze(t.log).sessions[0]!.events;
    expect(events.length).toBe(MAX_EVENTS);
    expect(events.at(-1)!.entry).toBe(t.log.length - 1);
  });
});

describe('origin classification', () => {
  it('Server/DC on the first response that carries a fingerprint, before the rules run on it', () => {
    const t = new Traffic();
    const before = t.req('/browse/ABC-1', { user: null, status: 401 }); // no fingerprint yet: not analysed
    const first = t.req('/rest/api/2/myself', { user: null, status: 401, html: false, extra: [{ name: 'X-AREQUESTID', value: '600x1x1' }] });
    const a = createAnalyzer();
    expect(a.add(before)).toEqual({ findings: [], sessions: [], origins: [{ origin: JIRA, atlassian: false, deployment: 'unknown', product: 'unknown' }] });
    const d = a.add(first);
    expect(d.origins).toEqual([{ origin: JIRA, atlassian: true, deployment: 'server', product: 'jira' }]);
    expect(d.findings.map((f) => f.code)).toEqual(['auth-required-no-challenge']);
    expect(a.add(first).origins).toEqual([]); // reported once
    expect(a.result().findings.map((f) => f.entry)).toEqual([first.index, first.index]);
  });
  it('Cloud by host name; user-added self-hosted origins as origins or bare host names', () => {
    const base = new Traffic();
    const host = (h: string) => base.at(h).req('/rest/api/2/myself', { status: 401, user: null, html: false });
    const log = [host(CLOUD), host('https://jira.corp.example:8443'), host('http://wiki.corp.example'), host('https://other.example')];
    const r = analyze(log, { extraAtlassianOrigins: ['https://JIRA.corp.example:8443/jira/', 'wiki.corp.example', ''] });
    expect(r.origins.map((o) => [o.origin, o.deployment])).toEqual([
      [CLOUD, 'cloud'], ['https://jira.corp.example:8443', 'server'], ['http://wiki.corp.example', 'server'], ['https://other.example', 'unknown'],
    ]);
    expect(r.findings.map((f) => f.entry)).toEqual([0, 1, 2]);
  });
  it('exchanges without a usable URL are skipped', () => {
    const [ex] = new Traffic().log.concat(new Traffic().page('/x'));
    expect(createAnalyzer().add({ ...ex!, url: 'not a url' })).toEqual({ findings: [], sessions: [], origins: [] });
  });
});

describe('incremental contract', () => {
  /** Hours of mixed traffic: two Jira sites, a Cloud site, other hosts; logins, expiries, logouts, scripts. */
  function mixedLog(n: number): Exchange[] {
    const jira = new Traffic();
    const wiki = jira.at('https://wiki.example.com');
    const cloud = jira.at(CLOUD);
    const other = jira.at('https://cdn.example.net');
    jira.formLogin('fred');
    wiki.formLogin('alice');
    for (let i = 0; jira.log.length < n; i++) {
      if (i % 100 === 50) jira.advance(3_600_000);
      jira.page(`/browse/ABC-${i}`, i % 100 > 50 ? 'anonymous' : 'fred');
      if (i % 7 === 0) jira.rest(`/rest/api/2/issue/ABC-${i}`, i % 100 > 50 ? 401 : 200, i % 100 > 50 ? 'anonymous' : 'fred');
      if (i % 100 === 99) jira.formLogin('fred');
      if (i % 5 === 0) wiki.page(`/display/DOC/Page${i}`, 'alice');
      if (i % 250 === 0) wiki.logout();
      if (i % 250 === 1) wiki.formLogin('alice');
      if (i % 11 === 0) cloud.basicRequest('/rest/api/3/myself', i % 2 ? 'user' : 'user@example.com', 'tok', i % 2 ? 401 : 200, null);
      // A Cloud browser session: pages name the account, then (after the session dies) name nobody, held
      // until the /rest 401 confirms them; a script's 401 without any challenge.
      if (i % 13 === 0) cloud.req('/jira/your-work', { user: null, cookies: ['tenant.session.token'], ...(i % 100 > 50 ? {} : { accountId: '557058:abc' }) });
      if (i % 13 === 6) cloud.req('/rest/api/3/myself', { user: null, html: false, cookies: ['tenant.session.token'], ...(i % 100 > 50 ? { status: 401 } : { accountId: '557058:abc' }) });
      if (i % 97 === 0) cloud.req('/rest/api/3/myself', { user: null, html: false, status: 401 });
      if (i % 3 === 0) other.req('/lib.js', { user: null, status: i % 2 ? 401 : 200 });
    }
    return jira.log;
  }

  it('one at a time gives exactly the batch result; the deltas add up to it', () => {
    const log = mixedLog(3000);
    const batch = analyze(log);
    const a = createAnalyzer();
    const deltas = log.map((ex) => a.add(ex));
    expect(a.result()).toEqual(batch);
    // Held findings arrive when confirmed, after later entries' findings; the result lists them in entry order.
    expect(deltas.flatMap((d) => d.findings).sort((x, y) => x.entry - y.entry)).toEqual(batch.findings);
    // The last delta that touched a session carries its final state.
    const key = (x: { origin: string; cookie: string; issuedEntry: number | null }) => `${x.origin} ${x.cookie} ${x.issuedEntry}`;
    const lastSeen = new Map(deltas.flatMap((d) => d.sessions).map((x) => [key(x), x]));
    expect(lastSeen.size).toBe(batch.sessions.length);
    for (const x of batch.sessions) expect(lastSeen.get(key(x))).toEqual(x);
    // An origin is reported when first seen and again when it changes (Atlassian, its product): the last report is its state.
    const lastOrigin = new Map(deltas.flatMap((d) => d.origins).map((o) => [o.origin, o]));
    expect([...lastOrigin.values()]).toEqual(batch.origins);
    expect(new Set(batch.findings.map((f) => f.code)).size).toBeGreaterThanOrEqual(7);
  });

  it('never looks back: adding an exchange reads that exchange only, never an earlier one', () => {
    const log = mixedLog(20_000);
    let current = -1;
    let stale = 0;
    const perStep: number[] = [];
    let reads = 0;
    const watch = <T extends object>(target: T, index: number): T =>
      new Proxy(target, {
        get(t, key, receiver) {
          if (index !== current) stale++;
          else reads++;
          const v = Reflect.get(t, key, receiver) as unknown;
          return typeof v === 'object' && v !== null ? watch(v, index) : v;
        },
      });
    const a = createAnalyzer();
    for (const ex of log) {
      current = ex.index;
      reads = 0;
      a.feed(watch(ex, ex.index));
      perStep.push(reads);
    }
    expect(stale).toBe(0);
    // Work per exchange, counted as reads of it: the same at the end as at the start of the log.
    const avg = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length;
    expect(avg(perStep.slice(-2000))).toBeLessThan(avg(perStep.slice(0, 2000)) * 1.25);
  });

  it('timelines stay bounded on 100k exchanges', () => {
    const r = analyze(mixedLog(100_000));
    expect(r.sessions.length).toBeGreaterThan(100);
    for (const x of r.sessions) expect(x.events.length).toBeLessThanOrEqual(MAX_EVENTS);
  });
  // Time per exchange against history length is a speed property: `npm run bench` measures it (analysis ÷
  // JSON.parse stays flat from 1 to 100 MB). Here work is counted instead, which does not flake.
});
