import { describe, expect, it } from 'vitest';
import { exportFileName, fileNamePart, fileTimestamp, siteOf } from './export-name';
import type { Exchange } from '../types';

const ex = (url: string, type?: string): Exchange =>
  ({ index: 0, id: '0', time: 0, method: 'GET', url, status: 200, requestHeaders: [], responseHeaders: [], cookiesSent: [], credentials: null, ...(type ? { type } : {}) }) as unknown as Exchange;

describe('siteOf', () => {
  it('is the host of the latest top-level page', () => {
    const log = [ex('https://acme.atlassian.net/jira', 'main_frame'), ex('https://api.atlassian.com/x', 'xmlhttprequest'), ex('https://other.atlassian.net/wiki', 'main_frame'), ex('https://api.atlassian.com/y')];
    expect(siteOf(log)).toBe('other.atlassian.net');
  });
  it('names the port, which a file name cannot hold after a colon', () => {
    expect(siteOf([ex('http://127.0.0.1:8090/secure/Dashboard.jspa', 'main_frame')])).toBe('127.0.0.1-8090');
  });
  it('without a page: the most frequent host; nothing readable: null', () => {
    expect(siteOf([ex('https://a.example/1'), ex('https://b.example/1'), ex('https://b.example/2')])).toBe('b.example');
    expect(siteOf([ex('not a url'), ex('data:text/plain,x')])).toBeNull();
    expect(siteOf([])).toBeNull();
  });
});

describe('fileNamePart', () => {
  it('keeps letters, digits, dots and dashes; nothing a file system or shell treats specially', () => {
    expect(fileNamePart('Jira.Corp.Example')).toBe('jira.corp.example');
    expect(fileNamePart('[::1]-8443')).toBe('1-8443');
    expect(fileNamePart('../../etc/passwd')).toBe('etc-passwd');
    expect(fileNamePart('a b\u202e\u0000c:d*?"<>|')).toBe('a-b-c-d');
    expect(fileNamePart('')).toBe('site');
    expect(fileNamePart('...')).toBe('site');
    expect(fileNamePart('x'.repeat(200))).toHaveLength(80);
  });
});

describe('exportFileName', () => {
  const at = new Date(2026, 11, 1, 9, 5, 7); // local time
  it('names the site and the local time, not the tab', () => {
    expect(fileTimestamp(at)).toBe('2026-12-01_090507');
    expect(exportFileName([ex('https://acme.atlassian.net/', 'main_frame')], at)).toBe('seraph-lens_acme.atlassian.net_2026-12-01_090507.har');
    expect(exportFileName([], at)).toBe('seraph-lens_tab_2026-12-01_090507.har');
  });
  it('one request: its running number too', () => {
    expect(exportFileName([ex('http://127.0.0.1:8090/rest/api/2/myself')], at, 42)).toBe('seraph-lens_127.0.0.1-8090_2026-12-01_090507_request-42.har');
  });
});
