import { describe, expect, it } from 'vitest';
import { RequestAssembler, toHeaders, utf8FromByteString } from './webrequest-adapter';

const base = { url: 'https://acme.atlassian.net/rest/api/2/search', method: 'GET', tabId: 3, frameId: 0, type: 'xmlhttprequest' };

describe('RequestAssembler', () => {
  it('pairs the sent request headers with the response of the same requestId', () => {
    const a = new RequestAssembler();
    a.onSendHeaders({ ...base, requestId: '1', timeStamp: 1000, requestHeaders: [{ name: 'Cookie', value: 'JSESSIONID=abc' }] });
    const raw = a.onHeadersReceived({ ...base, requestId: '1', timeStamp: 1250.7, statusCode: 401, responseHeaders: [{ name: 'X-AUSERNAME', value: 'anonymous' }] });
    expect(raw).toMatchObject({ id: '1', time: 1000, durationMs: 251, status: 401, tabId: 3 });
    expect(raw.requestHeaders).toEqual([{ name: 'Cookie', value: 'JSESSIONID=abc' }]);
    expect(raw.responseHeaders).toEqual([{ name: 'X-AUSERNAME', value: 'anonymous' }]);
    expect(a.pendingCount).toBe(0);
  });

  it('makes one exchange per redirect hop, each with its own request headers', () => {
    const a = new RequestAssembler();
    a.onSendHeaders({ ...base, requestId: '7', timeStamp: 1, requestHeaders: [{ name: 'Cookie', value: 'a=1' }] });
    const hop1 = a.onHeadersReceived({ ...base, requestId: '7', timeStamp: 2, statusCode: 302 });
    a.onSendHeaders({ ...base, url: base.url + '?x', requestId: '7', timeStamp: 3, requestHeaders: [] });
    const hop2 = a.onHeadersReceived({ ...base, url: base.url + '?x', requestId: '7', timeStamp: 4, statusCode: 200 });
    expect(hop1.requestHeaders).toHaveLength(1);
    expect(hop2.requestHeaders).toHaveLength(0);
    expect(hop2.url.endsWith('?x')).toBe(true);
  });

  it('still records a response whose request was seen before a worker restart', () => {
    const raw = new RequestAssembler().onHeadersReceived({ ...base, requestId: '9', timeStamp: 5, statusCode: 200 });
    expect(raw).toMatchObject({ time: 5, durationMs: 0, requestHeaders: [] });
  });

  it('bounds the requests still waiting for a response', () => {
    const a = new RequestAssembler();
    for (let i = 0; i < 5000; i++) a.onSendHeaders({ ...base, requestId: String(i), timeStamp: i });
    expect(a.pendingCount).toBe(2000);
    // The oldest went first: the newest still pairs with its response.
    expect(a.onHeadersReceived({ ...base, requestId: '4999', timeStamp: 6000, statusCode: 200 }).time).toBe(4999);
    expect(a.onHeadersReceived({ ...base, requestId: '0', timeStamp: 6000, statusCode: 200 }).time).toBe(6000);
    expect(a.pendingCount).toBe(1999);
  });
});

describe('toHeaders', () => {
  it('decodes binary values byte for byte and keeps order and duplicates', () => {
    expect(
      toHeaders([
        { name: 'Set-Cookie', value: 'a=1' },
        { name: 'X-AUSERNAME', binaryValue: [0x6a, 0xf6, 0x72, 0x67] },
        { name: 'Set-Cookie', value: 'b=2' },
        { name: 'Empty' },
      ]),
    ).toEqual([
      { name: 'Set-Cookie', value: 'a=1' },
      { name: 'X-AUSERNAME', value: 'jörg' },
      { name: 'Set-Cookie', value: 'b=2' },
      { name: 'Empty', value: '' },
    ]);
  });
});

describe('utf8FromByteString (Firefox gives header bytes as Latin-1 characters)', () => {
  const asFirefoxGivesIt = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  it('decodes UTF-8 bytes the way Chromium does', () => {
    for (const name of ['محمد', '山田太郎', 'Łukasz', 'admin\u202Egnp']) expect(utf8FromByteString(asFirefoxGivesIt(name))).toBe(name);
    expect(toHeaders([{ name: 'X-AUSERNAME', value: asFirefoxGivesIt('محمد') }])).toEqual([{ name: 'X-AUSERNAME', value: 'محمد' }]);
  });
  it('leaves ASCII, text already decoded and bytes that are not UTF-8 as they are', () => {
    for (const v of ['fred', '%D9%85', 'Müller', 'é', '山田', '\u00ff\u00fe']) expect(utf8FromByteString(v)).toBe(v);
  });
});

describe('RequestAssembler: form posts to SSO consumers', () => {
  const post = { ...base, url: 'https://jira.example.com/plugins/servlet/samlconsumer', method: 'POST', type: 'main_frame' };

  it('gives the response the form fields as urlencoded text, as a HAR postData holds them, and only its first hop', () => {
    const a = new RequestAssembler();
    a.onBeforeRequest({ ...post, requestId: '5', timeStamp: 1, requestBody: { formData: { SAMLResponse: ['PHNhbWw+a+b/='], RelayState: ['/browse/X-1'] } } });
    const hop1 = a.onHeadersReceived({ ...post, requestId: '5', timeStamp: 2, statusCode: 302 });
    expect(hop1.requestBody).toEqual({ text: 'SAMLResponse=PHNhbWw%2Ba%2Bb%2F%3D&RelayState=%2Fbrowse%2FX-1', mimeType: 'application/x-www-form-urlencoded' });
    expect(new URLSearchParams(hop1.requestBody!.text).get('SAMLResponse')).toBe('PHNhbWw+a+b/=');
    const hop2 = a.onHeadersReceived({ ...post, method: 'GET', requestId: '5', timeStamp: 3, statusCode: 200 });
    expect(hop2.requestBody).toBeUndefined();
    expect(a.pendingCount).toBe(0);
  });

  it('keeps nothing for a GET, a body that is not a form, an oversized form, or an error', () => {
    const a = new RequestAssembler();
    a.onBeforeRequest({ ...post, method: 'GET', requestId: '1', timeStamp: 1, requestBody: { formData: { a: ['1'] } } });
    a.onBeforeRequest({ ...post, requestId: '2', timeStamp: 1, requestBody: { raw: [{ bytes: new ArrayBuffer(8) }] } });
    a.onBeforeRequest({ ...post, requestId: '3', timeStamp: 1, requestBody: { formData: { SAMLResponse: ['x'.repeat(600_000)] } } });
    a.onBeforeRequest({ ...post, requestId: '4', timeStamp: 1, requestBody: { error: 'Unknown error.' } });
    a.onBeforeRequest({ ...post, requestId: '6', timeStamp: 1, requestBody: null });
    expect(a.pendingCount).toBe(0);
  });

  it('bounds the forms waiting for a response', () => {
    const a = new RequestAssembler();
    for (let i = 0; i < 100; i++) a.onBeforeRequest({ ...post, requestId: String(i), timeStamp: i, requestBody: { formData: { SAMLResponse: [String(i)] } } });
    expect(a.pendingCount).toBe(20);
    expect(a.onHeadersReceived({ ...post, requestId: '99', timeStamp: 200, statusCode: 302 }).requestBody?.text).toBe('SAMLResponse=99');
    expect(a.onHeadersReceived({ ...post, requestId: '0', timeStamp: 200, statusCode: 302 }).requestBody).toBeUndefined();
  });
});
