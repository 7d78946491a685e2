import { describe, expect, it } from 'vitest';
import { jsonTotal, outcomeOf, outcomeOfError, outcomeOfExchange, REDIRECT_NOT_FOLLOWED, userLabel, utf8Length, type ReplayResponse } from './outcome';
import { Traffic, JIRA } from '../test-support/exchanges';
import type { Header } from '../types';

const res = (status: number, headers: Header[], bodyText: string | null = null, over: Partial<ReplayResponse> = {}): ReplayResponse => ({
  status,
  url: `${JIRA}/rest/api/2/search?jql=x&os_authType=cookie`,
  headers,
  bodyText,
  type: 'basic',
  ...over,
});

describe('outcomeOf', () => {
  it('a signed-in search answer: user, no reason, total, UTF-8 size', () => {
    const body = '{"startAt":0,"maxResults":50,"total":200,"issues":[{"key":"ABC-1","fields":{"summary":"é"}}]}';
    const o = outcomeOf(res(200, [{ name: 'x-ausername', value: 'fred' }, { name: 'x-seraph-loginreason', value: 'OK' }], body));
    expect(o).toEqual({
      kind: 'response',
      status: 200,
      user: 'fred',
      anonymous: false,
      loginReason: { all: ['OK'], outcome: 'OK' },
      denied: null,
      challenges: [],
      bodySize: body.length + 1,
      searchTotal: 200,
      redirectedTo: null,
      note: null,
    });
  });

  it('X-AUSERNAME "anonymous" and a URL-encoded user name', () => {
    const anon = outcomeOf(res(200, [{ name: 'X-AUSERNAME', value: 'anonymous' }], '{"total":5,"issues":[]}'));
    expect([anon.user, anon.anonymous, userLabel(anon), anon.searchTotal]).toEqual([null, true, 'anonymous', 5]);
    const encoded = outcomeOf(res(200, [{ name: 'X-AUSERNAME', value: 'fr%C3%A9d+m%2Bx' }]));
    expect([encoded.user, encoded.anonymous, userLabel(encoded)]).toEqual(['fréd m+x', false, 'fréd m+x']);
    expect(userLabel(outcomeOf(res(200, [])))).toBe('—');
  });

  it('CAPTCHA: 403 with AUTHENTICATION_DENIED and the denied reason', () => {
    const o = outcomeOf(
      res(403, [
        { name: 'X-Seraph-LoginReason', value: 'AUTHENTICATION_DENIED' },
        { name: 'X-Authentication-Denied-Reason', value: 'CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp' },
        { name: 'X-AUSERNAME', value: 'anonymous' },
      ], ''),
    );
    expect(o.status).toBe(403);
    expect(o.loginReason).toEqual({ all: ['AUTHENTICATION_DENIED'], outcome: 'AUTHENTICATION_DENIED' });
    expect(o.denied).toEqual({ reason: 'CAPTCHA_CHALLENGE', loginUrl: 'https://jira.example.com/login.jsp' });
    expect(o.bodySize).toBe(0);
  });

  it('401 with challenges and several login reasons', () => {
    const o = outcomeOf(res(401, [
      { name: 'WWW-Authenticate', value: 'OAuth realm="https%3A%2F%2Fjira.example.com", Basic realm="protected-area"' },
      { name: 'X-Seraph-LoginReason', value: 'OUT, AUTHENTICATED_FAILED' },
    ], '<html>Basic Authentication Failure - Reason : AUTHENTICATED_FAILED</html>'));
    expect(o.challenges).toEqual(['OAuth', 'Basic']);
    expect(o.loginReason.outcome).toBe('AUTHENTICATED_FAILED');
    expect(o.searchTotal).toBeNull();
  });

  it('an opaque redirect is "redirect not followed", whatever else the response says', () => {
    const o = outcomeOf(res(0, [], null, { type: 'opaqueredirect' }));
    expect(o.kind).toBe('redirect-not-followed');
    expect(o.status).toBe(0);
    expect(o.note).toBe(REDIRECT_NOT_FOLLOWED);
    expect(REDIRECT_NOT_FOLLOWED).toMatch(/^redirect not followed/);
  });

  it('a followed redirect names the final URL, redacted', () => {
    const o = outcomeOf(res(200, [{ name: 'X-AUSERNAME', value: 'anonymous' }], '<html/>', { redirected: true, url: `${JIRA}/login.jsp?os_destination=%2Fx&token=abc123secret` }));
    expect(o.redirectedTo).toMatch(/^https:\/\/jira\.example\.com\/login\.jsp\?os_destination=%2Fx&token=%5Bredacted%20\d+%5D$/);
    expect(outcomeOf(res(302, [{ name: 'Location', value: `${JIRA}/login.jsp` }])).redirectedTo).toBe(`${JIRA}/login.jsp`);
  });

  it('no answer', () => {
    expect(outcomeOf(res(0, [], null, { type: 'error' }))).toMatchObject({ kind: 'no-response', status: 0, note: 'no answer (network error)' });
    expect(outcomeOfError('Failed to fetch')).toMatchObject({ kind: 'no-response', status: 0, note: 'Failed to fetch', user: null });
  });
});

describe('outcomeOfExchange', () => {
  const t = new Traffic();
  it('status, headers and body facts of the captured request', () => {
    const search = t.req('/rest/api/2/search?jql=project%3DABC', { user: 'anonymous', cookies: ['JSESSIONID'], responseBody: '{"startAt":0,"total":5,"issues":[]}' });
    expect(outcomeOfExchange(search)).toMatchObject({ kind: 'response', status: 200, user: null, anonymous: true, searchTotal: 5, bodySize: null });
  });
  it('the session endpoint names the user when X-AUSERNAME is absent', () => {
    const me = t.req('/rest/auth/1/session', { user: null, responseBody: '{"self":"x","name":"fred"}' });
    expect(outcomeOfExchange(me)).toMatchObject({ user: 'fred', anonymous: false });
  });
  it('a redirect keeps its (sanitized) Location; no response is no-response', () => {
    expect(outcomeOfExchange(t.req('/secure/Dashboard.jspa', { status: 302, location: `${JIRA}/login.jsp` })).redirectedTo).toBe(`${JIRA}/login.jsp`);
    expect(outcomeOfExchange(t.req('/x', { status: 0 })).kind).toBe('no-response');
  });
});

describe('helpers', () => {
  it('jsonTotal reads only a top-level non-negative integer total', () => {
    expect(['{"total":200}', ' {"issues":[],"total":0}', '{"total":"5"}', '{"total":-1}', '{"total":1.5}', '[{"total":3}]', '{"x":{"total":3}}', '{"total":3', 'total', ''].map(jsonTotal)).toEqual([
      200, 0, null, null, null, null, null, null, null, null,
    ]);
    expect(jsonTotal(null)).toBeNull();
  });
  it('utf8Length counts bytes like TextEncoder', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'x😀é€']) expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
  });
});
