import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { authorizationValue, base64Utf8, BODY_NOT_CAPTURED_NOTE, fetchInit, planReplay, replayableHeaders, type CredentialSource, type PlanResult, type ReplayPlan, type ReplayableRequest } from './plan';
import { Traffic, JIRA, CLOUD } from '../test-support/exchanges';
import { fuzz } from '../test-support/fuzz';
import type { Header } from '../types';

const t = new Traffic();
/** A captured page: goes through toExchange, so Cookie and Authorization are sanitized like real traffic. */
const captured = t.req('/issues/?jql=project%3DABC#top', { cookies: ['JSESSIONID', 'atlassian.xsrf.token'], basic: ['fred', 'hunter2'] });

const raw = (headers: Header[], over: Partial<ReplayableRequest> = {}): ReplayableRequest => ({ method: 'GET', url: `${JIRA}/rest/api/2/search?jql=a+b`, requestHeaders: headers, ...over });

const ok = (r: PlanResult): ReplayPlan => {
  if (!r.ok) throw new Error(r.error);
  return r.plan;
};
const err = (r: PlanResult): string => {
  if (r.ok) throw new Error('expected an error');
  return r.error;
};
const basic = (over: Partial<Extract<CredentialSource, { kind: 'basic' }>> = {}): CredentialSource => ({ kind: 'basic', username: 'fred', secret: 'fred', origin: JIRA, ...over });

describe('replayableHeaders', () => {
  it('drops forbidden, hop-by-hop, credential, pseudo and redacted headers; keeps X-Atlassian-Token and the rest in order', () => {
    const headers: Header[] = [
      { name: ':authority', value: 'jira.example.com' },
      { name: 'Accept', value: 'application/json' },
      { name: 'Host', value: 'jira.example.com' },
      { name: 'Cookie', value: 'JSESSIONID=[redacted 32]' },
      { name: 'Authorization', value: 'Basic [redacted 12 user=fred]' },
      { name: 'Proxy-Authorization', value: 'Basic eHg6eXk=' },
      { name: 'Connection', value: 'keep-alive' },
      { name: 'Keep-Alive', value: 'timeout=5' },
      { name: 'Transfer-Encoding', value: 'chunked' },
      { name: 'TE', value: 'trailers' },
      { name: 'Upgrade', value: 'h2c' },
      { name: 'Content-Length', value: '12' },
      { name: 'Origin', value: JIRA },
      { name: 'Referer', value: `${JIRA}/` },
      { name: 'Sec-Fetch-Mode', value: 'cors' },
      { name: 'sec-ch-ua', value: '"x"' },
      { name: 'Accept-Encoding', value: 'gzip' },
      { name: 'Accept-Charset', value: 'utf-8' },
      { name: 'DNT', value: '1' },
      { name: 'Date', value: 'x' },
      { name: 'Expect', value: '100-continue' },
      { name: 'Via', value: '1.1 proxy' },
      { name: 'X-Atlassian-Token', value: 'no-check' },
      { name: 'X-Api-Key', value: '[redacted 12]' },
      { name: 'X-HTTP-Method-Override', value: 'DELETE' },
      { name: 'Bad Name', value: 'x' },
      { name: 'X-Folded', value: 'a\r\nX-Injected: 1' },
      { name: 'Content-Type', value: ' application/json ' },
    ];
    const r = replayableHeaders(headers);
    expect(r.headers).toEqual([
      { name: 'Accept', value: 'application/json' },
      { name: 'X-Atlassian-Token', value: 'no-check' },
      { name: 'Content-Type', value: 'application/json' },
    ]);
    expect(r.notes).toEqual([
      'The captured Authorization header is not replayed (its secret was never stored); choose typed credentials to send some.',
      'X-Api-Key was redacted at capture and is left out.',
      'X-HTTP-Method-Override was left out: it changes the method the server runs.',
      'A header with an invalid name was left out.',
      'X-Folded has a line break in its value and is left out.',
    ]);
  });
});

describe('planReplay', () => {
  it('browser cookies: os_authType set, fragment dropped, cookies from the browser, captured credentials not replayed', () => {
    const p = ok(planReplay(captured, { authType: 'cookie', source: { kind: 'browser' } }));
    expect(p).toEqual({
      method: 'GET',
      url: `${JIRA}/issues/?jql=project%3DABC&os_authType=cookie`,
      origin: JIRA,
      headers: [],
      credentials: 'include',
      redirect: 'follow',
      needsConfirmation: false,
      notes: ['The captured Authorization header is not replayed (its secret was never stored); choose typed credentials to send some.'],
    });
  });

  it('anonymous: no cookies, no Authorization, redirects followed', () => {
    const p = ok(planReplay(captured, { authType: null, source: { kind: 'anonymous' } }));
    expect(p.credentials).toBe('omit');
    expect(p.redirect).toBe('follow');
    expect(p.url).toBe(`${JIRA}/issues/?jql=project%3DABC`);
    expect(p.headers.some((h) => /^(authorization|cookie)$/i.test(h.name))).toBe(false);
  });

  it('typed Basic: base64 of UTF-8 user:secret, Authorization last, no cookies, redirects not followed', () => {
    const p = ok(planReplay(raw([{ name: 'Accept', value: 'application/json' }]), { authType: 'basic', source: basic() }));
    expect(p.headers).toEqual([{ name: 'Accept', value: 'application/json' }, { name: 'Authorization', value: 'Basic ZnJlZDpmcmVk' }]);
    expect(p).toMatchObject({ url: `${JIRA}/rest/api/2/search?jql=a+b&os_authType=basic`, credentials: 'omit', redirect: 'manual' });
    const cloud = ok(planReplay(raw([], { url: `${CLOUD}/rest/api/3/myself` }), { authType: null, source: basic({ username: 'user@example.com', secret: 'user_api_token', origin: CLOUD }) }));
    expect(cloud.headers).toEqual([{ name: 'Authorization', value: 'Basic dXNlckBleGFtcGxlLmNvbTp1c2VyX2FwaV90b2tlbg==' }]);
    const utf8 = ok(planReplay(raw([]), { authType: null, source: basic({ username: 'frédéric', secret: 'pä:ss😀' }) }));
    expect(utf8.headers).toEqual([{ name: 'Authorization', value: `Basic ${Buffer.from('frédéric:pä:ss😀', 'utf8').toString('base64')}` }]);
  });

  it('bearer token (Data Center PAT), trimmed; the origin may be typed with a path or in another case', () => {
    const p = ok(planReplay(raw([]), { authType: null, source: { kind: 'bearer', token: ' NjQ2-pat_fred ', origin: 'HTTPS://JIRA.example.com/login.jsp' } }));
    expect(p.headers).toEqual([{ name: 'Authorization', value: 'Bearer NjQ2-pat_fred' }]);
    expect(p.redirect).toBe('manual');
    expect(p.credentials).toBe('omit');
  });

  it('never plans typed credentials for another origin', () => {
    for (const origin of ['https://evil.example', 'http://jira.example.com', 'https://jira.example.com:8443', 'https://jira.example.com.evil.example']) {
      expect(err(planReplay(captured, { authType: 'basic', source: basic({ origin }) }))).toBe(`Credentials typed for ${new URL(origin).origin} are never sent to ${JIRA}.`);
      expect(planReplay(captured, { authType: null, source: { kind: 'bearer', token: 'x', origin } }).ok).toBe(false);
    }
    expect(err(planReplay(captured, { authType: null, source: basic({ origin: 'not a url' }) }))).toBe('The credentials were typed for an invalid origin.');
    // a URL whose authority tricks naive parsing still has the real origin
    expect(err(planReplay(raw([], { url: 'https://evil.example\\@jira.example.com/x' }), { authType: null, source: basic() }))).toBe(`Credentials typed for ${JIRA} are never sent to https://evil.example.`);
  });

  it('non-GET needs confirmation and says the body is not sent; GET and HEAD do not', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'post']) {
      const p = ok(planReplay(raw([], { method }), { authType: null, source: { kind: 'browser' } }));
      expect(p.needsConfirmation).toBe(true);
      expect(p.method).toBe(method.toUpperCase());
      expect(p.notes[0]).toBe(BODY_NOT_CAPTURED_NOTE);
    }
    for (const method of ['GET', 'HEAD']) {
      const p = ok(planReplay(raw([], { method }), { authType: null, source: { kind: 'browser' } }));
      expect(p.needsConfirmation).toBe(false);
      expect(p.notes).toEqual([]);
    }
  });

  it('redacted query parameters are left out with a note', () => {
    const p = ok(planReplay(raw([], { url: `${JIRA}/login.jsp?os_username=fred&os_password=%5Bredacted%207%5D&x=1` }), { authType: 'cookie', source: { kind: 'browser' } }));
    expect(p.url).toBe(`${JIRA}/login.jsp?x=1&os_authType=cookie`);
    expect(p.notes).toEqual([
      'The query parameter os_username was redacted at capture and is left out.',
      'The query parameter os_password was redacted at capture and is left out.',
    ]);
  });

  it('clear errors for bad input', () => {
    expect(err(planReplay(captured, { authType: null, source: basic({ username: '' }) }))).toBe('Type the user name (Atlassian Cloud: your account email).');
    expect(err(planReplay(captured, { authType: null, source: basic({ username: '  ' }) }))).toBe('Type the user name (Atlassian Cloud: your account email).');
    expect(err(planReplay(captured, { authType: null, source: basic({ secret: '' }) }))).toBe('Type the password (Atlassian Cloud: an API token).');
    expect(err(planReplay(captured, { authType: null, source: basic({ username: 'a:b' }) }))).toBe('A user name for Basic authentication cannot contain ":".');
    expect(err(planReplay(captured, { authType: null, source: basic({ secret: 'x\r\nX-Injected: 1' }) }))).toBe('The credentials contain a line break or another control character; type them again.');
    expect(err(planReplay(captured, { authType: null, source: { kind: 'bearer', token: 'abc\r\nX-Injected: 1', origin: JIRA } }))).toBe('The token contains a line break or another control character; paste it again.');
    expect(err(planReplay(captured, { authType: null, source: { kind: 'bearer', token: 'a b', origin: JIRA } }))).toBe('The token contains spaces or non-ASCII characters; paste it again.');
    expect(err(planReplay(captured, { authType: null, source: { kind: 'bearer', token: '  ', origin: JIRA } }))).toBe('Type the personal access token.');
    expect(err(planReplay({ ...captured, url: 'javascript:alert(1)' }, { authType: null, source: { kind: 'browser' } }))).toBe('Only http(s) URLs can be replayed: javascript:alert(1)');
    expect(err(planReplay({ ...captured, method: 'TRACE' }, { authType: null, source: { kind: 'browser' } }))).toBe('The method TRACE cannot be replayed.');
    expect(err(planReplay({ ...captured, method: 'GE T' }, { authType: null, source: { kind: 'browser' } }))).toBe('The method GE T cannot be replayed.');
  });

  it('fetchInit carries the plan and never a referrer or a cached answer', () => {
    const p = ok(planReplay(raw([{ name: 'Accept', value: 'application/json' }]), { authType: 'basic', source: basic() }));
    expect(fetchInit(p)).toEqual({
      method: 'GET',
      headers: [['Accept', 'application/json'], ['Authorization', 'Basic ZnJlZDpmcmVk']],
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
  });
});

describe('base64Utf8 / authorizationValue', () => {
  it('matches Node for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        expect(base64Utf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
      }),
      fuzz(1207, 200),
    );
    expect(base64Utf8('\ud800')).toBe(Buffer.from('\ufffd', 'utf8').toString('base64'));
  });
  it('the reference examples', () => {
    expect(authorizationValue({ kind: 'basic', username: 'fred', secret: 'fred', origin: JIRA })).toEqual({ ok: true, value: 'Basic ZnJlZDpmcmVk' });
  });
});
