import { describe, expect, it } from 'vitest';
import { toExchange, type RawExchange } from './exchange';

const raw = (over: Partial<RawExchange>): RawExchange => ({
  index: 0, id: '1', time: 0, method: 'GET', url: 'https://jira.example.com/', status: 200, requestHeaders: [], responseHeaders: [], ...over,
});

describe('toExchange', () => {
  it('sanitizes headers and records cookie names and credentials', () => {
    const ex = toExchange(
      raw({
        requestHeaders: [
          { name: 'Cookie', value: 'JSESSIONID=SECRET1; atlassian.xsrf.token=T|lin' },
          { name: 'Authorization', value: 'Basic ZnJlZDpmcmVk' },
        ],
        responseHeaders: [{ name: 'Set-Cookie', value: 'JSESSIONID=SECRET2; Path=/' }, { name: 'X-AUSERNAME', value: 'fred' }],
      }),
    );
    expect(ex.cookiesSent).toEqual(['JSESSIONID', 'atlassian.xsrf.token']);
    expect(ex.credentials).toEqual({ scheme: 'basic', user: 'fred' });
    const text = JSON.stringify(ex);
    for (const s of ['SECRET1', 'SECRET2', 'ZnJlZDpmcmVk', 'T|lin']) expect(text).not.toContain(s);
    expect(ex.responseHeaders[1]).toEqual({ name: 'X-AUSERNAME', value: 'fred' });
  });
  it('reads body facts of the session endpoint and search without keeping bodies', () => {
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
    const who = toExchange(raw({ url: 'https://j/rest/auth/1/session', responseBody: { text: '{"name":"fred"}' } }));
    expect(who.bodyFacts).toEqual({ user: 'fred' });
    const search = toExchange(raw({ url: 'https://j/rest/api/2/search?jql=', responseBody: { text: '{"total":5,"issues":[]}' } }));
    expect(search.bodyFacts).toEqual({ searchTotal: 5 });
    const failed = toExchange(raw({ url: 'https://j/rest/x', status: 401, responseBody: { text: '{"errorMessages":["Login failed"]}' } }));
    expect(failed.bodyFacts).toEqual({ errorMessages: ['Login failed'] });
  });
  it('ignores broken or irrelevant bodies and redacts the URL', () => {
    expect(toExchange(raw({ url: 'https://j/rest/auth/1/session', responseBody: { text: '{"name": ' } })).bodyFacts).toBeUndefined();
    expect(toExchange(raw({ url: 'https://j/login.jsp?os_password=pw' })).url).toBe('https://j/login.jsp?os_password=%5Bredacted%202%5D');
  });
});
