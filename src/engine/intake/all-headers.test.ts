/**
 * The panel's exchanges keep every header (ExchangeOptions.allHeaders), each sanitized by the one redaction
 * policy, and the analysis of them is exactly the analysis of the compact ones: same findings, sessions,
 * origins and SSO entries for every fixture and real recording.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IMPORT_VIEW, LIVE_VIEW, toExchange, toExchangeKeeping, type RawExchange } from './to-exchange';
import { readHar } from '../har/har';
import { readHarText } from '../har/har-slices';
import { analyze } from '../analysis/analyzer';
import { isKeptHeader } from '../exchange/compact';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIRS = [path.resolve(HERE, '../../../e2e/fixtures'), path.resolve(HERE, '../../../../shared/real-traffic')].filter((d) => existsSync(d));

const raw: RawExchange = {
  index: 0,
  id: '0',
  time: Date.UTC(2026, 11, 7, 10, 0, 0),
  method: 'GET',
  url: 'https://jira.example.com/rest/api/2/myself',
  status: 200,
  requestHeaders: [
    { name: 'Authorization', value: `Basic ${btoa('fred:hunter2-secret')}` },
    { name: 'Cookie', value: 'JSESSIONID=ABCDEF0123456789SECRET; atlassian.xsrf.token=B1_abc|lin' },
    { name: 'Accept', value: 'application/json' },
    { name: 'User-Agent', value: 'Mozilla/5.0' },
    { name: 'X-Api-Key', value: 'key-planted-99' },
  ],
  responseHeaders: [
    { name: 'Date', value: 'Mon, 07 Dec 2026 10:00:00 GMT' },
    { name: 'Server', value: 'nginx' },
    { name: 'Via', value: '1.1 proxy.example.com' },
    { name: 'Content-Type', value: 'application/json;charset=UTF-8' },
    { name: 'X-AUSERNAME', value: 'fred' },
    { name: 'X-Vendor-Session', value: 'vendor-session-planted-77' },
  ],
};

describe('every header, for the panel', () => {
  it('keeps every header, names as sent and in wire order, each value through the redaction policy', () => {
    const ex = toExchangeKeeping(raw, LIVE_VIEW);
    expect(ex.requestHeaders.map((h) => h.name)).toEqual(['Authorization', 'Cookie', 'Accept', 'User-Agent', 'X-Api-Key']);
    expect(ex.responseHeaders.map((h) => [h.name, h.value])).toEqual([
      ['Date', 'Mon, 07 Dec 2026 10:00:00 GMT'],
      ['Server', 'nginx'],
      ['Via', '1.1 proxy.example.com'],
      ['Content-Type', 'application/json;charset=UTF-8'],
      ['X-AUSERNAME', 'fred'],
      // Not in the policy: fails closed, the name stays, the value goes.
      ['X-Vendor-Session', '[redacted 25]'],
    ]);
    expect(ex.requestHeaders[0]!.value).toMatch(/^Basic \[redacted \d+ user=fred( shape=[a-z-]+)?\]$/);
    expect(ex.requestHeaders[4]!.value).toBe('[redacted 14]');
    const text = JSON.stringify(ex);
    for (const secret of ['hunter2-secret', btoa('fred:hunter2-secret'), 'ABCDEF0123456789SECRET', 'key-planted-99', 'vendor-session-planted-77']) expect(text).not.toContain(secret);
  });

  it('without the option only the headers the analysis reads are kept (the CLI)', () => {
    const ex = toExchange(raw);
    expect([...ex.requestHeaders, ...ex.responseHeaders].every((h) => isKeptHeader(h.name))).toBe(true);
    expect(ex.responseHeaders.map((h) => h.name)).toEqual(['Content-Type', 'X-AUSERNAME']);
  });

  it('the analysis of every fixture and real recording is the same with every header kept', () => {
    let files = 0;
    for (const dir of DIRS) {
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.har'))) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        const compact = readHar(text).exchanges;
        const all = readHarText(text, undefined, IMPORT_VIEW).exchanges;
        expect(all.length, file).toBe(compact.length);
        expect(analyze(all), file).toEqual(analyze(compact));
        files++;
      }
    }
    expect(files).toBeGreaterThan(20);
  });
});
