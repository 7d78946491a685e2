/**
 * Mixed signals on a sign-in: a real REST login that answered 200, set JSESSIONID, cleared and re-set
 * studio.crowd.tokenkey and set an XSRF token ending `|lout` (e2e/fixtures/mixed-signals), and synthetic variants.
 * The story names the conflict and which signal wins.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHar } from '../har/har';
import { analyze } from './analyzer';
import { buildStory, storyText, MAX_NAME, type OriginStory } from './story';
import { mixedLogins } from './story-mixed';
import { Traffic, JIRA } from '../test-support/exchanges';
import type { Exchange } from '../types';

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../e2e/fixtures/mixed-signals/jira-node-client-rest-login-lout.har');
const hms = (t: number) => new Date(t).toISOString().slice(11, 19);
function story(log: readonly Exchange[], now = log.at(-1)!.time + 1000): OriginStory[] {
  const r = analyze(log);
  return buildStory({ exchanges: log, findings: r.findings, sessions: r.sessions, now });
}
const texts = (s: OriginStory) => s.lines.map((l) => storyText(l, hms));
const LOUT = 'atlassian.xsrf.token=BGJJ-I70H-EYI8-6QPB|2ae8e3125acff97369f184a4530b59f9d983c12d|lout; Path=/';
const LIN = 'atlassian.xsrf.token=BGJJ-I70H-EYI8-6QPB|2ae8e3125acff97369f184a4530b59f9d983c12d|lin; Path=/';

/** A REST login answered 200 with a session cookie; `user` is its X-AUSERNAME (null: none). */
function restLogin(t: Traffic, setCookie: string[], user: string | null = null, account = 'fred'): Exchange {
  return t.req('/rest/auth/1/session', {
    method: 'POST', user, html: false, setCookie,
    requestBody: `{"username":"${account}","password":"PLANTED-PW-1"}`,
    responseBody: '{"session":{"name":"JSESSIONID","value":"PLANTED-SESSION-1"}}',
  });
}

describe('the real recording: REST login 200, JSESSIONID, studio.crowd.tokenkey cleared and re-set, XSRF |lout', () => {
  const { exchanges } = readHar(readFileSync(FILE, 'utf8'));

  it('gets a story: the conflict named, the login wins and why, the user not yet named', () => {
    const [s] = story(exchanges);
    expect(s!.origin).toBe('https://ulyssjira2.atlassian.net');
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]).toMatchObject({ kind: 'mixed-signals', severity: 'warning', fix: null, account: null });
    expect(texts(s!)).toEqual([
      'REST login at 16:20:00 answered 200 and set the session cookies JSESSIONID, studio.crowd.tokenkey, but the same answer\'s XSRF cookie says signed out (lout). ' +
        'The login wins: the server made that XSRF token while the login ran, before its new session existed; no answer has named the user yet',
    ]);
    // The time links to the login (entry 0, shown as #1).
    expect(s!.lines[0]!.parts.filter((p) => p.kind === 'time')).toEqual([{ kind: 'time', time: exchanges[0]!.time, entry: 0 }]);
  });

  it('carries no cookie value of the file', () => {
    const text = JSON.stringify(story(exchanges));
    for (const secret of ['gW34EFQfK8Kbwpp6HkHmng00', '913F47DAFCA6D7FF09A65537D5BD3C5C', '2ae8e3125acff97369f184a4530b59f9d983c12d']) expect(text).not.toContain(secret);
  });
});

describe('synthetic variants', () => {
  it('a later request with the new cookie answered as anonymous: the anonymous signal wins, with a fix', () => {
    const t = new Traffic(JIRA);
    const login = restLogin(t, ['JSESSIONID=NEW0123; Path=/; HttpOnly', LOUT]);
    const page = t.page('/secure/Dashboard.jspa', 'anonymous', ['JSESSIONID']);
    const [s] = story(t.log);
    const line = s!.lines.find((l) => l.kind === 'mixed-signals')!;
    expect(line).toMatchObject({ severity: 'error', account: 'fred' });
    expect(storyText(line, hms)).toBe(
      `REST login for fred at ${hms(login.time)} answered 200 and set the session cookie JSESSIONID, but the same answer's XSRF cookie says signed out (lout). ` +
        `The anonymous signal wins: the next request with these cookies, at ${hms(page.time)}, was answered as anonymous too, so the new session did not hold · Fix: ${line.fix}`,
    );
    expect(line.fix).toMatch(/^Sign in again\./);
    expect(line.parts.filter((p) => p.kind === 'time').map((p) => (p.kind === 'time' ? p.entry : null))).toEqual([login.index, page.index]);
    expect(JSON.stringify(s)).not.toContain('PLANTED');
  });

  it('a sign-in afterwards resolves the anonymous win', () => {
    const t = new Traffic(JIRA);
    restLogin(t, ['JSESSIONID=NEW0123; Path=/; HttpOnly', LOUT]);
    t.page('/secure/Dashboard.jspa', 'anonymous', ['JSESSIONID']);
    const again = t.formLogin('fred');
    const [s] = story(t.log);
    const line = s!.lines.find((l) => l.kind === 'mixed-signals')!;
    expect(line).toMatchObject({ severity: 'info', fix: null, resolved: { time: again.time, entry: again.index, user: null } });
    expect(s!.lines[0]!.kind).toBe('session');
  });

  it('a later answer that names the user settles it: no conflict line, the sign-in line tells it', () => {
    const t = new Traffic(JIRA);
    restLogin(t, ['JSESSIONID=NEW0123; Path=/; HttpOnly', LOUT]);
    const page = t.page('/secure/Dashboard.jspa', 'fred', ['JSESSIONID']);
    expect(mixedLogins(t.log)).toMatchObject([{ later: 'named' }]);
    const [s] = story(t.log);
    expect(s!.lines.map((l) => l.kind)).toEqual(['session']);
    expect(texts(s!)[0]).toMatch(new RegExp(`^Signed in as fred since ${hms(page.time)} \\(cookie JSESSIONID\\)`));
  });

  it('the REST login that names the user anonymous on its own answer (atlassian-auth.md §8), no XSRF cookie', () => {
    const t = new Traffic(JIRA);
    const login = t.req('/rest/auth/1/session', {
      method: 'POST', user: 'anonymous', html: false, setCookie: ['JSESSIONID=RESTLOGIN0123; Path=/; HttpOnly'],
      responseBody: '{"session":{"name":"JSESSIONID","value":"RESTLOGIN0123"}}',
    });
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([
      `REST login at ${hms(login.time)} answered 200 and set the session cookie JSESSIONID, but the same answer names the user anonymous. ` +
        'The login wins: the server made that user name while the login ran, before its new session existed; no answer has named the user yet',
    ]);
    expect(JSON.stringify(s)).not.toContain('RESTLOGIN0123');
  });

  it('where the engine already names the user from the login itself, the sign-in line tells it, no conflict line', () => {
    const t = new Traffic(JIRA);
    const login = t.restLogin('fred');
    const [s] = story(t.log);
    expect(texts(s!)).toEqual([`Signed in as fred since ${hms(login.time)} (cookie JSESSIONID)`]);
    expect(JSON.stringify(s)).not.toContain('hunter2');
  });

  it('a form login with X-Seraph-LoginReason OK, X-AUSERNAME anonymous and a lout XSRF cookie names both signals', () => {
    const t = new Traffic(JIRA);
    t.req('/login.jsp', { method: 'POST', status: 302, user: 'anonymous', reason: 'OK', setCookie: ['JSESSIONID=NEW0123; Path=/', LOUT] });
    const [s] = story(t.log);
    expect(texts(s!)[0]).toMatch(/^Login at \S+ answered 302 and set the session cookie JSESSIONID, but the same answer names the user anonymous and its XSRF cookie says signed out \(lout\)\. The login wins: the server made both while/);
  });

  it('no conflict, no line: a failed login, a lin XSRF cookie, a login that sets no session cookie, a plain anonymous page', () => {
    const t = new Traffic(JIRA);
    t.req('/rest/auth/1/session', { method: 'POST', status: 401, user: 'anonymous', reason: 'AUTHENTICATED_FAILED', setCookie: [LOUT] });
    restLogin(t, ['JSESSIONID=NEW0123; Path=/', LIN]);
    restLogin(t, [LOUT]);
    t.req('/login.jsp', { method: 'POST', status: 200, user: 'anonymous', reason: 'AUTHENTICATED_FAILED', setCookie: ['JSESSIONID=X; Path=/', LOUT] });
    t.req('/secure/Dashboard.jspa', { user: 'anonymous', setCookie: ['JSESSIONID=V; Path=/', LOUT] });
    expect(mixedLogins(t.log)).toEqual([]);
  });

  it('a cookie the login cleared and did not set again is not "set"', () => {
    const t = new Traffic(JIRA);
    restLogin(t, ['studio.crowd.tokenkey=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/', LOUT]);
    expect(mixedLogins(t.log)).toEqual([]);
  });

  it('a hostile user name is cut and kept as a name part (the UI escapes it)', () => {
    const t = new Traffic(JIRA);
    const evil = `<img src=x onerror=alert(1)>\u202E${'x'.repeat(100)}`;
    restLogin(t, ['JSESSIONID=NEW0123; Path=/', LOUT], null, evil);
    const [s] = story(t.log);
    const names = s!.lines[0]!.parts.filter((p) => p.kind === 'name').map((p) => (p.kind === 'name' ? p.text : ''));
    expect(names[0]!.startsWith('<img src=x')).toBe(true);
    expect(Array.from(names[0]!)).toHaveLength(MAX_NAME);
    expect(s!.lines[0]!.parts.filter((p) => p.kind === 'text').some((p) => p.kind === 'text' && p.text.includes('<img'))).toBe(false);
  });
});
