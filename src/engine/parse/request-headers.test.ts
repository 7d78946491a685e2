import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAuthorization, decodeBase64Utf8 } from './authorization';
import { parseCookieHeader } from './cookie';

describe('parseAuthorization', () => {
  it('decodes the Basic user part of the documented examples', () => {
    expect(parseAuthorization('Basic ZnJlZDpmcmVk')).toEqual({ scheme: 'basic', user: 'fred' });
    expect(parseAuthorization('basic   dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg==')).toEqual({ scheme: 'basic', user: 'user@example.com' });
  });
  it('keeps non-ASCII users, tolerates missing padding, rejects junk without throwing', () => {
    expect(parseAuthorization(`Basic ${Buffer.from('jörg:pw').toString('base64').replace(/=+$/, '')}`)).toEqual({ scheme: 'basic', user: 'jörg' });
    expect(parseAuthorization('Basic !!!')).toEqual({ scheme: 'basic', user: null });
    expect(parseAuthorization('Basic ' + Buffer.from([0xff, 0xfe, 0x3a]).toString('base64'))).toEqual({ scheme: 'basic', user: null });
    expect(parseAuthorization('Basic ' + Buffer.from('nocolon').toString('base64'))).toEqual({ scheme: 'basic', user: null });
    expect(parseAuthorization('')).toBeNull();
  });
  it('Bearer and other schemes', () => {
    expect(parseAuthorization('Bearer x')).toEqual({ scheme: 'bearer' });
    expect(parseAuthorization('OAuth oauth_token="x"')).toEqual({ scheme: 'other', name: 'OAuth' });
  });
  it('never throws and never returns the secret', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (v) => void parseAuthorization(v)),
      { seed: 7, numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes(':')), fc.string({ minLength: 8, maxLength: 40 }), (user, pw) => {
        const creds = parseAuthorization(`Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}`);
        expect(JSON.stringify(creds)).not.toContain(JSON.stringify(pw).slice(1, -1));
      }),
      { seed: 8, numRuns: 300 },
    );
    expect(decodeBase64Utf8('A'.repeat(1_000_000))).toBeNull();
  });
});

describe('parseCookieHeader', () => {
  it('names and lengths, duplicates kept, junk parts skipped', () => {
    expect(parseCookieHeader('JSESSIONID=abc; ;noequals; a="quoted"; JSESSIONID=de; =x')).toEqual([
      { name: 'JSESSIONID', valueLength: 3 },
      { name: 'a', valueLength: 6 },
      { name: 'JSESSIONID', valueLength: 2 },
    ]);
    expect(parseCookieHeader('nämé=välue')).toEqual([{ name: 'nämé', valueLength: 5 }]);
    expect(parseCookieHeader('x=' + 'v'.repeat(1 << 20))[0]?.valueLength).toBe(1 << 20);
  });
  it('never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (v) => void parseCookieHeader(v)), { seed: 9, numRuns: 500 });
  });
});
