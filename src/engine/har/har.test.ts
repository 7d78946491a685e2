import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readHar, HarError, exchangesToHar, fromHarEntry, fromDevtoolsHarEntry, jsonErrorPlace, checkHarDocument } from './har';
import { fuzz } from '../test-support/fuzz';

const entry = (over: Record<string, unknown> = {}) => ({
  startedDateTime: '2026-11-24T10:00:00.000Z',
  time: 12.5,
  request: { method: 'GET', url: 'https://jira.example.com/browse/ABC-1', headers: [{ name: 'Cookie', value: 'JSESSIONID=S3CRET' }] },
  response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: 'fred' }], content: { mimeType: 'text/html', text: '<html>' } },
  ...over,
});
const har = (entries: unknown[], version: unknown = '1.2') => JSON.stringify({ log: { version, creator: { name: 't', version: '1' }, entries } });

describe('readHar', () => {
  it('reads entries into sanitized exchanges, index = position in the file', () => {
    const r = readHar(har([entry(), entry({ _resourceType: 'document' })]));
    expect(r).toMatchObject({ entries: 2, skipped: 0 });
    expect(r.exchanges[1]).toMatchObject({ index: 1, type: 'document', method: 'GET', status: 200, durationMs: 12.5, time: Date.UTC(2026, 10, 24, 10), cookiesSent: ['JSESSIONID'] });
    expect(JSON.stringify(r)).not.toContain('S3CRET');
  });
  it('skips and counts malformed entries, reads odd ones leniently', () => {
    const r = readHar(har([null, 'x', { request: {} }, entry({ response: 'nope', startedDateTime: 'yesterday' }), entry({ request: { url: 'https://j/x', headers: 'bad' } })]));
    expect(r).toMatchObject({ entries: 5, skipped: 3 });
    expect(r.exchanges.map((e) => [e.index, e.status, e.time])).toEqual([[3, 0, 0], [4, 200, Date.UTC(2026, 10, 24, 10)]]);
  });
  it('skips entries without an absolute URL, reads a numeric-string status', () => {
    const r = readHar(har([entry({ request: { url: 'not a url' } }), entry({ request: { url: '' } }), entry({ response: { status: ' 401 ', headers: [] } }), entry({ response: { status: 1e9 } })]));
    expect(r).toMatchObject({ entries: 4, skipped: 2 });
    expect(r.exchanges.map((e) => [e.index, e.status])).toEqual([[2, 401], [3, 0]]);
  });
  it('places JSON errors by line and column, from V8\'s "position N" or its quoted excerpt', () => {
    const text = '{\n  "a": 1,\n  "b": x\n}';
    const at = text.indexOf('x');
    expect(jsonErrorPlace(text, new SyntaxError(`Unexpected token 'x' in JSON at position ${at}`))).toBe('line 3, column 8');
    expect(jsonErrorPlace(text, new SyntaxError('Expected property name (line 3 column 8)'))).toBe('line 3, column 8');
    expect(jsonErrorPlace('{"a": [1, 2', new SyntaxError('Unexpected end of JSON input'))).toBe('unexpected end of the file');
    let real = '';
    try {
      JSON.parse(text);
    } catch (e) {
      real = jsonErrorPlace(text, e);
    }
    expect(real).toBe('line 3, column 8');
  });
  it('checkHarDocument validates the shape without touching the entries', () => {
    const doc = { log: { version: '1.2', entries: [{ odd: true }] } };
    expect(() => checkHarDocument(doc)).not.toThrow();
    expect(doc.log.entries).toEqual([{ odd: true }]);
    // Sloppy writers put the version as a number: still HAR 1.x. Anything else is not.
    expect(() => checkHarDocument({ log: { version: 1.2, entries: [] } })).not.toThrow();
    for (const version of [2, '2.0', '1.2beta', true, {}, '']) expect(() => checkHarDocument({ log: { version, entries: [] } }), String(version)).toThrow(HarError);
  });
  it('names the problem of documents that are not HAR, in one line', () => {
    const fail = (text: string) => {
      try {
        readHar(text);
      } catch (e) {
        expect(e).toBeInstanceOf(HarError);
        expect((e as Error).message).not.toContain('\n');
        return (e as Error).message;
      }
      throw new Error('no error');
    };
    expect(fail('{"log": {"entries": [1,}')).toBe('not JSON: line 1, column 24');
    expect(fail('{\n  "log": {\n    "entries": [tru]\n}')).toBe('not JSON: line 3, column 20');
    expect(fail('[]')).toContain('top level is not an object');
    expect(fail('{"foo": 1}')).toContain('no "log" object');
    expect(fail('{"log": {"entries": {}}}')).toContain('"log.entries" is not an array');
    expect(fail(har([], '2.0'))).toContain('unsupported HAR version');
  });
  it('reads sloppy values leniently: header arrays and numbers, base64 JSON bodies', () => {
    const ex = fromHarEntry(
      entry({
        request: { method: 'POST', url: 'https://j/rest/auth/1/session', headers: [{ name: 'Cookie', value: ['a=1', 'JSESSIONID=2'] }, { name: 'Authorization', value: null }] },
        response: {
          status: 200,
          headers: [{ name: 'Set-Cookie', value: ['JSESSIONID=NEWSECRET; Path=/', 'x=1'] }, { name: 'X-AUSERNAME', value: 42 }],
          content: { mimeType: 'application/json', encoding: 'base64', text: Buffer.from('{"session":{"name":"JSESSIONID","value":"NEWSECRET"}}').toString('base64') },
        },
      }),
      0,
    )!;
    expect(ex.cookiesSent).toEqual(['a', 'JSESSIONID']);
    expect(ex.responseHeaders).toEqual([
      { name: 'Set-Cookie', value: 'JSESSIONID=[redacted 9]; Path=/\nx=[redacted 1]' },
      { name: 'X-AUSERNAME', value: '42' },
    ]);
    expect(ex.bodyFacts).toEqual({ sessionCookieName: 'JSESSIONID' });
    expect(JSON.stringify(ex)).not.toContain('NEWSECRET');
  });
  it('accepts missing or 1.1 versions and a BOM', () => {
    expect(readHar('\ufeff' + har([entry()], undefined)).exchanges).toHaveLength(1);
    expect(readHar(har([entry()], '1.1')).exchanges).toHaveLength(1);
  });
  it('reads a several-MB file', () => {
    const big = har(Array.from({ length: 5000 }, (_, i) => entry({ request: { method: 'GET', url: `https://j.example/rest/x/${i}`, headers: [{ name: 'X-Pad', value: 'p'.repeat(800) }] } })));
    expect(big.length).toBeGreaterThan(4_000_000);
    expect(readHar(big).exchanges).toHaveLength(5000);
  });
  it('throws nothing but HarError, whatever the input', () => {
    const check = (text: string) => {
      try {
        readHar(text);
      } catch (e) {
        expect(e).toBeInstanceOf(HarError);
      }
    };
    fc.assert(fc.property(fc.string({ maxLength: 200 }), check), fuzz(21, 500));
    fc.assert(fc.property(fc.jsonValue(), (v) => check(JSON.stringify({ log: { entries: [v, { request: v, response: v }] } }))), fuzz(22, 500));
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        check(JSON.stringify(v) ?? 'undefined');
        check(JSON.stringify({ log: v }));
        check(JSON.stringify({ log: { version: v, entries: [] } }));
      }),
      fuzz(23, 500),
    );
    check('['.repeat(100_000));
  });
});

describe('exchangesToHar', () => {
  it('writes HAR 1.2 that reads back to the same exchanges', () => {
    const { exchanges } = readHar(har([entry(), entry({ _resourceType: 'xhr' })]));
    const doc = exchangesToHar(exchanges, { name: 'Seraph Lens', version: '0.1.0' });
    expect(doc.log.version).toBe('1.2');
    expect(doc.log.entries[0]).toHaveProperty('request.queryString');
    // The fields HAR 1.2 requires of a log and its entries.
    expect(Object.keys(doc.log)).toEqual(expect.arrayContaining(['version', 'creator', 'entries']));
    for (const e of doc.log.entries) {
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['startedDateTime', 'time', 'request', 'response', 'cache', 'timings']));
      expect(Object.keys(e.request)).toEqual(expect.arrayContaining(['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize']));
      expect(Object.keys(e.response)).toEqual(expect.arrayContaining(['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize']));
      expect(e.response.content).toMatchObject({ size: -1, mimeType: expect.any(String) });
      expect(e.timings).toMatchObject({ send: 0, wait: expect.any(Number), receive: 0 });
    }
    const back = readHar(JSON.stringify(doc)).exchanges;
    expect(back.map(({ bodyFacts: _b, ...e }) => e)).toEqual(exchanges.map(({ bodyFacts: _b, ...e }) => e));
  });
  it('writes exchanges with impossible times or durations without throwing', () => {
    const [ex] = readHar(har([entry()])).exchanges;
    const doc = exchangesToHar([{ ...ex!, time: NaN, durationMs: -5 }, { ...ex!, time: 9e15, durationMs: NaN }], { name: 't', version: '1' });
    expect(doc.log.entries.map((e) => [e.startedDateTime, e.time])).toEqual([['1970-01-01T00:00:00.000Z', 0], ['1970-01-01T00:00:00.000Z', 0]]);
  });
  it('fromDevtoolsHarEntry is the same reader as the file\'s', () => {
    expect(fromDevtoolsHarEntry).toBe(fromHarEntry);
    expect(fromDevtoolsHarEntry(entry(), 7)?.index).toBe(7);
    expect(fromDevtoolsHarEntry({}, 0)).toBeNull();
  });
});

describe('hostile header values', () => {
  it('an array item that is an object with its own toString is read as empty, never called', () => {
    const har = { log: { version: '1.2', entries: [{ startedDateTime: '2026-11-24T10:00:00Z', request: { method: 'GET', url: 'https://jira.example.com/', headers: [{ name: 'Set-Cookie', value: [{ toString: 1 }, 'JSESSIONID=A; Path=/'] }] }, response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: [{ toString: 1 }, 'fred'] }] } }] } };
    const { exchanges } = readHar(JSON.stringify(har));
    expect(exchanges[0]!.responseHeaders).toEqual([{ name: 'X-AUSERNAME', value: '\nfred' }]);
  });
});
