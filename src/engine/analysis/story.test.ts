/**
 * The story header's builder: real traffic through the real analyzer, then the lines a person reads.
 * Times print as HH:MM:SS UTC so expectations read like the panel.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer';
import { buildStory, storyText, cut, MAX_NAME, type OriginStory } from './story';
import { Traffic, CLOUD, JIRA } from '../test-support/exchanges';
import type { Exchange } from '../types';

const hms = (t: number) => new Date(t).toISOString().slice(11, 19);
function story(log: Exchange[], now = log.at(-1)!.time + 1000): OriginStory[] {
  const r = analyze(log);
  return buildStory({ exchanges: log, findings: r.findings, sessions: r.sessions, now });
}
const texts = (s: OriginStory) => s.lines.map((l) => storyText(l, hms));
const at = (e: Exchange) => hms(e.time);

/** Jira's session cookie with an expiry `sec` seconds after `from`. */
const expiring = (from: number, sec: number) => `JSESSIONID=ABC; Path=/; HttpOnly; Expires=${new Date(from + sec * 1000).toUTCString()}`;

describe('expiry, anonymous pages, signing in again, logging out', () => {
  const t = new Traffic();
  t.page('/login.jsp', 'anonymous', []);
  // The login's own time is known only after it is made: build the cookie's expiry 30 min after 10:00:02.
  const loginTime = Date.UTC(2026, 10, 24, 10, 0, 2);
  const login = t.req('/login.jsp', { method: 'POST', status: 302, user: 'fred', reason: 'OK', setCookie: [expiring(loginTime, 1800)] });
  t.page('/secure/Dashboard.jspa', 'fred');
  t.advance(3_600_000);
  const p1 = t.page('/issues/?jql=project%3DABC');
  const r1 = t.rest401();
  const p2 = t.page('/browse/ABC-7');
  t.advance(60_000);
  const again = t.formLogin('fred');
  t.page('/secure/Dashboard.jspa', 'fred');
  const out = t.logout();
  t.page('/secure/Dashboard.jspa', 'anonymous', []);

  it('the login time the test assumed is the real one', () => expect(login.time).toBe(loginTime));

  it('one line per state change, newest first: the logout is info, the expiry resolved by the new sign-in', () => {
    const [s] = story(t.log);
    expect(s!.origin).toBe(JIRA);
    expect(texts(s!)).toEqual([
      `Signed in as fred at ${at(again)} (cookie JSESSIONID); signed out at ${at(out)}`,
      `Signed in as fred at ${at(login)} (cookie JSESSIONID); the session expired at 10:30:02, then 2 pages served as anonymous and 1 REST call refused (401) → Signed in again at ${at(again)}`,
    ]);
    expect(s!.lines.map((l) => l.severity)).toEqual(['info', 'info']);
  });

  it('the expiry is the cookie\'s expiry (sessionEnd), not the first anonymous page', () => {
    const [s] = story(t.log);
    const old = s!.lines[1]!;
    const times = old.parts.filter((p) => p.kind === 'time').map((p) => (p.kind === 'time' ? p.time : 0));
    expect(times).toContain(loginTime + 1_800_000);
    expect(times).not.toContain(p1.time);
    const counts = old.parts.filter((p) => p.kind === 'entries');
    expect(counts).toEqual([
      { kind: 'entries', text: '2 pages served as anonymous', entries: [p1.index, p2.index], count: 2 },
      { kind: 'entries', text: '1 REST call refused (401)', entries: [r1.index], count: 1 },
    ]);
  });

  it('before the sign-in again, the expiry is the current, red line with its fix', () => {
    const [s] = story(t.log.slice(0, p2.index + 1));
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]).toMatchObject({ severity: 'error', fix: 'Sign in again.', resolved: null });
    expect(storyText(s!.lines[0]!, hms)).toBe(
      `Signed in as fred at ${at(login)} (cookie JSESSIONID); the session expired at 10:30:02, then 2 pages served as anonymous and 1 REST call refused (401) · Fix: Sign in again.`,
    );
  });

  it('while signed in: ok, with the time the session expires', () => {
    const [s] = story(t.log.slice(0, 3), loginTime + 5000);
    expect(s!.lines.map((l) => [l.severity, storyText(l, hms)])).toEqual([['ok', `Signed in as fred since ${at(login)} (cookie JSESSIONID); the session runs until 10:30:02`]]);
  });

  it('an expiry with no page after it yet still says so (the panel is open when it happens)', () => {
    const [s] = story(t.log.slice(0, 3), loginTime + 1_900_000);
    expect(storyText(s!.lines[0]!, hms)).toBe(`Signed in as fred at ${at(login)} (cookie JSESSIONID); the session expired at 10:30:02 · Fix: Sign in again.`);
  });
});

describe('a session the server forgot before its cookie said so', () => {
  it('ends where the server first answered as anonymous: that time once, in plain words', () => {
    const t = new Traffic();
    const login = t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    const p = t.page('/browse/ABC-1');
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([
      `Signed in as fred at ${at(login)} (cookie JSESSIONID); by ${at(p)} the server had dropped the session (no sign-out: it timed out or was ended on the server), then 1 page served as anonymous · Fix: Sign in again.`,
    ]);
  });
});

describe('logout is not an error', () => {
  it('a sign-in ended by a logout is info, with no fix; pages after it are not trouble', () => {
    const t = new Traffic();
    const login = t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    const out = t.logout();
    t.page('/secure/Dashboard.jspa', 'anonymous', []);
    const [s] = story(t.log);
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]).toMatchObject({ severity: 'info', fix: null });
    expect(storyText(s!.lines[0]!, hms)).toBe(`Signed in as fred at ${at(login)} (cookie JSESSIONID); signed out at ${at(out)}`);
  });
  it('a logout without a sign-in seen: its own info line', () => {
    const t = new Traffic();
    const out = t.logout();
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([`Signed out at ${at(out)} (anonymous from then on, as intended)`]);
    expect(s!.lines[0]!.severity).toBe('info');
  });
});

describe('failed logins and CAPTCHA name the account', () => {
  it('Basic failures then a CAPTCHA: one line per run, the Basic user named, never the password', () => {
    const t = new Traffic();
    const f1 = t.basicRequest('/rest/api/2/myself', 'fred', 'wrong-PASSWORD-1', 401);
    t.basicRequest('/rest/api/2/myself', 'fred', 'wrong-PASSWORD-2', 401);
    const f3 = t.basicRequest('/rest/api/2/myself', 'fred', 'wrong-PASSWORD-3', 401);
    const c = t.req('/rest/api/2/myself', {
      status: 401, html: false, basic: ['fred', 'right-PASSWORD'], reason: 'AUTHENTICATION_DENIED',
      extra: [{ name: 'X-Authentication-Denied-Reason', value: `CAPTCHA_CHALLENGE; login-url=${JIRA}/login.jsp` }],
    });
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([
      `Login refused for fred at ${at(c)}: the server wants a CAPTCHA solved first, after too many failed logins · Fix: ${s!.lines[0]!.fix}`,
      `Login failed for fred at ${at(f1)} (3 times, last at ${at(f3)}) · Fix: ${s!.lines[1]!.fix}`,
    ]);
    expect(s!.lines[0]!.fix).toContain('/login.jsp');
    expect(s!.lines.map((l) => [l.kind, l.account, l.severity])).toEqual([['captcha-required', 'fred', 'error'], ['login-failed', 'fred', 'error']]);
    expect(JSON.stringify(s)).not.toContain('PASSWORD');
  });
  it('the login form\'s and the REST login\'s user name (HAR files carry bodies); another account is another line', () => {
    const t = new Traffic();
    const form = t.req('/login.jsp', { method: 'POST', status: 200, user: 'anonymous', reason: 'AUTHENTICATED_FAILED', requestBody: 'os_username=alice&os_password=SECRETPW&login=Log+In' });
    const rest = t.restLogin('bob', false);
    const [s] = story(t.log);
    expect(texts(s!).map((x) => x.replace(/ · Fix: .*/, ''))).toEqual([`Login failed for bob at ${at(rest)}`, `Login failed for alice at ${at(form)}`]);
    expect(JSON.stringify(s)).not.toContain('SECRETPW');
    expect(JSON.stringify(s)).not.toContain('hunter2');
  });
  it('a login whose account is unknown (live capture sees no form body) says so plainly', () => {
    const t = new Traffic();
    const form = t.req('/login.jsp', { method: 'POST', status: 200, user: 'anonymous', reason: 'AUTHENTICATED_FAILED' });
    const [s] = story(t.log);
    expect(storyText(s!.lines[0]!, hms)).toMatch(new RegExp(`^Login failed at ${at(form)} \\(the request did not name the account\\) · Fix: `));
    expect(s!.lines[0]!.account).toBeNull();
  });
  it('authorisation failure names the account from X-AUSERNAME', () => {
    const t = new Traffic();
    const a = t.req('/login.jsp', { method: 'POST', status: 200, user: 'guest', reason: 'AUTHORISATION_FAILED' });
    const [s] = story(t.log);
    expect(storyText(s!.lines[0]!, hms)).toMatch(new RegExp(`^guest signed in at ${at(a)}, but may not use this application · Fix: Ask an administrator`));
  });
  it('a later sign-in resolves them; same account: "signed in again", another: named', () => {
    const t = new Traffic();
    t.basicRequest('/rest/api/2/myself', 'fred', 'x', 401);
    t.basicRequest('/rest/api/2/myself', 'bob', 'x', 401);
    const login = t.formLogin('fred');
    const [s] = story(t.log);
    expect(s!.lines.map((l) => [l.kind, l.resolved?.user ?? null, l.severity, l.fix])).toEqual([
      ['session', null, 'ok', null],
      ['login-failed', 'fred', 'info', null],
      ['login-failed', null, 'info', null],
    ]);
    expect(texts(s!)[2]).toBe(`Login failed for fred at ${at(t.log[0]!)} → Signed in again at ${at(login)}`);
  });
});

describe('changes that are not trouble', () => {
  it('Crowd rotating its cookie in place (OUT, OK) on every call: one sign-in, no line per call', () => {
    const t = new Traffic(JIRA);
    const rotate = ['studio.crowd.tokenkey=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/', 'studio.crowd.tokenkey=NEWTOKEN123; Path=/'];
    const first = t.req('/rest/api/2/myself', { user: 'jordan', reason: 'OK', html: false, basic: ['jordan', 'pw'], setCookie: ['studio.crowd.tokenkey=FIRST123; Path=/'] });
    for (let i = 0; i < 3; i++) t.req('/rest/api/2/myself', { user: 'jordan', reason: 'OUT, OK', html: false, basic: ['jordan', 'pw'], setCookie: rotate });
    t.page('/secure/Dashboard.jspa', 'jordan', ['studio.crowd.tokenkey']);
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([`Signed in as jordan since ${at(first)} (cookie studio.crowd.tokenkey)`]);
  });
  it('a sign-in with remember-me: both cookies on one line', () => {
    const t = new Traffic();
    const login = t.formLogin('fred', ['seraph.rememberme.cookie=12345%3Aabc; Path=/; Max-Age=1209600; HttpOnly']);
    t.page('/secure/Dashboard.jspa', 'fred', ['JSESSIONID', 'seraph.rememberme.cookie']);
    const [s] = story(t.log);
    expect(s!.lines).toHaveLength(1);
    expect(storyText(s!.lines[0]!, hms)).toMatch(new RegExp(`^Signed in as fred since ${at(login)} \\(cookies JSESSIONID, seraph\\.rememberme\\.cookie\\); the session runs until `));
  });
  it('another account signing in over a live one: the first line ends "replaced", the new one is current', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    const bob = t.req('/login.jsp', { method: 'POST', status: 302, user: 'bob', reason: 'OK', cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=BOB0123; Path=/; HttpOnly'] });
    t.page('/secure/Dashboard.jspa', 'bob');
    const [s] = story(t.log);
    expect(texts(s!)[0]).toBe(`Signed in as bob since ${at(bob)} (cookie JSESSIONID)`);
    expect(texts(s!)[1]).toMatch(/^Signed in as fred at .* \(cookie JSESSIONID\); a new sign-in replaced the session at /);
    expect(s!.lines.map((l) => l.severity)).toEqual(['ok', 'info']);
  });
});

describe('several origins', () => {
  it('one story per origin, in first-seen order, each with its own state', () => {
    const jira = new Traffic();
    const wiki = jira.at('https://wiki.example.com');
    jira.formLogin('fred');
    wiki.req('/dologin.action', { method: 'POST', status: 302, user: 'wilma', reason: 'OK', setCookie: ['JSESSIONID=W1; Path=/'], extra: [{ name: 'X-Confluence-Request-Time', value: '1' }] });
    jira.page('/browse/ABC-1'); // jira's session gone
    wiki.req('/display/DOC/Home', { user: 'wilma', cookies: ['JSESSIONID'], extra: [{ name: 'X-Confluence-Request-Time', value: '1' }] });
    const s = story(jira.log);
    expect(s.map((o) => o.origin)).toEqual([JIRA, 'https://wiki.example.com']);
    expect(s[0]!.lines[0]!.severity).toBe('error');
    expect(storyText(s[0]!.lines[0]!, hms)).toContain('1 page served as anonymous');
    expect(s[1]!.lines.map((l) => [l.severity, storyText(l, hms).slice(0, 25)])).toEqual([['ok', 'Signed in as wilma since ']]);
  });
  it('origins without sessions or story findings are left out', () => {
    const t = new Traffic('https://other.example');
    t.req('/x', { user: null });
    expect(story(t.log)).toEqual([]);
  });
});

describe('Atlassian Cloud', () => {
  const ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
  const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const IAT = Date.UTC(2026, 10, 24, 9, 0, 0) / 1000;
  const token = (exp: number) => `${b64url({ alg: 'RS256' })}.${b64url({ sub: ACCOUNT, email: 'fred@example.com', iat: IAT, exp })}.c2lnU0VDUkVU`;

  it('the token\'s exp is the session end; the account is named by e-mail and id', () => {
    const t = new Traffic(CLOUD);
    const cookie = `tenant.session.token=${token(IAT + 3600 * 2)}`;
    const first = t.req('/jira/your-work', { user: null, accountId: ACCOUNT, cookies: [cookie] });
    t.advance(3 * 3_600_000);
    const r = t.req('/rest/api/3/search', { status: 401, user: null, html: false, cookies: [cookie] });
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([
      `Signed in as fred@example.com at ${at(first)} (account ${ACCOUNT}, cookie tenant.session.token); the session expired at 11:00:00, then 1 REST call refused (401) · Fix: Sign in again.`,
    ]);
    expect(r.time).toBeGreaterThan(Date.UTC(2026, 10, 24, 11));
    expect(JSON.stringify(s)).not.toContain('SECRET');
  });
  it('X-AACCOUNTID is the caller where no token tells more', () => {
    const t = new Traffic(CLOUD);
    const first = t.req('/jira/your-work', { user: null, accountId: ACCOUNT, cookies: ['tenant.session.token=opaque'] });
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([`Signed in as ${ACCOUNT} since ${at(first)} (cookie tenant.session.token)`]);
  });
  it('Basic with a user name on Cloud: one failed-login line naming it, with Cloud\'s fix', () => {
    const t = new Traffic(CLOUD);
    t.basicRequest('/rest/api/3/myself', 'fred', 'tok', 401, null);
    const [s] = story(t.log);
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]).toMatchObject({ kind: 'login-failed', account: 'fred' });
    expect(s!.lines[0]!.fix).toContain('API token');
  });
});

describe('hostile and huge names', () => {
  it('names are cut at MAX_NAME code points, never mid-character; bidi text is kept raw for the UI to escape', () => {
    const huge = '𝔣'.repeat(5000);
    expect(Array.from(cut(huge))).toHaveLength(MAX_NAME);
    expect(cut(huge).endsWith('…')).toBe(true);
    expect(cut('fred')).toBe('fred');
    const t = new Traffic();
    const evil = `evil\u202Egnp.exe${'x'.repeat(240)}`;
    const formFail = (user: string) =>
      t.req('/login.jsp', { method: 'POST', status: 200, user: 'anonymous', reason: 'AUTHENTICATED_FAILED', requestBody: `os_username=${encodeURIComponent(user)}&os_password=pw` });
    formFail(evil);
    formFail('ad\u200Bmin');
    const [s] = story(t.log);
    const names = s!.lines.flatMap((l) => l.parts.filter((p) => p.kind === 'name').map((p) => (p.kind === 'name' ? p.text : '')));
    expect(names).toEqual(['ad\u200Bmin', cut(evil)]);
    expect(names[1]!.startsWith('evil\u202Egnp')).toBe(true);
    expect(names[1]!.length).toBeLessThanOrEqual(MAX_NAME);
  });
  it('a user name from X-AUSERNAME of any length is cut in the sign-in line', () => {
    const t = new Traffic();
    t.formLogin('u'.repeat(300));
    const [s] = story(t.log);
    expect(storyText(s!.lines[0]!, hms).length).toBeLessThan(200);
  });
});

describe('bounded work on long logs', () => {
  it('thousands of anonymous pages: counts are exact, entries bounded', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    for (let i = 0; i < 3000; i++) t.page(`/browse/ABC-${i}`);
    const [s] = story(t.log);
    const counts = s!.lines[0]!.parts.filter((p) => p.kind === 'entries');
    expect(counts).toHaveLength(1);
    expect(counts[0]).toMatchObject({ text: '3000 pages served as anonymous', count: 3000 });
    expect(counts[0]!.kind === 'entries' && counts[0]!.entries.length).toBe(5);
  });
});
