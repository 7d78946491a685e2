import { describe, expect, it } from 'vitest';
import { cellReason, rowsNeedingReasons } from './reasons';
import type { ReplayOutcome } from './outcome';
import type { VerdictCell } from './verdict';

const o = (status: number, user: string | null, extra: Partial<ReplayOutcome> = {}): ReplayOutcome => ({ status, user, loginReason: null, challenge: null, bodySize: 10, searchTotal: null, ...extra });
const reason = (authType: VerdictCell['authType'], source: VerdictCell['source'], outcome: ReplayOutcome, sessionCookieSent: boolean | null = true) =>
  cellReason({ cell: { authType, source }, outcome, sessionCookieSent });

describe('cellReason: why a replay answered so (atlassian-auth.md §3)', () => {
  it('os_authType=cookie with typed credentials: the header is ignored, so the credentials were not used', () => {
    expect(reason('cookie', 'typed', o(401, 'anonymous'), false)).toBe(
      'os_authType=cookie ignores the Authorization header, so the typed credentials were not used; a typed-credentials replay sends no cookies, so no session: 401.',
    );
  });
  it('os_authType=cookie with the browser: a dead session, no session cookie, or cookies the browser hid', () => {
    expect(reason('cookie', 'browser', o(401, 'anonymous'), true)).toBe("os_authType=cookie takes only a valid session cookie: the browser's session cookie is no longer valid, so 401.");
    expect(reason('cookie', 'browser', o(401, 'anonymous'), false)).toContain('the browser sent no session cookie for this site');
    expect(reason('cookie', 'browser', o(401, 'anonymous'), null)).toContain("the browser's cookies hold no valid session");
    expect(reason('cookie', 'browser', o(200, 'fred'))).toBe("os_authType=cookie takes only the session cookie: the browser's session is valid (fred).");
  });
  it('os_authType=basic ignores cookies and challenges with Basic', () => {
    expect(reason('basic', 'browser', o(401, 'anonymous', { challenge: 'Basic' }))).toBe(
      "os_authType=basic takes only an Authorization header and ignores cookies; the browser's cookies do not count, so 401 with a Basic challenge.",
    );
    expect(reason('basic', 'anonymous', o(401, 'anonymous', { challenge: 'Basic' }))).toContain('none was sent, so 401 with a Basic challenge');
    expect(reason('basic', 'typed', o(200, 'fred'))).toBe('os_authType=basic takes the Authorization header: the typed credentials signed in as fred.');
  });
  it('os_authType=any takes either', () => {
    expect(reason('any', 'typed', o(200, 'fred'))).toContain('os_authType=any takes the Authorization header');
    expect(reason('any', 'anonymous', o(401, 'anonymous'))).toBe('os_authType=any takes an Authorization header or a valid session cookie, and neither was sent: 401.');
    expect(reason('any', 'browser', o(401, 'anonymous'), true)).toContain("no Authorization header was sent and the browser's session cookie is no longer valid");
  });
  it('as captured: Seraph\'s default, anonymous outside /rest, 401 under it', () => {
    expect(reason(null, 'browser', o(200, 'anonymous'))).toContain('serves a request without a valid session as anonymous outside /rest');
    expect(reason(null, 'browser', o(401, 'anonymous'))).toContain('gets 401 under /rest');
    expect(reason(null, 'anonymous', o(200, 'anonymous'))).toBe('No credentials: the URL is open to anonymous users, so it is served as anonymous.');
    expect(reason(null, 'typed', o(200, 'fred'))).toBe('The Authorization header is checked before any cookie: the typed credentials signed in as fred.');
  });
  it('a login outcome the server named wins; a row not sent has its note instead', () => {
    expect(reason('basic', 'typed', o(403, 'anonymous', { loginReason: 'AUTHENTICATION_DENIED' }))).toMatch(/^CAPTCHA/);
    expect(reason(null, 'typed', o(401, 'anonymous', { loginReason: 'AUTHENTICATED_FAILED' }))).toContain('refused them (AUTHENTICATED_FAILED)');
    expect(reason('any', 'typed', o(401, 'anonymous', { loginReason: 'AUTHORISATION_FAILED' }))).toContain('may not use the application');
    expect(reason('cookie', 'typed', o(0, null, { note: 'Not sent: left out before sending.' }))).toBeNull();
    expect(reason(null, 'anonymous', o(500, null))).toBe('The server answered 500: not an authentication outcome.');
  });
});

describe('rowsNeedingReasons', () => {
  const cell = (authType: VerdictCell['authType'], source: VerdictCell['source']) => ({ authType, source });
  it('a row that differs from the original, or from a row with the same os_authType or credentials', () => {
    const original = o(401, 'anonymous');
    const rows = [
      { cell: cell('cookie', 'browser'), outcome: o(401, 'anonymous') }, // like the original and its neighbours
      { cell: cell('cookie', 'anonymous'), outcome: o(401, 'anonymous') },
      { cell: cell('basic', 'typed'), outcome: o(200, 'fred') }, // differs from the original
      { cell: cell('cookie', 'typed'), outcome: o(401, 'anonymous') }, // like the original, differs from basic · typed
      { cell: cell('any', 'anonymous'), outcome: o(401, 'anonymous') }, // like everything near it
    ];
    expect(rowsNeedingReasons(original, rows)).toEqual([false, false, true, true, false]);
  });
  it('rows not sent (status 0) are no neighbour to differ from', () => {
    const original = o(200, 'anonymous');
    expect(rowsNeedingReasons(original, [
      { cell: cell(null, 'browser'), outcome: o(200, 'anonymous') },
      { cell: cell(null, 'typed'), outcome: o(0, null, { note: 'Not sent' }) },
    ])).toEqual([false, true]);
  });
});
