import { describe, expect, it } from 'vitest';
import { cellLabel, compareCell, matrixCells, matrixVerdict, skipReason, sourceOfCell, type MatrixCell, type MatrixResult, type MatrixSource } from './matrix';
import { outcomeOf, outcomeOfError, type ReplayOutcome } from './outcome';
import type { AuthTypeChoice } from './url';
import { JIRA } from '../test-support/exchanges';

/** A replay answer: status, X-AUSERNAME (undefined = absent), login reason, search total, challenge. */
function ans(status: number, o: { user?: string; reason?: string; total?: number; challenge?: string; denied?: string } = {}): ReplayOutcome {
  const headers = [];
  if (o.user !== undefined) headers.push({ name: 'X-AUSERNAME', value: o.user });
  if (o.reason) headers.push({ name: 'X-Seraph-LoginReason', value: o.reason });
  if (o.challenge) headers.push({ name: 'WWW-Authenticate', value: o.challenge });
  if (o.denied) headers.push({ name: 'X-Authentication-Denied-Reason', value: o.denied });
  const body = o.total === undefined ? '<html></html>' : JSON.stringify({ startAt: 0, maxResults: 50, total: o.total, issues: [] });
  return outcomeOf({ status, url: `${JIRA}/x`, headers, bodyText: body, type: 'basic' });
}

const r = (authType: AuthTypeChoice, source: MatrixSource, outcome: ReplayOutcome): MatrixResult => ({ cell: { authType, source }, outcome });

const anonymous5 = ans(200, { user: 'anonymous', total: 5 });
const deniedCookie = ans(401, { user: 'anonymous', reason: 'OUT' });
const basicChallenge = ans(401, { user: 'anonymous', challenge: 'Basic realm="protected-area"' });

/** Browser and anonymous cells of a Jira whose session cookie expired. */
const expiredSession: MatrixResult[] = [
  r(null, 'browser', anonymous5),
  r(null, 'anonymous', anonymous5),
  r('basic', 'browser', basicChallenge),
  r('basic', 'anonymous', basicChallenge),
  r('cookie', 'browser', deniedCookie),
  r('cookie', 'anonymous', deniedCookie),
  r('any', 'browser', ans(401, { user: 'anonymous' })),
  r('any', 'anonymous', ans(401, { user: 'anonymous' })),
];

describe('matrixCells', () => {
  it('os_authType (as captured, basic, cookie, any) × sources, typed only when typed', () => {
    const label = (c: MatrixCell) => `${c.authType ?? 'null'}/${c.source}`;
    expect(matrixCells(false).map(label)).toEqual([
      'null/browser', 'null/anonymous', 'basic/browser', 'basic/anonymous', 'cookie/browser', 'cookie/anonymous', 'any/browser', 'any/anonymous',
    ]);
    expect(matrixCells(true).map(label)).toEqual([
      'null/browser', 'null/anonymous', 'null/typed', 'basic/browser', 'basic/anonymous', 'basic/typed',
      'cookie/browser', 'cookie/anonymous', 'cookie/typed', 'any/browser', 'any/anonymous', 'any/typed',
    ]);
    expect(cellLabel({ authType: 'cookie', source: 'browser' })).toBe('os_authType=cookie · browser cookies');
    expect(cellLabel({ authType: null, source: 'typed' })).toBe('as captured · typed credentials');
  });
  it('sourceOfCell', () => {
    const typed = { kind: 'bearer' as const, token: 't', origin: JIRA };
    expect(sourceOfCell({ authType: null, source: 'browser' }, typed)).toEqual({ kind: 'browser' });
    expect(sourceOfCell({ authType: null, source: 'anonymous' }, null)).toEqual({ kind: 'anonymous' });
    expect(sourceOfCell({ authType: 'any', source: 'typed' }, typed)).toBe(typed);
    expect(sourceOfCell({ authType: 'any', source: 'typed' }, null)).toBeNull();
  });
});

describe('compareCell', () => {
  it('names the fields that differ', () => {
    expect(compareCell(anonymous5, anonymous5)).toEqual([]);
    expect(compareCell(anonymous5, ans(200, { user: 'fred', total: 200, reason: 'OK' }))).toEqual(['user', 'loginReason', 'searchTotal']);
    expect(compareCell(anonymous5, basicChallenge)).toEqual(['status', 'challenge']);
    expect(compareCell(anonymous5, deniedCookie)).toEqual(['status', 'loginReason']);
  });
  it('an unknown user or total is not a difference; no answer is', () => {
    expect(compareCell(ans(200, { total: 5 }), ans(200, { user: 'fred' }))).toEqual([]);
    expect(compareCell(anonymous5, outcomeOfError('Failed to fetch'))).toEqual(['status']);
    expect(compareCell(ans(200, { challenge: 'Basic realm="x"' }), ans(200, { challenge: 'basic realm="y"' }))).toEqual([]);
  });
});

describe('matrixVerdict', () => {
  it('expired session: the cookie is refused and the original page was anonymous (5 issues)', () => {
    expect(matrixVerdict(anonymous5, expiredSession)).toEqual([
      'Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous (5 issues).',
      'Without credentials this URL answers 200 as anonymous, so an expired session goes unnoticed here.',
    ]);
  });

  it('expired session with working typed credentials: "5 of 200" from the largest authenticated total', () => {
    const results = [
      ...expiredSession,
      r(null, 'typed', ans(200, { user: 'fred', total: 200, reason: 'OK' })),
      r('basic', 'typed', ans(200, { user: 'fred', total: 198, reason: 'OK' })),
      r('cookie', 'typed', ans(401, { user: 'anonymous' })),
      r('any', 'typed', ans(200, { user: 'fred', total: 200, reason: 'OK' })),
    ];
    expect(matrixVerdict(anonymous5, results, { typed: { kind: 'basic', username: 'fred' } })).toEqual([
      'Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous (5 of 200 issues).',
      'Your typed credentials work: the server answers 200 as fred.',
      'Without credentials this URL answers 200 as anonymous, so an expired session goes unnoticed here.',
    ]);
  });

  it('valid session', () => {
    const fred = ans(200, { user: 'fred', total: 200 });
    const results = [r(null, 'browser', fred), r(null, 'anonymous', anonymous5), r('cookie', 'browser', fred), r('cookie', 'anonymous', deniedCookie)];
    expect(matrixVerdict(fred, results)).toEqual(['Your session is valid: os_authType=cookie answers 200 as fred.']);
    // …but the page was served to anonymous when captured: the session has been renewed since
    expect(matrixVerdict(anonymous5, results)).toEqual([
      'Your session is valid: os_authType=cookie answers 200 as fred.',
      'The original page was served to anonymous (5 of 200 issues): the session was not valid when it loaded.',
      'Without credentials this URL answers 200 as anonymous, so an expired session goes unnoticed here.',
    ]);
  });

  it('CAPTCHA', () => {
    const captcha = ans(403, { user: 'anonymous', reason: 'AUTHENTICATION_DENIED', denied: 'CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp' });
    const results = [r('cookie', 'browser', deniedCookie), r(null, 'typed', captcha), r('basic', 'typed', captcha)];
    expect(matrixVerdict(deniedCookie, results, { typed: { kind: 'basic', username: 'fred' } })).toEqual([
      'Your session cookie is no longer valid: with os_authType=cookie the server answers 401.',
      'CAPTCHA: the server refuses Basic logins (X-Seraph-LoginReason: AUTHENTICATION_DENIED) until you sign in through the login page.',
    ]);
  });

  it('wrong Basic credentials', () => {
    const failed = ans(401, { user: 'anonymous', reason: 'AUTHENTICATED_FAILED', challenge: 'Basic realm="protected-area"' });
    const fred = ans(200, { user: 'fred' });
    const results = [r('cookie', 'browser', fred), r(null, 'typed', failed)];
    expect(matrixVerdict(fred, results, { typed: { kind: 'basic', username: 'fred' } })).toEqual([
      'Your session is valid: os_authType=cookie answers 200 as fred.',
      'Basic credentials are wrong: the server answers 401 (X-Seraph-LoginReason: AUTHENTICATED_FAILED).',
    ]);
  });

  it('Cloud: a user name where the email belongs', () => {
    const refused = ans(401, { challenge: 'Basic realm="Atlassian"' });
    const me = ans(200, { user: 'fred' });
    const results = [r('cookie', 'browser', me), r(null, 'typed', refused)];
    expect(matrixVerdict(me, results, { typed: { kind: 'basic', username: 'fred' }, cloud: true })).toEqual([
      'Your session is valid: os_authType=cookie answers 200 as fred.',
      'The typed credentials are refused: the server answers 401.',
      'Atlassian Cloud wants your account email and an API token for Basic authentication; "fred" is not an email address.',
    ]);
    // an email address gets no such hint; nor does a Server/DC site
    expect(matrixVerdict(me, results, { typed: { kind: 'basic', username: 'fred@example.com' }, cloud: true })).toHaveLength(2);
    expect(matrixVerdict(me, results, { typed: { kind: 'basic', username: 'fred' }, cloud: false })).toHaveLength(2);
  });

  it('a refused bearer token, authorisation failures, anonymous cookie answers, missing answers', () => {
    expect(matrixVerdict(anonymous5, [r(null, 'typed', ans(401, {}))], { typed: { kind: 'bearer' } })).toEqual(['The token is refused: the server answers 401.']);
    expect(matrixVerdict(anonymous5, [r(null, 'typed', ans(403, { user: 'fred', reason: 'AUTHORISATION_FAILED' }))])).toEqual([
      'The credentials are right, but fred may not use this application (X-Seraph-LoginReason: AUTHORISATION_FAILED).',
    ]);
    expect(matrixVerdict(anonymous5, [r('cookie', 'browser', anonymous5), r(null, 'anonymous', anonymous5)])).toEqual([
      'os_authType=cookie answers 200 as anonymous: the browser has no valid session for this site.',
      'Without credentials this URL answers 200 as anonymous, so an expired session goes unnoticed here.',
    ]);
    expect(matrixVerdict(anonymous5, [r('cookie', 'browser', outcomeOf({ status: 0, url: '', headers: [], bodyText: null, type: 'opaqueredirect' }))])).toEqual([
      'os_authType=cookie: redirect not followed (typed credentials stay on this origin).',
    ]);
    expect(matrixVerdict(anonymous5, [r(null, 'browser', outcomeOfError('Failed to fetch')), r(null, 'anonymous', anonymous5)])).toEqual([
      'Without credentials this URL answers 200 as anonymous, so an expired session goes unnoticed here.',
      '1 of 2 replays got no answer.',
    ]);
    expect(matrixVerdict(anonymous5, [r(null, 'browser', outcomeOfError('Failed to fetch')), r(null, 'anonymous', outcomeOfError('Failed to fetch'))])).toEqual([
      '2 of 2 replays got no answer.',
    ]);
  });

  it('nothing to report', () => {
    expect(matrixVerdict(anonymous5, [r(null, 'browser', anonymous5)])).toEqual(['Every replay answered like the original.']);
    expect(matrixVerdict(anonymous5, [r('basic', 'browser', basicChallenge)])).toEqual(['No replay points to a session problem.']);
  });
});

describe('skipReason', () => {
  it('stops typed cells after the first refused login, never browser or anonymous cells', () => {
    const failed = ans(401, { reason: 'AUTHENTICATED_FAILED' });
    const done = [r(null, 'browser', anonymous5), r(null, 'typed', failed)];
    expect(skipReason({ authType: 'basic', source: 'typed' }, done)).toBe(
      'Skipped: the typed credentials were already refused (as captured · typed credentials); more attempts could trigger a CAPTCHA.',
    );
    expect(skipReason({ authType: 'basic', source: 'browser' }, done)).toBeNull();
    expect(skipReason({ authType: 'basic', source: 'typed' }, [r(null, 'typed', ans(200, { user: 'fred' }))])).toBeNull();
    expect(skipReason({ authType: 'basic', source: 'typed' }, [r(null, 'typed', ans(403, { reason: 'AUTHENTICATION_DENIED' }))])).not.toBeNull();
  });
});
