import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAUsername, parseDeniedReason, parseLoginReason } from './seraph';
import { fuzz } from '../../test-support/fuzz';

describe('parseLoginReason', () => {
  it('reads several values, the last is the outcome', () => {
    expect(parseLoginReason(['OUT, OK'])).toEqual({ all: ['OUT', 'OK'], outcome: 'OK' });
    expect(parseLoginReason(['ok', ' AUTHENTICATED_FAILED '])).toEqual({ all: ['OK', 'AUTHENTICATED_FAILED'], outcome: 'AUTHENTICATED_FAILED' });
    expect(parseLoginReason([])).toEqual({ all: [], outcome: null });
  });
  it('drops junk values and survives hostile input', () => {
    expect(parseLoginReason(['OK\r\nSet-Cookie: x=1, <script>, OUT'])).toEqual({ all: ['OUT'], outcome: 'OUT' });
    expect(parseLoginReason(['A'.repeat(1 << 20)]).all).toEqual([]);
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (v) => void parseLoginReason(v)), fuzz(3, 500));
  });
});

describe('parseDeniedReason', () => {
  it('CAPTCHA with its login URL', () => {
    expect(parseDeniedReason('CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp')).toEqual({
      reason: 'CAPTCHA_CHALLENGE',
      loginUrl: 'https://jira.example.com/login.jsp',
    });
    expect(parseDeniedReason('captcha_challenge')).toEqual({ reason: 'CAPTCHA_CHALLENGE' });
    expect(parseDeniedReason('CAPTCHA_CHALLENGE; LOGIN-URL="https://j.example/login.jsp"; x=y')).toEqual({ reason: 'CAPTCHA_CHALLENGE', loginUrl: 'https://j.example/login.jsp' });
    expect(parseDeniedReason('CAPTCHA_CHALLENGE; login-url=')).toEqual({ reason: 'CAPTCHA_CHALLENGE' });
    expect(parseDeniedReason('; login-url=https://x')).toBeNull();
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (v) => void parseDeniedReason(v)), fuzz(4, 500));
    expect(parseDeniedReason('')).toBeNull();
    expect(parseDeniedReason('X'.repeat(1000))).toBeNull();
  });
});

describe('parseAUsername', () => {
  it('users, anonymous, percent-encoded names, empty', () => {
    expect(parseAUsername('fred')).toEqual({ user: 'fred', anonymous: false });
    expect(parseAUsername('anonymous')).toEqual({ user: null, anonymous: true });
    expect(parseAUsername('j%C3%B6rg')).toEqual({ user: 'jörg', anonymous: false });
    expect(parseAUsername('100%')).toEqual({ user: '100%', anonymous: false });
    // Java's URLEncoder, as Jira uses it: '+' is a space, a real '+' is %2B.
    expect(parseAUsername('john+smith')).toEqual({ user: 'john smith', anonymous: false });
    expect(parseAUsername('a%2Bb')).toEqual({ user: 'a+b', anonymous: false });
    expect(parseAUsername('Anonymous')).toEqual({ user: null, anonymous: true });
    expect(parseAUsername(' ')).toEqual({ user: null, anonymous: false });
    expect(parseAUsername('x'.repeat(1 << 20)).user).toHaveLength(256);
  });
  it('round-trips names encoded the way Jira encodes them, never throws on anything else', () => {
    const javaUrlEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+').replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim() === s && s !== '' && s.toLowerCase() !== 'anonymous'), (name) => {
        expect(parseAUsername(javaUrlEncode(name))).toEqual({ user: name, anonymous: false });
      }),
      fuzz(6, 500),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (v) => void parseAUsername(v)), fuzz(7, 500));
  });
});
