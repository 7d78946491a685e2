/** The caps on what one record may store: what is cut, what survives, and that the analysis is unchanged. */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { capForStorage, capHeaderValue, capText, DISPLAY_HEADER_COUNT_CAP, DISPLAY_HEADER_VALUE_CAP, HEADER_VALUE_CAP } from './storage-caps';
import { LIVE_VIEW, toExchangeKeeping } from '../engine/intake/to-exchange';
import { readHar } from '../engine/har/har';
import { analyze } from '../engine/analysis/analyzer';
import { compactExchange } from '../engine/exchange/compact';
import type { CapturedExchange } from '../shared/protocol';

const FIXTURES = path.resolve(__dirname, '../../e2e/fixtures');

describe('storage caps', () => {
  it('keeps short values whole and cuts long ones to a prefix plus the count of characters cut', () => {
    expect(capText('short', 10)).toBe('short');
    const long = 'a'.repeat(60_000);
    const capped = capHeaderValue('WWW-Authenticate', long);
    expect(capped.length).toBeLessThanOrEqual(HEADER_VALUE_CAP);
    const m = /^(a+)…\[\+(\d+) chars\]$/.exec(capped)!;
    expect(m[1]!.length + Number(m[2])).toBe(60_000);
    expect(capHeaderValue('WWW-Authenticate', capped)).toBe(capped); // idempotent
  });

  it('never splits a surrogate pair', () => {
    const capped = capText('😀'.repeat(1000), 100);
    expect(capped.length).toBeLessThanOrEqual(100);
    expect(() => encodeURIComponent(capped)).not.toThrow();
  });

  it('a Set-Cookie with a huge value keeps its name and every attribute', () => {
    const value = `JSESSIONID=${'x'.repeat(60_000)}; Path=/; Expires=Wed, 01 Dec 2027 10:00:00 GMT; Max-Age=3600; HttpOnly; Secure`;
    const capped = capHeaderValue('Set-Cookie', value);
    expect(capped.length).toBeLessThanOrEqual(HEADER_VALUE_CAP);
    expect(capped).toMatch(/^JSESSIONID=x+…\[\+\d+ chars\]; Path=\/; Expires=Wed, 01 Dec 2027 10:00:00 GMT; Max-Age=3600; HttpOnly; Secure$/);
  });

  it('a 60 KB challenge keeps its scheme and realm start; the X-AREQUESTID beside it is untouched', () => {
    const ex = {
      id: '1', time: 0, method: 'GET', url: 'https://evil.atlassian.net/rest/api/2/myself', status: 401, cookiesSent: ['JSESSIONID'], credentials: null,
      requestHeaders: [{ name: 'Cookie', value: 'JSESSIONID=[redacted 32]' }],
      responseHeaders: [
        { name: 'WWW-Authenticate', value: `Basic realm="${'r'.repeat(60_000)}"` },
        { name: 'X-AREQUESTID', value: '600x1x1' },
      ],
    } satisfies Omit<CapturedExchange, 'index'>;
    const capped = capForStorage(ex);
    expect(JSON.stringify(capped).length).toBeLessThan(2000);
    expect(capped.responseHeaders[0]!.value.startsWith('Basic realm="rrr')).toBe(true);
    expect(capped.responseHeaders[1]).toBe(ex.responseHeaders[1]);
    expect(capped.requestHeaders).toBe(ex.requestHeaders);
  });

  it('a record with nothing long is returned as is (no copy per record)', () => {
    const ex = { id: '1', time: 0, method: 'GET', url: 'https://x/', status: 200, cookiesSent: [], credentials: null, requestHeaders: [], responseHeaders: [] };
    expect(capForStorage(ex)).toBe(ex);
  });

  it('the analysis finds the same in every fixture capture, capped or not, also with every value padded past the cap', () => {
    const hars = readdirSync(FIXTURES).filter((f) => f.endsWith('.har'));
    expect(hars.length).toBeGreaterThan(2);
    for (const file of hars) {
      const { exchanges } = readHar(readFileSync(path.join(FIXTURES, file), 'utf8'));
      const stored = exchanges.map((e) => compactExchange(e));
      const plain = analyze(stored);
      expect(analyze(stored.map((e) => capForStorage(e))), file).toEqual(plain);
      // Hostile servers pad realms and unknown headers: the findings' codes stay the same.
      const padded = stored.map((e) => ({ ...e, responseHeaders: [...e.responseHeaders, { name: 'X-Padding', value: 'p'.repeat(50_000) }] }));
      expect(analyze(padded.map((e) => capForStorage(e))).findings.map((f) => f.code), file).toEqual(plain.findings.map((f) => f.code));
    }
  });

  it('every header of a hostile answer: the analysed ones all kept, the shown ones bounded in number and length and counted, no secret', () => {
    const secret = 'Secret-planted-Q9x';
    const raw = {
      index: 0, id: '1', time: 0, method: 'GET', url: 'https://evil.atlassian.net/rest/api/2/myself', status: 401,
      requestHeaders: [
        { name: 'Authorization', value: `Bearer ${secret}${'t'.repeat(40_000)}` },
        { name: 'User-Agent', value: 'u'.repeat(50_000) },
        ...Array.from({ length: 300 }, (_, i) => ({ name: `X-Junk-${i}`, value: `${secret}-${i}` })),
      ],
      responseHeaders: [
        ...Array.from({ length: 500 }, (_, i) => ({ name: 'Server', value: `s${i}`.repeat(400) })),
        { name: 'WWW-Authenticate', value: 'Basic realm="x"' },
        ...Array.from({ length: 70 }, () => ({ name: 'Set-Cookie', value: `JSESSIONID=${secret}; Path=/` })),
        { name: 'X-AUSERNAME', value: 'anonymous' },
      ],
    };
    const { index: _i, ...ex } = compactExchange(toExchangeKeeping(raw, LIVE_VIEW));
    const stored = capForStorage(ex);
    const names = (hs: { name: string }[]) => hs.map((h) => h.name);
    // The analysed headers: every one, whatever came before them.
    expect(names(stored.responseHeaders).filter((n) => n !== 'Server')).toEqual(['WWW-Authenticate', ...Array(70).fill('Set-Cookie'), 'X-AUSERNAME']);
    expect(stored.requestHeaders[0]!.name).toBe('Authorization');
    // The shown ones: the first DISPLAY_HEADER_COUNT_CAP, each value bounded; the rest counted.
    expect(names(stored.responseHeaders).filter((n) => n === 'Server')).toHaveLength(DISPLAY_HEADER_COUNT_CAP);
    expect(names(stored.requestHeaders)).toHaveLength(1 + DISPLAY_HEADER_COUNT_CAP);
    expect(stored.headersCut).toEqual({ request: 301 - DISPLAY_HEADER_COUNT_CAP, response: 500 - DISPLAY_HEADER_COUNT_CAP });
    for (const h of [...stored.requestHeaders, ...stored.responseHeaders]) expect(h.value.length).toBeLessThanOrEqual(h.name === 'Authorization' || h.name === 'Set-Cookie' || h.name === 'WWW-Authenticate' ? HEADER_VALUE_CAP : DISPLAY_HEADER_VALUE_CAP);
    expect(stored.requestHeaders[1]!.value).toMatch(/^u+…\[\+\d+ chars\]$/);
    const json = JSON.stringify(stored);
    expect(json).not.toContain(secret);
    expect(json.length).toBeLessThan(80_000);
    // The analysis of the stored record is that of the whole one.
    expect(analyze([{ ...stored, index: 0 }])).toEqual(analyze([{ ...ex, index: 0 }]));
  });
});
