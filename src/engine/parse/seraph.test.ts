import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAUsername, parseDeniedReason, parseLoginReason } from './seraph';

describe('parseLoginReason', () => {
  it('reads several values, the last is the outcome', () => {
    expect(parseLoginReason(['OUT, OK'])).toEqual({ all: ['OUT', 'OK'], outcome: 'OK' });
    expect(parseLoginReason(['ok', ' AUTHENTICATED_FAILED '])).toEqual({ all: ['OK', 'AUTHENTICATED_FAILED'], outcome: 'AUTHENTICATED_FAILED' });
    expect(parseLoginReason([])).toEqual({ all: [], outcome: null });
  });
  it('drops junk values and survives hostile input', () => {
    expect(parseLoginReason(['OK\r\nSet-Cookie: x=1, <script>, OUT'])).toEqual({ all: ['OUT'], outcome: 'OUT' });
    expect(parseLoginReason(['A'.repeat(1 << 20)]).all).toEqual([]);
    fc.assert(fc.property(fc.array(fc.string({ unit: 'binary' })), (v) => void parseLoginReason(v)), { seed: 3, numRuns: 500 });
  });
});

describe('parseDeniedReason', () => {
  it('CAPTCHA with its login URL', () => {
    expect(parseDeniedReason('CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp')).toEqual({
      reason: 'CAPTCHA_CHALLENGE',
      loginUrl: 'https://jira.example.com/login.jsp',
    });
    expect(parseDeniedReason('captcha_challenge')).toEqual({ reason: 'CAPTCHA_CHALLENGE' });
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
    expect(parseAUsername(' ')).toEqual({ user: null, anonymous: false });
    expect(parseAUsername('x'.repeat(1 << 20)).user).toHaveLength(256);
  });
});
