import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAuthorization, decodeBase64Utf8, splitAuthorization, NO_SCHEME } from './authorization';
import { parseCookieHeader } from './cookie';
import { sanitizeHeader } from '../../redact/redact';
import { fuzz } from '../../test-support/fuzz';

const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

describe('parseAuthorization', () => {
  it('decodes the Basic user part of the documented examples', () => {
    expect(parseAuthorization('Basic ZnJlZDpmcmVk')).toMatchObject({ scheme: 'basic', user: 'fred' });
    expect(parseAuthorization('basic   dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg==')).toMatchObject({ scheme: 'basic', user: 'user@example.com' });
  });
  it('keeps non-ASCII users, tolerates missing padding, rejects junk without throwing', () => {
    expect(parseAuthorization(`Basic ${b64('jörg:pw').replace(/=+$/, '')}`)).toMatchObject({ scheme: 'basic', user: 'jörg' });
    expect(parseAuthorization(`Basic ${b64('用户:密码')}`)).toMatchObject({ scheme: 'basic', user: '用户' });
    expect(parseAuthorization(`Basic ${b64('fred:pa:ss:word')}`)).toMatchObject({ scheme: 'basic', user: 'fred' }); // user = before the first colon
    expect(parseAuthorization(`Basic ${b64(':nouser')}`)).toMatchObject({ scheme: 'basic', user: '' });
    expect(parseAuthorization('Basic !!!')).toMatchObject({ scheme: 'basic', user: null });
    expect(parseAuthorization('Basic ZnJlZDpmcmVkZ')).toMatchObject({ scheme: 'basic', user: null }); // 4n+1 characters: not base64
    expect(parseAuthorization('Basic ' + b64(new Uint8Array([0xff, 0xfe, 0x3a])))).toMatchObject({ scheme: 'basic', user: null }); // not UTF-8
    expect(parseAuthorization('Basic ' + b64('nocolon'))).toMatchObject({ scheme: 'basic', user: null });
    expect(parseAuthorization('Basic')).toMatchObject({ scheme: 'basic', user: null });
    expect(parseAuthorization('')).toBeNull();
    expect(parseAuthorization(' \t ')).toBeNull();
  });
  it('Bearer and other schemes', () => {
    expect(parseAuthorization('Bearer x')).toMatchObject({ scheme: 'bearer' });
    expect(parseAuthorization('BEARER\tx')).toMatchObject({ scheme: 'bearer' });
    expect(parseAuthorization('OAuth oauth_token="x"')).toMatchObject({ scheme: 'other', name: 'OAuth' });
    expect(parseAuthorization('AWS4-HMAC-SHA256 Credential=AKIA/2026')).toMatchObject({ scheme: 'other', name: 'AWS4-HMAC-SHA256' });
  });
  it('a bare token, or a first word that is not a scheme, never becomes a scheme name', () => {
    // `Authorization: <token>` is common; reporting the token as a scheme would leak it to the UI.
    expect(parseAuthorization('ghp_0123456789abcdefSECRET')).toMatchObject({ scheme: 'other', name: NO_SCHEME });
    expect(parseAuthorization('s3cr3t/t0ken+x second-part')).toMatchObject({ scheme: 'other', name: NO_SCHEME });
    expect(splitAuthorization('s3cr3t x')).toEqual({ scheme: null, credentials: 's3cr3t x' });
  });
  it('reads its own sanitized spelling as the original', () => {
    for (const v of ['Basic ZnJlZDpmcmVk', `Basic ${b64('a]b c%d:pw')}`, 'Bearer abc', 'Digest username="x"', 'tok3n', 'Basic', 'Basic !!!']) {
      expect(parseAuthorization(sanitizeHeader('Authorization', v)), v).toEqual(parseAuthorization(v));
    }
  });
  it('hostile and enormous values', () => {
    expect(parseAuthorization(`Basic ${b64('fred:x')}\r\nX-Injected: 1`)).toMatchObject({ scheme: 'basic', user: null });
    expect(parseAuthorization(`Basic ${b64('fr\r\ned:x')}`)).toMatchObject({ scheme: 'basic', user: 'fr\r\ned' }); // kept as data; printers escape it
    expect(parseAuthorization('Basic ' + 'A'.repeat(1 << 20))).toMatchObject({ scheme: 'basic', user: null });
    expect(parseAuthorization('Bearer ' + 'x'.repeat(1 << 20))).toMatchObject({ scheme: 'bearer' });
    expect(parseAuthorization('__proto__ x')).toMatchObject({ scheme: 'other', name: NO_SCHEME });
    expect(decodeBase64Utf8('A'.repeat(1_000_000))).toBeNull();
    expect(decodeBase64Utf8(b64('x'.repeat(100_000)), 1 << 20)).toBe('x'.repeat(100_000));
  });
  it('never throws, never returns the secret, and analyses the same once sanitized', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 200, unit: 'binary' }),
      fc.tuple(fc.constantFrom('Basic', 'bearer', 'Digest', 'X-Custom', '', 'tok3n'), fc.constantFrom(' ', '\t', '  '), fc.string({ maxLength: 60, unit: 'binary' })).map((p) => p.join('')),
      fc.tuple(fc.string({ maxLength: 20, unit: 'grapheme' }), fc.string({ maxLength: 30, unit: 'grapheme' })).map(([u, p]) => `Basic ${b64(`${u}:${p}`)}`),
    );
    fc.assert(
      fc.property(value, (v) => {
        const creds = parseAuthorization(v);
        expect(parseAuthorization(sanitizeHeader('Authorization', v))).toEqual(creds);
      }),
      fuzz(7, 600),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes(':')), fc.string({ minLength: 8, maxLength: 40 }), (user, pw) => {
        const creds = parseAuthorization(`Basic ${b64(`${user}:${pw}`)}`);
        expect(JSON.stringify(creds)).not.toContain(JSON.stringify(pw).slice(1, -1));
      }),
      fuzz(8, 300),
    );
  });
});

describe('parseCookieHeader', () => {
  it('names and lengths, duplicates kept, junk parts skipped', () => {
    expect(parseCookieHeader('JSESSIONID=abc; ;noequals; a="quoted"; JSESSIONID=de; =x')).toEqual([
      { name: 'JSESSIONID', valueLength: 3 },
      { name: 'a', valueLength: 8 }, // quotes are part of the value as sent (RFC 6265 cookie-value)
      { name: 'JSESSIONID', valueLength: 2 },
    ]);
    expect(parseCookieHeader('  a = 1 ;b=;c')).toEqual([
      { name: 'a', valueLength: 1 },
      { name: 'b', valueLength: 0 },
    ]);
    expect(parseCookieHeader('x=a=b')).toEqual([{ name: 'x', valueLength: 3 }]);
    expect(parseCookieHeader('')).toEqual([]);
  });
  it('non-ASCII, enormous and hostile values', () => {
    expect(parseCookieHeader('nämé=välue')).toEqual([{ name: 'nämé', valueLength: 5 }]);
    expect(parseCookieHeader('x=' + 'v'.repeat(1 << 20))[0]?.valueLength).toBe(1 << 20);
    expect(parseCookieHeader('__proto__=1; constructor=2')).toEqual([
      { name: '__proto__', valueLength: 1 },
      { name: 'constructor', valueLength: 1 },
    ]);
    expect(parseCookieHeader('a=1\r\nSet-Cookie: b=2')).toEqual([{ name: 'a', valueLength: 18 }]);
  });
  it('a redaction marker counts as the length it stands for', () => {
    expect(parseCookieHeader('JSESSIONID=[redacted 32]')).toEqual([{ name: 'JSESSIONID', valueLength: 32 }]);
  });
  it('never throws; sanitized, it reads the same names and lengths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (v) => {
        expect(parseCookieHeader(sanitizeHeader('Cookie', v))).toEqual(parseCookieHeader(v));
      }),
      fuzz(9, 500),
    );
  });
});
