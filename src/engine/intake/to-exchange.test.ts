import { afterEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { toExchange, type RawExchange } from './to-exchange';
import { redactUrl, sanitizeHeader } from '../redact/redact';
import { fuzz } from '../test-support/fuzz';

const raw = (over: Partial<RawExchange>): RawExchange => ({
  index: 0, id: '1', time: 0, method: 'GET', url: 'https://jira.example.com/', status: 200, requestHeaders: [], responseHeaders: [], ...over,
});

afterEach(() => vi.restoreAllMocks());

describe('toExchange', () => {
  it('sanitizes headers and records cookie names and credentials', () => {
    const ex = toExchange(
      raw({
        requestHeaders: [
          { name: 'Cookie', value: 'JSESSIONID=SECRET1; atlassian.xsrf.token=T|lin' },
          { name: 'Authorization', value: 'Basic ZnJlZDpmcmVk' },
        ],
        responseHeaders: [
          { name: 'Set-Cookie', value: 'JSESSIONID=SECRET2; Path=/' },
          { name: 'X-AUSERNAME', value: 'fred' },
          { name: 'Location', value: 'https://jira.example.com/cb?token=SECRET3' },
        ],
      }),
    );
    expect(ex.cookiesSent).toEqual(['JSESSIONID', 'atlassian.xsrf.token']);
    expect(ex.credentials).toMatchObject({ scheme: 'basic', user: 'fred' });
    const text = JSON.stringify(ex);
    for (const s of ['SECRET1', 'SECRET2', 'SECRET3', 'ZnJlZDpmcmVk', 'T|lin']) expect(text).not.toContain(s);
    expect(ex.responseHeaders[1]).toEqual({ name: 'X-AUSERNAME', value: 'fred' });
  });
  it('cookies from several Cookie headers, duplicates kept; a bare token is no scheme name', () => {
    const ex = toExchange(raw({ requestHeaders: [{ name: 'cookie', value: 'a=1; JSESSIONID=2' }, { name: 'COOKIE', value: 'JSESSIONID=3' }, { name: 'Authorization', value: 'tok3n-SECRET' }] }));
    expect(ex.cookiesSent).toEqual(['a', 'JSESSIONID', 'JSESSIONID']);
    expect(ex.credentials).toMatchObject({ scheme: 'other', name: '(no scheme)' });
    expect(JSON.stringify(ex)).not.toContain('tok3n');
  });
  it('reads body facts of the session endpoint, login forms and search without keeping bodies', () => {
    const login = toExchange(
      raw({
        method: 'post',
        url: 'https://jira.example.com/rest/auth/1/session',
        requestBody: { text: '{"username":"fred","password":"pw-secret"}' },
        responseBody: { text: '{"session":{"name":"JSESSIONID","value":"SESSIONVALUE"}}' },
      }),
    );
    expect(login.method).toBe('POST');
    expect(login.bodyFacts).toEqual({ user: 'fred', sessionCookieName: 'JSESSIONID' });
    expect(JSON.stringify(login)).not.toMatch(/pw-secret|SESSIONVALUE/);
    const form = toExchange(raw({ method: 'POST', url: 'https://j/login.jsp', requestBody: { text: 'os_username=fr%C3%A9d&os_password=pw-secret&login=Log+In' } }));
    expect(form.bodyFacts).toEqual({ user: 'fréd' });
    const confluence = toExchange(raw({ method: 'POST', url: 'https://wiki/dologin.action', requestBody: { text: 'os_username=fred+x&os_password=p' } }));
    expect(confluence.bodyFacts).toEqual({ user: 'fred x' });
    const who = toExchange(raw({ url: 'https://j/rest/auth/1/session', responseBody: { text: '{"name":"fred"}' } }));
    expect(who.bodyFacts).toEqual({ user: 'fred' });
    const search = toExchange(raw({ url: 'https://j/rest/api/2/search?jql=', responseBody: { text: '{"expand":"names","startAt":0,"maxResults":50,"total":5,"issues":[]}' } }));
    expect(search.bodyFacts).toEqual({ searchTotal: 5 });
    const failed = toExchange(raw({ url: 'https://j/rest/x', status: 401, responseBody: { text: '{"errorMessages":["Login failed", "bad token=abc123", 7]}' } }));
    expect(failed.bodyFacts).toEqual({ errorMessages: ['Login failed', 'bad token=%5Bredacted%206%5D'] });
  });
  it('ignores broken or irrelevant bodies and redacts the URL', () => {
    expect(toExchange(raw({ url: 'https://j/rest/auth/1/session', responseBody: { text: '{"name": ' } })).bodyFacts).toBeUndefined();
    expect(toExchange(raw({ url: 'https://j/rest/auth/1/session', status: 401, responseBody: { text: '{"name":"fred"}' } })).bodyFacts).toBeUndefined();
    expect(toExchange(raw({ url: 'https://j/rest/auth/1/session', responseBody: { text: '{"name":{"__proto__":1}}' } })).bodyFacts).toBeUndefined();
    expect(toExchange(raw({ url: 'https://j/login.jsp?os_password=pw' })).url).toBe('https://j/login.jsp?os_password=%5Bredacted%202%5D');
  });
  it('does not parse megabytes of body the URL makes irrelevant', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const big = JSON.stringify({ issues: Array.from({ length: 30_000 }, (_, i) => ({ key: `ABC-${i}`, summary: 'x'.repeat(100) })) });
    const t = performance.now();
    expect(toExchange(raw({ url: 'https://j/rest/api/2/issue/ABC-1', responseBody: { text: big, mimeType: 'application/json' } })).bodyFacts).toBeUndefined();
    expect(toExchange(raw({ url: 'https://j/rest/api/2/search', responseBody: { text: `{"total":30000,${big.slice(1)}` } })).bodyFacts).toEqual({ searchTotal: 30000 });
    expect(parse).not.toHaveBeenCalled();
    expect(performance.now() - t).toBeLessThan(200);
  });
  it('an exchange built from sanitized headers and URL (a redacted HAR) equals the original', () => {
    const header = fc.oneof(
      fc.record({ name: fc.constantFrom('Authorization', 'authorization', 'Cookie'), value: fc.string({ maxLength: 80, unit: 'binary' }) }),
      fc.record({ name: fc.constant('Authorization'), value: fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })).map(([u, p]) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`) }),
      fc.record({ name: fc.constant('Cookie'), value: fc.array(fc.tuple(fc.constantFrom('JSESSIONID', 'a', ' b', ''), fc.string({ maxLength: 12 })).map(([n, v]) => `${n}=${v}`), { maxLength: 4 }).map((p) => p.join('; ')) }),
    );
    const url = fc.constantFrom('https://j/', 'https://j/login.jsp?os_password=x&os_authType=cookie', 'https://j/a;jsessionid=ABC?token=t#access_token=q', 'https://u:p@j/rest/api/2/myself');
    fc.assert(
      fc.property(fc.array(header, { maxLength: 4 }), fc.array(header, { maxLength: 2 }), url, (req, res, u) => {
        const original = toExchange(raw({ url: u, requestHeaders: req, responseHeaders: res }));
        const sanitize = (hs: { name: string; value: string }[]) => hs.map((h) => ({ name: h.name, value: sanitizeHeader(h.name, h.value) }));
        const again = toExchange(raw({ url: redactUrl(u), requestHeaders: sanitize(req), responseHeaders: sanitize(res) }));
        expect(again).toEqual(original);
      }),
      fuzz(51, 400),
    );
  });
});
