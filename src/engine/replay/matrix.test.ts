import { describe, expect, it } from 'vitest';
import { matrixCells, differences, matrixVerdict, ReplayLimiter, cellLabel, type MatrixResult } from './matrix';
import { outcomeFromResponse, outcomeOfExchange, replayFindings, replaySent, UNSEEN_COOKIES, type ReplayOutcome, type ReplayResponse } from './outcome';
import type { ReplayPlan } from './plan';
import { Traffic } from '../test-support/exchanges';

const o = (status: number, user: string | null, extra: Partial<ReplayOutcome> = {}): ReplayOutcome => ({ status, user, loginReason: null, challenge: null, bodySize: 10, searchTotal: null, ...extra });

describe('outcomes', () => {
  it('reads status, user, login reason, challenge, size and a search total from a response', () => {
    const body = JSON.stringify({ total: 200, issues: [{ key: 'ABC-1' }] });
    expect(outcomeFromResponse({
      status: 200, bodyText: body,
      headers: [{ name: 'X-AUSERNAME', value: 'fr%C3%A9d' }, { name: 'X-Seraph-LoginReason', value: 'OK' }],
    })).toEqual({ status: 200, user: 'fréd', loginReason: 'OK', challenge: null, bodySize: body.length, searchTotal: 200 });
    expect(outcomeFromResponse({ status: 401, bodyText: '{}', headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'WWW-Authenticate', value: 'Basic realm="x", Bearer' }, { name: 'X-Seraph-LoginReason', value: 'AUTHENTICATION_DENIED' }] }))
      .toMatchObject({ user: 'anonymous', challenge: 'Basic, Bearer', loginReason: 'AUTHENTICATION_DENIED', searchTotal: null });
  });
  it('the engine analyses a replay like a captured exchange, and keeps no credential', () => {
    const plan = { method: 'POST', url: 'https://jira.example.com/rest/auth/1/session', origin: 'https://jira.example.com', headers: [{ name: 'Authorization', value: 'Basic ZnJlZDp3cm9uZw==' }], credentials: 'omit' as const, redirect: 'manual' as const, needsConfirmation: true, notes: [] };
    const findings = replayFindings(plan, { status: 401, bodyText: '{}', headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'X-Seraph-LoginReason', value: 'AUTHENTICATION_DENIED' }] }, 0);
    expect(findings.map((f) => f.code)).toContain('captcha-required');
    expect(JSON.stringify(findings)).not.toContain('ZnJlZDp3cm9uZw');
    expect(replayFindings(plan, { status: 0, type: 'opaqueredirect', bodyText: null, headers: [] }, 0)).toEqual([]);
  });
  describe('from what the replay really sent', () => {
    const plan = (credentials: 'include' | 'omit', headers: ReplayPlan['headers'] = []): ReplayPlan =>
      ({ method: 'GET', url: 'https://jira.example.com/rest/api/2/myself?os_authType=cookie', origin: 'https://jira.example.com', headers, credentials, redirect: 'manual', needsConfirmation: false, notes: [] });
    // A Server/DC REST 401: only the OAuth challenge, which a Basic client cannot answer.
    const refusedRest = (extra: Partial<ReplayResponse> = {}): ReplayResponse => ({
      status: 401, bodyText: '{}', headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'WWW-Authenticate', value: 'OAuth realm="https%3A%2F%2Fjira.example.com"' }], ...extra,
    });
    const codes = (p: ReplayPlan, r: ReplayResponse) => replayFindings(p, r, 0).map((f) => f.code);

    it("the browser's cookies, hidden by the browser: no finding that depends on them, and never \"none\"", () => {
      expect(codes(plan('include'), refusedRest())).not.toContain('auth-required-no-challenge');
      expect(replaySent(plan('include'), refusedRest())).toEqual({ text: UNSEEN_COOKIES, sessionCookieSent: null });
      expect(UNSEEN_COOKIES).toBe('browser cookies (not visible to the extension)');
    });
    it("the browser's cookies as webRequest showed them: the engine judges them like a captured request's", () => {
      const withSession = refusedRest({ cookiesSent: ['JSESSIONID', 'atlassian.xsrf.token'] });
      expect(codes(plan('include'), withSession)).not.toContain('auth-required-no-challenge');
      expect(replaySent(plan('include'), withSession)).toEqual({ text: 'browser cookies: session cookie JSESSIONID', sessionCookieSent: true });
      // The browser held no cookie for the site: the 401 really went without credentials.
      const none = refusedRest({ cookiesSent: [] });
      expect(codes(plan('include'), none)).toContain('auth-required-no-challenge');
      expect(replaySent(plan('include'), none)).toEqual({ text: 'browser cookies: no session cookie', sessionCookieSent: false });
    });
    it('without the browser\'s cookies nothing but the typed Authorization went', () => {
      expect(codes(plan('omit'), refusedRest())).toContain('auth-required-no-challenge');
      expect(replaySent(plan('omit'), refusedRest())).toEqual({ text: 'none', sessionCookieSent: false });
      const typed = plan('omit', [{ name: 'Authorization', value: 'Basic ZnJlZDpmcmVk' }]);
      expect(replaySent(typed, refusedRest())).toEqual({ text: 'Basic as fred', sessionCookieSent: false });
      expect(JSON.stringify(replaySent(typed, refusedRest()))).not.toContain('ZnJlZDpmcmVk');
    });
  });
  it('a redirect not followed says so', () => {
    expect(outcomeFromResponse({ status: 0, type: 'opaqueredirect', headers: [], bodyText: null })).toMatchObject({ status: 0, note: expect.stringContaining('Redirect not followed') });
  });
  it('the original exchange: headers and the search total the HAR body gave', () => {
    const t = new Traffic();
    const ex = t.req('/rest/api/2/search?jql=', { user: 'anonymous', html: false, responseBody: '{"startAt":0,"total":5,"issues":[]}' });
    expect(outcomeOfExchange(ex)).toMatchObject({ status: 200, user: 'anonymous', searchTotal: 5 });
  });
});

describe('matrix', () => {
  it('4 os_authType modes × 2 or 3 sources', () => {
    expect(matrixCells(false)).toHaveLength(8);
    expect(matrixCells(true).map(cellLabel)).toContain('os_authType=cookie · typed credentials');
    expect(matrixCells(true)).toHaveLength(12);
  });

  it('differences name the fields that changed', () => {
    expect(differences(o(200, 'anonymous', { searchTotal: 5 }), o(200, 'fred', { searchTotal: 200 }))).toEqual(['user', 'searchTotal']);
    expect(differences(o(200, 'fred'), o(200, 'fred'))).toEqual([]);
  });

  const run = (cells: [string | null, MatrixResult['cell']['source'], ReplayOutcome][]): MatrixResult[] =>
    cells.map(([authType, source, outcome]) => ({ cell: { authType: authType as never, source }, outcome }));

  it('expired session: cookie mode 401, the original was anonymous with 5 of 200 issues', () => {
    const v = matrixVerdict(o(200, 'anonymous', { searchTotal: 5 }), run([
      [null, 'browser', o(200, 'anonymous', { searchTotal: 5 })],
      [null, 'anonymous', o(200, 'anonymous', { searchTotal: 5 })],
      ['cookie', 'browser', o(401, 'anonymous')],
      ['basic', 'typed', o(200, 'fred', { searchTotal: 200 })],
    ]));
    expect(v[0]).toBe('Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous (5 of 200 issues).');
    expect(v).toContain('The typed credentials work: the server answers as fred.');
    expect(v).toContain('Without credentials this URL is served to anonymous (200), which is why an expired session goes unnoticed here.');
  });

  it('valid session', () => {
    expect(matrixVerdict(o(200, 'fred'), run([['cookie', 'browser', o(200, 'fred')]]))[0]).toBe('Your session is valid: os_authType=cookie answers 200 as fred.');
  });

  it('CAPTCHA and wrong credentials', () => {
    expect(matrixVerdict(o(200, 'fred'), run([['basic', 'typed', o(401, 'anonymous', { loginReason: 'AUTHENTICATION_DENIED' })]]))[0]).toContain('CAPTCHA');
    expect(matrixVerdict(o(200, 'fred'), run([['basic', 'typed', o(401, 'anonymous', { loginReason: 'AUTHENTICATED_FAILED' })]]))[0]).toContain('email address and an API token');
  });

  it('nothing to say when every mode agrees', () => {
    expect(matrixVerdict(o(404, null), run([['cookie', 'browser', o(404, null)]]))).toEqual(['No difference that points to a session problem: every mode answered like the original.']);
  });
});

describe('ReplayLimiter', () => {
  it('spaces replays and caps them per minute', () => {
    const l = new ReplayLimiter(3, 200);
    expect(l.delayBefore(0)).toBe(0);
    l.record(0);
    expect(l.delayBefore(50)).toBe(150);
    l.record(200);
    l.record(400);
    expect(l.delayBefore(600)).toBeNull();
    expect(l.delayBefore(60_001)).toBe(0);
  });
});
