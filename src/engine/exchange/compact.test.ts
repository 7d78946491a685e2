import { describe, expect, it } from 'vitest';
import { compactExchange } from './compact';
import { toExchange } from '../intake/to-exchange';

const raw = {
  index: 3,
  id: '17',
  time: 1_700_000_000_000,
  tabId: 12,
  frameId: 0,
  type: 'main_frame',
  method: 'GET',
  url: 'https://jira.example.com/secure/Dashboard.jspa',
  status: 200,
  requestHeaders: [
    { name: 'Cookie', value: 'JSESSIONID=abc123; other=1' },
    { name: 'User-Agent', value: 'x' },
    { name: 'Accept-Language', value: 'en' },
  ],
  responseHeaders: [
    { name: 'X-AUSERNAME', value: 'fred' },
    { name: 'Cache-Control', value: 'no-cache' },
    { name: 'set-cookie', value: 'JSESSIONID=def456; Path=/; HttpOnly' },
    { name: 'X-Seraph-LoginReason', value: 'OK' },
  ],
};

describe('compactExchange', () => {
  it('keeps the headers the analysis and the panel read, in order, and nothing else', () => {
    const c = compactExchange(toExchange(raw));
    expect(c.requestHeaders.map((h) => h.name)).toEqual(['Cookie']);
    expect(c.responseHeaders.map((h) => h.name)).toEqual(['X-AUSERNAME', 'set-cookie', 'X-Seraph-LoginReason']);
    expect(JSON.stringify(c)).not.toMatch(/abc123|def456/); // still sanitized
  });

  it('drops the tab and frame ids (the log is per tab) but keeps everything the engine reads', () => {
    const ex = toExchange(raw);
    const c = compactExchange(ex);
    expect('tabId' in c || 'frameId' in c).toBe(false);
    expect(c).toMatchObject({ index: 3, id: '17', time: raw.time, type: 'main_frame', method: 'GET', url: raw.url, status: 200, cookiesSent: ['JSESSIONID', 'other'] });
    expect(ex.tabId).toBe(12); // the input is not changed
  });
});
