import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseWwwAuthenticate, hasBasicChallenge } from './www-authenticate';
import { fuzz } from '../../test-support/fuzz';

const plain = (v: string[]) => parseWwwAuthenticate(v).map((c) => ({ ...c, params: { ...c.params } }));

describe('parseWwwAuthenticate', () => {
  it('one Basic challenge', () => {
    expect(plain(['Basic realm="protected-area"'])).toEqual([{ scheme: 'Basic', params: { realm: 'protected-area' } }]);
  });
  it('several challenges in one header, quoted commas and escapes, case-insensitive names', () => {
    expect(plain(['Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic REALM="simple, really"'])).toEqual([
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'Basic', params: { realm: 'simple, really' } },
    ]);
  });
  it('across header lines, token68 and bare schemes', () => {
    expect(plain(['Negotiate abc123==', 'OAuth realm="https://jira.example.com", Bearer', 'Basic'])).toEqual([
      { scheme: 'Negotiate', params: {}, token68: 'abc123==' },
      { scheme: 'OAuth', params: { realm: 'https://jira.example.com' } },
      { scheme: 'Bearer', params: {} },
      { scheme: 'Basic', params: {} },
    ]);
    expect(hasBasicChallenge(parseWwwAuthenticate(['OAuth realm="x", basic realm="y"']))).toBe(true);
    expect(hasBasicChallenge(parseWwwAuthenticate(['OAuth realm="x"']))).toBe(false);
  });
  it('garbage is skipped, empty lists stay empty', () => {
    expect(plain([''])).toEqual([]);
    expect(plain([',,, ,'])).toEqual([]);
    expect(plain(['"unbalanced, Basic realm="x"'])).toEqual([{ scheme: 'Basic', params: { realm: 'x' } }]);
    expect(plain(['Basic realm="never closed'])).toEqual([{ scheme: 'Basic', params: { realm: 'never closed' } }]);
  });
  it('hostile input: __proto__ params, CR/LF, 1 MB, non-ASCII', () => {
    const [c] = parseWwwAuthenticate(['Basic __proto__="x", constructor=y']);
    expect(c!.params['__proto__']).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(plain(['Basic realm="a\r\nSet-Cookie: x=y"'])[0]!.params.realm).toBe('a\r\nSet-Cookie: x=y');
    expect(parseWwwAuthenticate(['Basic realm="' + 'x'.repeat(1 << 20) + '"'])).toHaveLength(1);
    expect(parseWwwAuthenticate(Array(1000).fill('Basic, Digest'))).toHaveLength(64);
    expect(plain(['Basic realm="Jïra ☃"'])[0]!.params.realm).toBe('Jïra ☃');
  });
  it('never throws, always bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200, unit: 'binary' }), { maxLength: 5 }), (v) => {
        expect(parseWwwAuthenticate(v).length).toBeLessThanOrEqual(64);
      }),
      fuzz(11, 1000),
    );
  });
  it('token68 versus parameters, and lenient spacing around "="', () => {
    expect(plain(['Bearer abc=', 'Bearer abc==, Basic realm = "x"', 'Bearer a=b'])).toEqual([
      { scheme: 'Bearer', params: {}, token68: 'abc=' },
      { scheme: 'Bearer', params: {}, token68: 'abc==' },
      { scheme: 'Basic', params: { realm: 'x' } },
      { scheme: 'Bearer', params: { a: 'b' } },
    ]);
  });
  it('duplicated challenges and parameters: every challenge kept, the last value of a parameter wins', () => {
    expect(plain(['Basic realm="a"', 'Basic realm="a", Basic realm="b" , realm="c"'])).toEqual([
      { scheme: 'Basic', params: { realm: 'a' } },
      { scheme: 'Basic', params: { realm: 'a' } },
      { scheme: 'Basic', params: { realm: 'c' } },
    ]);
  });
  it('round-trips what a server could send', () => {
    const TCHAR = "!#$%&'*+.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-";
    const token = fc.string({ unit: fc.constantFrom(...TCHAR), minLength: 1, maxLength: 12 });
    const token68 = fc
      .tuple(fc.string({ unit: fc.constantFrom(...'abcXYZ019._~+/-'), minLength: 1, maxLength: 20 }), fc.nat(2))
      .map(([t, pad]) => t + '='.repeat(pad));
    const params = fc.uniqueArray(fc.tuple(token.map((n) => n.toLowerCase()), fc.string({ maxLength: 30, unit: 'binary' }), fc.boolean()), {
      selector: ([name]) => name,
      maxLength: 4,
    });
    const challenge = fc.record({ scheme: token, body: fc.oneof(token68, params) });
    const quote = (v: string) => `"${v.replace(/[\\"]/g, '\\$&')}"`;
    const serialize = (c: { scheme: string; body: string | [string, string, boolean][] }) =>
      typeof c.body === 'string'
        ? `${c.scheme} ${c.body}`
        : [c.scheme, c.body.map(([n, v, asToken]) => `${n}=${asToken && /^[a-z0-9]+$/i.test(v) ? v : quote(v)}`).join(', ')].join(' ').trim();
    fc.assert(
      fc.property(fc.array(challenge, { minLength: 1, maxLength: 5 }), fc.nat(4), (cs, split) => {
        const texts = cs.map(serialize);
        const lines = [texts.slice(0, split).join(', '), texts.slice(split).join(', ')].filter(Boolean);
        const got = parseWwwAuthenticate(lines).map((c) => ({ scheme: c.scheme, body: c.token68 ?? Object.entries(c.params).sort() }));
        const want = cs.map((c) => ({ scheme: c.scheme, body: typeof c.body === 'string' ? c.body : c.body.map(([n, v]) => [n, v]).sort() }));
        expect(got).toEqual(want);
      }),
      fuzz(21, 500),
    );
  });
});
