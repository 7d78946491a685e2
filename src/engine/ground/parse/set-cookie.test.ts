import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCookieDate, parseSetCookie } from './set-cookie';
import { fuzz } from '../../test-support/fuzz';

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
  it('attribute details of RFC 6265 §5.2: empty Domain and relative Path ignored, "" counts as empty', () => {
    expect(parseSetCookie('a=1; Domain=; Path=relative; SameSite', T)).toEqual({
      name: 'a', valueLength: 1, empty: false, expires: null, cleared: false, secure: false, httpOnly: false,
    });
    expect(parseSetCookie('JSESSIONID=""; Path=/', T)).toMatchObject({ empty: true, cleared: false });
    expect(parseSetCookie('a=1; Expires=garbage; Expires=Wed, 21 Oct 2099 07:28:00 GMT; Expires=also garbage', T)!.expires).toBe(Date.UTC(2099, 9, 21, 7, 28));
    expect(parseSetCookie('a=1; Max-Age=99999999999999999999', T)!.expires).toBeLessThan(8.64e15);
    expect(parseSetCookie('a=1; Max-Age=+5', T)).toMatchObject({ expires: null });
  });
  it('duplicated attributes: the last valid one wins', () => {
    expect(parseSetCookie('a=1; Max-Age=10; max-age=20; Path=/a; PATH=/b', T)).toMatchObject({ maxAge: 20, expires: T + 20_000, path: '/b' });
  });
  it('round-trips a cookie a server could set, attributes in any order and case', () => {
    const OCTET = [...'!#$%&()*+-./0123456789:<>?@ABCXYZ[]^_`abcxyz{|}~'];
    const anyCase = (s: string) => fc.array(fc.boolean(), { minLength: s.length, maxLength: s.length }).map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
    const cookie = fc.record({
      name: fc.string({ unit: fc.constantFrom(...'abcXYZ019._-'), minLength: 1, maxLength: 20 }),
      value: fc.oneof(fc.string({ unit: fc.constantFrom(...OCTET), maxLength: 40 }), fc.nat(5000).map((n) => `[redacted ${n + 1}]`)),
      maxAge: fc.option(fc.integer({ min: -10, max: 10 ** 8 }), { nil: undefined }),
      expires: fc.option(fc.integer({ min: Date.UTC(1601, 0, 1), max: Date.UTC(9999, 11, 31) }).map((t) => t - (t % 1000)), { nil: undefined }),
      path: fc.option(fc.string({ unit: fc.constantFrom(...'abc/-_.'), maxLength: 10 }).map((p) => '/' + p), { nil: undefined }),
      domain: fc.option(fc.domain(), { nil: undefined }),
      secure: fc.boolean(),
      httpOnly: fc.boolean(),
      sameSite: fc.option(fc.constantFrom('Strict', 'Lax', 'None'), { nil: undefined }),
    });
    fc.assert(
      fc.property(cookie, fc.infiniteStream(fc.boolean()), anyCase('expires'), anyCase('max-age'), (c, order, exp, age) => {
        const attrs: string[] = [];
        if (c.expires !== undefined) attrs.push(`${exp}=${new Date(c.expires).toUTCString()}`);
        if (c.maxAge !== undefined) attrs.push(`${age}=${c.maxAge}`);
        if (c.path !== undefined) attrs.push(`Path=${c.path}`);
        if (c.domain !== undefined) attrs.push(`domain=.${c.domain}`);
        if (c.secure) attrs.push('Secure');
        if (c.httpOnly) attrs.push('httponly');
        if (c.sameSite) attrs.push(`SameSite=${c.sameSite}`);
        const it = order[Symbol.iterator]();
        attrs.sort(() => (it.next().value ? 1 : -1));
        const got = parseSetCookie([`${c.name}=${c.value}`, ...attrs].join('; '), T);
        const expires = c.maxAge !== undefined ? (c.maxAge <= 0 ? 0 : T + c.maxAge * 1000) : (c.expires ?? null);
        expect(got).toEqual({
          name: c.name,
          valueLength: /^\[redacted (\d+)\]$/.test(c.value) ? Number(c.value.slice(10, -1)) : c.value.length,
          empty: c.value === '',
          expires,
          cleared: c.maxAge !== undefined ? c.maxAge <= 0 : c.expires !== undefined && c.expires <= T,
          secure: c.secure,
          httpOnly: c.httpOnly,
          ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
          ...(c.path !== undefined ? { path: c.path } : {}),
          ...(c.domain !== undefined ? { domain: c.domain.toLowerCase() } : {}),
          ...(c.sameSite !== undefined ? { sameSite: c.sameSite } : {}),
        });
      }),
      fuzz(22, 500),
    );
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), fc.integer(), (v, t) => void parseSetCookie(v, t)), fuzz(12, 1000));
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
  it('odd but valid forms: junk around tokens, lower case, day before month in asctime', () => {
    expect(parseCookieDate('sun nov 06 08:49:37 1994 junk')).toBe(want);
    expect(parseCookieDate('Sun,06-Nov-1994 08:49:37GMT')).toBe(want);
    expect(parseCookieDate('Thu, 01 Jan 70 00:00:00 GMT')).toBe(0);
    expect(parseCookieDate('Wed, 21 Oct 2015 7:8:9 GMT')).toBe(Date.UTC(2015, 9, 21, 7, 8, 9));
    expect(parseCookieDate('x'.repeat(1 << 20))).toBeNull();
  });
  it('two-digit years and impossible dates', () => {
    expect(parseCookieDate('01 Jan 69 00:00:00')).toBe(Date.UTC(2069, 0, 1));
    expect(parseCookieDate('31 Feb 2020 00:00:00')).toBeNull();
    expect(parseCookieDate('not a date')).toBeNull();
    expect(parseCookieDate('01 Jan 1600 00:00:00')).toBeNull();
  });
});
