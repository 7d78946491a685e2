import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cookieHeaderNames, parseCookieHeader } from './cookie';
import { fuzz } from '../../test-support/fuzz';

describe('cookieHeaderNames', () => {
  it('the names parseCookieHeader gives, in order, duplicates and nameless parts as it treats them', () => {
    expect(cookieHeaderNames(' JSESSIONID=abc; atlassian.xsrf.token=B2ZK-1|lin;noname; =x; a=b=c; JSESSIONID=d')).toEqual(['JSESSIONID', 'atlassian.xsrf.token', 'a', 'JSESSIONID']);
    const piece = fc.constantFrom('a', 'JSESSIONID', 'atlassian.xsrf.token', 'tenant.session.token', '=', ';', ' ', '"', 'x|lout', 'eyJhbGciOiJIUzI1NiJ9.e30.x', '');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 20 }), (parts) => {
        const v = parts.join('');
        expect(cookieHeaderNames(v)).toEqual(parseCookieHeader(v).map((c) => c.name));
      }),
      fuzz(2601, 300),
    );
  });
});
