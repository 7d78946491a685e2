import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { containsRedaction, originOf, ReplayUrlError, withAuthType, withoutRedactedParams } from './url';
import { fuzz } from '../test-support/fuzz';

const J = 'https://jira.example.com';

describe('withAuthType', () => {
  it('appends os_authType, or adds a query', () => {
    expect(withAuthType(`${J}/browse/ABC-1`, 'cookie')).toBe(`${J}/browse/ABC-1?os_authType=cookie`);
    expect(withAuthType(`${J}/issues/?jql=project%3DABC`, 'basic')).toBe(`${J}/issues/?jql=project%3DABC&os_authType=basic`);
    expect(withAuthType(`${J}/x?`, 'any')).toBe(`${J}/x?os_authType=any`);
    expect(withAuthType(J, 'any')).toBe(`${J}?os_authType=any`);
  });

  it('replaces an existing os_authType in place', () => {
    expect(withAuthType(`${J}/x?a=1&os_authType=basic&b=2`, 'cookie')).toBe(`${J}/x?a=1&os_authType=cookie&b=2`);
    expect(withAuthType(`${J}/x?os_authType=basic`, 'any')).toBe(`${J}/x?os_authType=any`);
  });

  it('collapses repeated os_authType keys into the first position, also encoded spellings', () => {
    expect(withAuthType(`${J}/x?a=1&os_authType=basic&b=2&os_authType=any&c`, 'cookie')).toBe(`${J}/x?a=1&os_authType=cookie&b=2&c`);
    expect(withAuthType(`${J}/x?os%5FauthType=basic&z=1&os_authType`, 'any')).toBe(`${J}/x?os_authType=any&z=1`);
    // keys are case-sensitive on the server: OS_AUTHTYPE is another parameter
    expect(withAuthType(`${J}/x?OS_AUTHTYPE=basic`, 'any')).toBe(`${J}/x?OS_AUTHTYPE=basic&os_authType=any`);
  });

  it('keeps every other parameter byte for byte: %26, +, %20, %2F, empty values, keys without =, repeats, empty parts', () => {
    const q = 'jql=summary~%22a%26b%22+AND+x%20y&path=%2Fa%2Fb&empty=&flag&k=1&k=2&&tail=%E2%9C%93&raw=a/b?c';
    expect(withAuthType(`${J}/x?${q}`, 'basic')).toBe(`${J}/x?${q}&os_authType=basic`);
    expect(withAuthType(`${J}/x?${q}`, null)).toBe(`${J}/x?${q}`);
  });

  it('drops the fragment, also a fragment holding a ?', () => {
    expect(withAuthType(`${J}/x?a=1#frag`, null)).toBe(`${J}/x?a=1`);
    expect(withAuthType(`${J}/x?a=1#frag`, 'cookie')).toBe(`${J}/x?a=1&os_authType=cookie`);
    expect(withAuthType(`${J}/x#f?os_authType=basic`, 'cookie')).toBe(`${J}/x?os_authType=cookie`);
    expect(withAuthType(`${J}/x?#`, null)).toBe(`${J}/x?`);
  });

  it('as captured (null) changes nothing else', () => {
    expect(withAuthType(`${J}/x?os_authType=basic&os_authType=any`, null)).toBe(`${J}/x?os_authType=basic&os_authType=any`);
    expect(withAuthType(`${J}/x`, null)).toBe(`${J}/x`);
  });

  it('IPv6 hosts and ports', () => {
    expect(withAuthType('http://[::1]:8080/jira/rest/api/2/myself?a=b', 'basic')).toBe('http://[::1]:8080/jira/rest/api/2/myself?a=b&os_authType=basic');
    expect(withAuthType('https://jira.example.com:8443/secure/Dashboard.jspa', 'cookie')).toBe('https://jira.example.com:8443/secure/Dashboard.jspa?os_authType=cookie');
  });

  it('refuses non-http(s) URLs, user info and control characters with a clear error', () => {
    for (const bad of ['javascript:alert(1)', 'ftp://jira.example.com/x', 'file:///etc/passwd', '/rest/api/2/myself', 'data:text/html,x']) {
      expect(() => withAuthType(bad, 'cookie')).toThrow(ReplayUrlError);
      expect(() => withAuthType(bad, 'cookie')).toThrow(/^Only http\(s\) URLs can be replayed: /);
    }
    expect(() => withAuthType('https://fred:pw@jira.example.com/x', null)).toThrow('The URL carries a user name or password; fetch() refuses such URLs. Use typed credentials instead.');
    expect(() => withAuthType(`${J}/x?a=1\n2`, null)).toThrow('The URL contains control characters and cannot be replayed as captured: https://jira.example.com/x?a=1?2');
    expect(() => withAuthType('https://', null)).toThrow(/^Not a valid URL/);
  });

  it('property: other parameters survive exactly, os_authType appears once, origin unchanged', () => {
    const part = fc.stringMatching(/^[a-zA-Z0-9_%+=.~\-/?:@!$'()*,;]{0,12}$/);
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), fc.constantFrom<'basic' | 'cookie' | 'any'>('basic', 'cookie', 'any'), (parts, t) => {
        const others = parts.filter((p) => !/^os_authType(=|$)/.test(p) && !/^os%5FauthType/i.test(p));
        const q = others.join('&');
        const out = withAuthType(`${J}/p?${q}`, t);
        expect(out).toBe(q === '' ? `${J}/p?os_authType=${t}` : `${J}/p?${q}&os_authType=${t}`);
        expect(originOf(out)).toBe(J);
      }),
      fuzz(811, 200),
    );
  });
});

describe('originOf', () => {
  it('normalises scheme, host and default ports', () => {
    expect(originOf('HTTPS://Jira.Example.com:443/x?y#z')).toBe(J);
    expect(originOf('http://[::1]:8080/x')).toBe('http://[::1]:8080');
    expect(originOf('https://jira.example.com\\@evil.example/')).toBe(J);
    expect(originOf('ftp://x')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('withoutRedactedParams', () => {
  it('removes redacted parameters (and os_username with os_password), keeps the rest', () => {
    expect(withoutRedactedParams(`${J}/x?a=1&token=%5Bredacted%2012%5D&b=%20`)).toEqual({ url: `${J}/x?a=1&b=%20`, removed: ['token'] });
    expect(withoutRedactedParams(`${J}/login.jsp?os_username=fred&os_password=%5Bredacted%207%5D&os_destination=%2F`)).toEqual({
      url: `${J}/login.jsp?os_destination=%2F`,
      removed: ['os_username', 'os_password'],
    });
    expect(withoutRedactedParams(`${J}/x?jwt=%5Bredacted%20300%5D#f`)).toEqual({ url: `${J}/x`, removed: ['jwt'] });
    expect(withoutRedactedParams(`${J}/x?a=[redacted 3]`)).toEqual({ url: `${J}/x`, removed: ['a'] });
    expect(withoutRedactedParams(`${J}/x?a=redacted`)).toEqual({ url: `${J}/x?a=redacted`, removed: [] });
  });
  it('refuses a marker in the path', () => {
    expect(() => withoutRedactedParams(`${J}/s/%5Bredacted%2040%5D/x`)).toThrow("A secret was removed from this URL's path at capture; it cannot be replayed.");
  });
  it('containsRedaction', () => {
    expect(['[redacted 5]', 'Basic [redacted 20 user=fred]', 'x=%5Bredacted%205%5D', 'x=%5bredacted+5%5d'].map(containsRedaction)).toEqual([true, true, true, true]);
    expect(['redacted', '[redacted]', 'no-check'].map(containsRedaction)).toEqual([false, false, false]);
  });
});
