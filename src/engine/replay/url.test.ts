import { describe, expect, it } from 'vitest';
import { AUTH_TYPE_CHOICES, explainAuthType, originOf, withOsAuthType } from './url';

describe('withOsAuthType', () => {
  it.each([
    ['https://j.example/rest/api/2/search', 'cookie', 'https://j.example/rest/api/2/search?os_authType=cookie'],
    ['https://j.example/issues/?jql=project%3DABC', 'any', 'https://j.example/issues/?jql=project%3DABC&os_authType=any'],
    ['https://j.example/p?os_authType=basic&a=1', 'cookie', 'https://j.example/p?os_authType=cookie&a=1'],
    ['https://j.example/p?a=1&os_authType=basic&b=2&os_authType=any', 'cookie', 'https://j.example/p?a=1&os_authType=cookie&b=2'],
    ['https://j.example/p?os%5FauthType=basic', 'any', 'https://j.example/p?os_authType=any'],
    ['https://j.example/p?a=x+y&b=%20&c&d=&&e=%26', 'basic', 'https://j.example/p?a=x+y&b=%20&c&d=&&e=%26&os_authType=basic'],
    ['https://j.example/p?a=1&a=2', 'cookie', 'https://j.example/p?a=1&a=2&os_authType=cookie'],
    ['https://j.example/p?a=1#frag?os_authType=x', 'cookie', 'https://j.example/p?a=1&os_authType=cookie'],
    ['https://j.example/p?', 'any', 'https://j.example/p?os_authType=any'],
    ['http://[::1]:8080/jira/p?x=%E2%9C%93', 'basic', 'http://[::1]:8080/jira/p?x=%E2%9C%93&os_authType=basic'],
    ['https://j.example/p?os_authTypes=1&xos_authType=2', 'any', 'https://j.example/p?os_authTypes=1&xos_authType=2&os_authType=any'],
    ['https://j.example/p?%ZZ=1', 'any', 'https://j.example/p?%ZZ=1&os_authType=any'],
  ] as const)('%s with %s', (url, t, expected) => {
    expect(withOsAuthType(url, t)).toBe(expected);
  });

  it('"as captured" keeps the query byte for byte, existing os_authType included, and drops the fragment', () => {
    expect(withOsAuthType('https://j.example/p?os_authType=basic&q=a+b#top', null)).toBe('https://j.example/p?os_authType=basic&q=a+b');
  });

  it('refuses anything but absolute http(s) URLs', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', '/relative', 'ftp://x/y', '']) {
      expect(() => withOsAuthType(bad, 'cookie')).toThrow(/Only http\(s\) URLs/);
    }
  });
});

describe('originOf', () => {
  it('http(s) origins only', () => {
    expect(originOf('https://J.Example:443/p')).toBe('https://j.example');
    expect(originOf('http://j.example:8080/p')).toBe('http://j.example:8080');
    expect(originOf('data:text/plain,x')).toBeNull();
    expect(originOf('nope')).toBeNull();
  });
});

describe('explainAuthType', () => {
  it('one line per choice, naming what counts and when the server answers 401', () => {
    expect(explainAuthType('basic')).toMatch(/^basic: only an Authorization header counts, cookies are ignored; 401/);
    expect(explainAuthType('cookie')).toMatch(/^cookie: only the session cookie counts; 401 when it is missing or no longer valid/);
    expect(explainAuthType('any')).toMatch(/^any: .*401 only when neither works/);
    expect(explainAuthType(null)).toContain('silently served as anonymous everywhere else');
    expect(explainAuthType(null, 'cookie')).toBe('as captured: the URL already carries os_authType=cookie, and it is kept.');
    for (const t of AUTH_TYPE_CHOICES) expect(explainAuthType(t)).not.toContain('\n');
  });
});
