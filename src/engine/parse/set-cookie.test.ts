import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCookieDate, parseSetCookie } from './set-cookie';

const T = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('parseSetCookie', () => {
  it('a Jira session cookie: browser-session, HttpOnly, path', () => {
    expect(parseSetCookie('JSESSIONID=6E3487971234567896704A9EB4AE501F; Path=/; HttpOnly', T)).toEqual({
      name: 'JSESSIONID', valueLength: 32, empty: false, expires: null, cleared: false, path: '/', secure: false, httpOnly: true,
    });
  });
  it('Max-Age beats Expires, both ways', () => {
    const a = parseSetCookie('a=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT; Max-Age=300', T)!;
    expect(a).toMatchObject({ expires: T + 300_000, maxAge: 300, cleared: false });
    const b = parseSetCookie('a=1; Max-Age=0; Expires=Wed, 21 Oct 2099 07:28:00 GMT', T)!;
    expect(b).toMatchObject({ cleared: true, maxAge: 0 });
  });
  it('clearing: Max-Age=0, negative, or Expires in the past; empty value noticed', () => {
    expect(parseSetCookie('JSESSIONID=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT', T)).toMatchObject({ cleared: true, empty: true });
    expect(parseSetCookie('x=1; max-age=-5', T)).toMatchObject({ cleared: true });
    expect(parseSetCookie('x=1; expires=Thu, 01-Jan-1970 00:00:01 GMT', T)).toMatchObject({ cleared: true });
    expect(parseSetCookie('x=1; Max-Age=abc', T)).toMatchObject({ cleared: false, expires: null });
  });
  it('reads redaction markers as the secret length and keeps attributes in any case', () => {
    expect(parseSetCookie('cloud.session.token=[redacted 412]; DOMAIN=.atlassian.net; SECURE; samesite=None', T)).toMatchObject({
      name: 'cloud.session.token', valueLength: 412, domain: 'atlassian.net', secure: true, sameSite: 'None',
    });
  });
  it('ignores lines without a name or "="', () => {
    expect(parseSetCookie('novalue', T)).toBeNull();
    expect(parseSetCookie('=x; Path=/', T)).toBeNull();
    expect(parseSetCookie('', T)).toBeNull();
  });
  it('huge, non-ASCII and hostile values', () => {
    expect(parseSetCookie('a=' + 'x'.repeat(1 << 20) + '; Path=/', T)!.valueLength).toBe(1 << 20);
    expect(parseSetCookie('jëton=välue; Path=/ü', T)).toMatchObject({ name: 'jëton', valueLength: 5, path: '/ü' });
    expect(parseSetCookie('__proto__=1; Path=/', T)!.name).toBe('__proto__');
    expect(parseSetCookie('a=1\r\nSet-Cookie: b=2', T)!.name).toBe('a');
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.integer(), (v, t) => void parseSetCookie(v, t)), { seed: 12, numRuns: 1000 });
  });
});

describe('parseCookieDate (RFC 6265 §5.1.1)', () => {
  const want = Date.UTC(1994, 10, 6, 8, 49, 37);
  it.each([
    'Sun, 06 Nov 1994 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT',
    'Sun Nov  6 08:49:37 1994',
    'Sun, 06 Nov 1994 08:49:37',
    '06 November 1994 08:49:37 UTC',
  ])('%s', (s) => expect(parseCookieDate(s)).toBe(want));
  it('two-digit years and impossible dates', () => {
    expect(parseCookieDate('01 Jan 69 00:00:00')).toBe(Date.UTC(2069, 0, 1));
    expect(parseCookieDate('31 Feb 2020 00:00:00')).toBeNull();
    expect(parseCookieDate('not a date')).toBeNull();
    expect(parseCookieDate('01 Jan 1600 00:00:00')).toBeNull();
  });
});
