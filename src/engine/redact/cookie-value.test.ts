import { describe, expect, it } from 'vitest';
import { isRedactedCookieValue, redactCookieValue } from './cookie-value';
import { sessionTokenClaims, xsrfLoginState } from '../ground/cookie-facts';
import { sanitizeHeader } from './redact';

const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const PAYLOAD = { sub: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077', email: 'fred@example.com', iat: 1700000000, nbf: 1700000000, exp: 1702592000, refreshTimeout: 1700000600, sessionId: 'secret-session-id', jti: 'jti-1', iss: 'session-service', aud: 'atlassian' };
const JWT = `${b64url({ kid: 'session-service/session-service', alg: 'RS256' })}.${b64url(PAYLOAD)}.c2lnbmF0dXJlLXNlY3JldA`;

describe('xsrfLoginState', () => {
  it.each([
    ['AQZJ-FV3A-N91S-UDEU|cac2b9c0d1e2|lin', 'lin'],
    ['BM4R-2E5N-4QKW-6H2V_1725abcdef_lin', 'lin'],
    ['BM4R-2E5N-4QKW-6H2V_1725abcdef_lout', 'lout'],
    ['"AQZJ|x|lout"', 'lout'],
    ['[redacted 30]|lin', 'lin'],
    ['[redacted 30]_lout', 'lout'],
    ['abcdef', null],
    ['linlout', null],
    ['', null],
  ])('%s → %s', (value, state) => expect(xsrfLoginState(value)).toBe(state));
});

describe('sessionTokenClaims', () => {
  it('keeps only sub, email, iat, exp and refreshTimeout of a JWT', () => {
    expect(sessionTokenClaims(JWT)).toEqual({ sub: PAYLOAD.sub, email: PAYLOAD.email, iat: PAYLOAD.iat, exp: PAYLOAD.exp, refreshTimeout: PAYLOAD.refreshTimeout });
  });
  it('reads the same claims back from the redacted marker', () => {
    const redacted = redactCookieValue('tenant.session.token', JWT);
    expect(redacted).toMatch(/^\[redacted \d+ claims:[A-Za-z0-9_-]+\]$/);
    expect(redacted).not.toContain(JWT.split('.')[2]);
    expect(Buffer.from(redacted.split('claims:')[1]!.slice(0, -1), 'base64url').toString()).not.toContain('secret-session-id');
    expect(sessionTokenClaims(redacted)).toEqual(sessionTokenClaims(JWT));
  });
  it.each([['not a jwt'], ['eyJ.eyJ.x'], ['eyJhbGciOiJub25lIn0.bm90IGpzb24.x'], [`eyJhbGciOiJub25lIn0.${b64url([1, 2])}.x`], [`eyJhbGciOiJub25lIn0.${b64url({ exp: 'soon', sub: 7 })}.x`], ['eyJ' + 'A'.repeat(100_000)]])(
    'no claims from %#',
    (value) => expect(sessionTokenClaims(value)).toBeNull(),
  );
});

describe('redactCookieValue', () => {
  it('keeps the XSRF login suffix and nothing else of the token', () => {
    expect(redactCookieValue('atlassian.xsrf.token', 'AQZJ-FV3A-N91S-UDEU|cac2b9c0d1e2|lin')).toBe('[redacted 32]|lin');
    expect(redactCookieValue('atlassian.xsrf.token', 'BM4R-2E5N_1725_lout')).toBe('[redacted 14]_lout');
    expect(redactCookieValue('atlassian.xsrf.token', '"AQZJ|x|lin"')).toBe('"[redacted 6]|lin"');
  });
  it('a suffix on another cookie is not kept', () => {
    expect(redactCookieValue('JSESSIONID', 'ABC|lin')).toBe('[redacted 7]');
  });
  it('is idempotent and tells what it removed', () => {
    const seen: string[] = [];
    for (const [name, value] of [['atlassian.xsrf.token', 'AQZJ|cac2|lin'], ['tenant.session.token', JWT], ['JSESSIONID', 'ABCDEF0123']] as const) {
      const once = redactCookieValue(name, value, (s) => seen.push(s));
      expect(isRedactedCookieValue(once)).toBe(true);
      expect(redactCookieValue(name, once)).toBe(once);
    }
    expect(seen).toEqual(['AQZJ|cac2', JWT, 'ABCDEF0123']);
  });
  it('works through the Cookie and Set-Cookie sanitizers', () => {
    const cookie = sanitizeHeader('Cookie', `JSESSIONID=ABCDEF; atlassian.xsrf.token=AQZJ|cac2|lout; tenant.session.token=${JWT}`);
    expect(cookie).toMatch(/^JSESSIONID=\[redacted 6\]; atlassian\.xsrf\.token=\[redacted 9\]\|lout; tenant\.session\.token=\[redacted \d+ claims:[\w-]+\]$/);
    expect(sanitizeHeader('Cookie', cookie)).toBe(cookie);
    const set = sanitizeHeader('Set-Cookie', 'atlassian.xsrf.token=BM4R_17_lin; Path=/; Secure');
    expect(set).toBe('atlassian.xsrf.token=[redacted 7]_lin; Path=/; Secure');
  });
});
