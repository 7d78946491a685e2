import { describe, expect, it } from 'vitest';
import { applyFilters, DEFAULT_FILTERS, origins } from './filters';
import { Traffic } from '../engine/test-support/exchanges';
import { analyze } from '../engine/analysis/analyzer';
import type { Finding } from '../engine/types';

function log() {
  const t = new Traffic();
  t.req('/secure/Dashboard.jspa', { user: 'anonymous' });
  t.formLogin();
  t.req('/secure/Dashboard.jspa', { user: 'fred', cookies: ['JSESSIONID'] });
  t.rest('/rest/api/2/search', 401);
  t.at('https://other.example').req('/x', { user: null, status: 500 });
  const byEntry = new Map<number, Finding[]>();
  for (const f of analyze(t.log).findings) byEntry.set(f.entry, [...(byEntry.get(f.entry) ?? []), f]);
  return { exchanges: t.log.map((e, i) => (i === 2 ? { ...e, type: 'main_frame' } : e)), byEntry };
}

describe('panel filters', () => {
  it('auth-relevant only by default: logins, 401s, findings', () => {
    const { exchanges, byEntry } = log();
    expect(applyFilters(exchanges, byEntry, DEFAULT_FILTERS).map((e) => e.index)).toEqual([1, 3]);
    expect(applyFilters(exchanges, byEntry, { ...DEFAULT_FILTERS, authOnly: false })).toHaveLength(5);
  });
  it('text, status class, origin, preserve log', () => {
    const { exchanges, byEntry } = log();
    const all = { ...DEFAULT_FILTERS, authOnly: false };
    expect(applyFilters(exchanges, byEntry, { ...all, text: 'SEARCH' }).map((e) => e.index)).toEqual([3]);
    expect(applyFilters(exchanges, byEntry, { ...all, status: '5xx' }).map((e) => e.index)).toEqual([4]);
    expect(applyFilters(exchanges, byEntry, { ...all, origin: 'https://other.example' }).map((e) => e.index)).toEqual([4]);
    expect(applyFilters(exchanges, byEntry, { ...all, preserveLog: false }).map((e) => e.index)).toEqual([2, 3, 4]);
    expect(origins(exchanges)).toEqual(['https://jira.example.com', 'https://other.example']);
  });
  it('origins: each once, sorted, as the URL parser writes them, also for URLs that only look like a known origin', () => {
    const ex = (url: string) => ({ url }) as Parameters<typeof origins>[0][number];
    const urls = [
      'HTTPS://Jira.Example.com/a',
      'https://jira.example.com/b?x=1',
      'https://jira.example.com',
      'https://jira.example.com#f',
      'https://jira.example.com.evil.test/c',
      'https://jira.example.com@evil.test/d',
      'https://jira.example.com:8443/e',
      'http://jira.example.com:80/f',
      'http://jira.example.com/g',
      'not a url',
      ...Array.from({ length: 10 }, (_, i) => `https://h${i}.test/x`),
      'https://jira.example.com/again',
    ];
    expect(origins(urls.map(ex))).toEqual(
      [
        'https://jira.example.com',
        'https://jira.example.com.evil.test',
        'https://evil.test',
        'https://jira.example.com:8443',
        'http://jira.example.com',
        ...Array.from({ length: 10 }, (_, i) => `https://h${i}.test`),
      ].sort(),
    );
  });
});
