import { describe, expect, it } from 'vitest';
import { replayVerdict } from './verdict';
import { matrixVerdict } from './matrix';
import type { ReplayOutcome } from './outcome';

const o = (status: number, user: string | null, extra: Partial<ReplayOutcome> = {}): ReplayOutcome => ({ status, user, loginReason: null, challenge: null, bodySize: 10, searchTotal: null, ...extra });
const anonymousPage = o(200, 'anonymous');

describe('replayVerdict: one sentence after a single replay', () => {
  it('cookie mode 401 with the browser cookies: the matrix sentence, word for word', () => {
    const single = replayVerdict(anonymousPage, { authType: 'cookie', source: 'browser' }, o(401, 'anonymous'));
    expect(single).toBe('Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous.');
    expect(matrixVerdict(anonymousPage, [{ cell: { authType: 'cookie', source: 'browser' }, outcome: o(401, 'anonymous') }])[0]).toBe(single);
  });
  it('a valid session, and one that was not valid when the page loaded', () => {
    expect(replayVerdict(o(200, 'fred'), { authType: 'cookie', source: 'browser' }, o(200, 'fred'))).toBe('Your session is valid: os_authType=cookie answers 200 as fred.');
    expect(replayVerdict(anonymousPage, { authType: 'any', source: 'browser' }, o(200, 'fred'))).toBe(
      'Your session is valid: os_authType=any answers 200 as fred. The original page was served to anonymous, so the session was not valid then (it has been renewed since, or was signed in again).',
    );
  });
  it('as captured with the cookies: still anonymous', () => {
    expect(replayVerdict(anonymousPage, { authType: null, source: 'browser' }, o(200, 'anonymous'))).toBe(
      'With your cookies the server still answers as anonymous: the browser sends no valid session for this site.',
    );
  });
  it('basic with cookies: 401 is expected and says nothing about the session', () => {
    expect(replayVerdict(anonymousPage, { authType: 'basic', source: 'browser' }, o(401, 'anonymous', { challenge: 'Basic' }))).toContain(
      'os_authType=basic takes only an Authorization header and ignores cookies',
    );
  });
  it('typed credentials: CAPTCHA, rejected, working', () => {
    expect(replayVerdict(anonymousPage, { authType: 'basic', source: 'typed' }, o(403, 'anonymous', { loginReason: 'AUTHENTICATION_DENIED' }))).toMatch(/^CAPTCHA: /);
    expect(replayVerdict(anonymousPage, { authType: 'basic', source: 'typed' }, o(401, 'anonymous', { loginReason: 'AUTHENTICATED_FAILED' }))).toMatch(/^The typed credentials were rejected/);
    expect(replayVerdict(anonymousPage, { authType: 'basic', source: 'typed' }, o(200, 'fred'))).toBe('The typed credentials work: the server answers as fred.');
  });
  it('no credentials', () => {
    expect(replayVerdict(anonymousPage, { authType: null, source: 'anonymous' }, o(200, 'anonymous'))).toBe(
      'Without credentials this URL is served to anonymous (200), which is why an expired session goes unnoticed here.',
    );
    expect(replayVerdict(anonymousPage, { authType: 'cookie', source: 'anonymous' }, o(401, 'anonymous'))).toBe(
      'Without credentials os_authType=cookie answers 401: in this mode the URL asks for a login instead of serving anonymous.',
    );
  });
  it('a redirect not followed gives no verdict, and says why', () => {
    expect(replayVerdict(anonymousPage, { authType: 'cookie', source: 'browser' }, o(302, null, { note: 'Redirect not followed: Location /x.' }))).toBe('No verdict: Redirect not followed: Location /x.');
    expect(replayVerdict(anonymousPage, { authType: 'cookie', source: 'browser' }, o(0, null))).toBe('No verdict: the replay got no answer.');
  });
  it('otherwise compares with the original', () => {
    expect(replayVerdict(o(404, null), { authType: 'cookie', source: 'browser' }, o(404, null))).toBe('The replay answered like the original: 404.');
    expect(replayVerdict(o(404, null), { authType: 'cookie', source: 'browser' }, o(500, null))).toBe('The replay answered 500; the original request got 404.');
  });
});
