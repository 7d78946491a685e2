import { describe, expect, it } from 'vitest';
import { applyFilters, DEFAULT_FILTERS, filterRows, origins, parseFilter } from './filters';
import { Traffic } from '../engine/test-support/exchanges';
import { analyze } from '../engine/analysis/analyzer';
import type { Finding } from '../engine/types';

function log() {
  const t = new Traffic();
  t.req('/secure/Dashboard.jspa', { user: 'anonymous' });
  t.formLogin();
  t.req('/secure/Dashboard.jspa', { user: 'fred', cookies: ['JSESSIONID'] });
  t.rest('/rest/api/2/search', 401);
  t.at('https://other.example').req('/x', { user: null, status: 500, method: 'POST' });
  const byEntry = new Map<number, Finding[]>();
  for (const f of analyze(t.log).findings) byEntry.set(f.entry, [...(byEntry.get(f.entry) ?? []), f]);
  return { exchanges: t.log.map((e, i) => (i === 2 ? { ...e, type: 'main_frame' } : e)), byEntry };
}

describe('parseFilter', () => {
  it('keys, negation, quotes; unknown keys and URLs are text', () => {
    expect(parseFilter('status:401 -login user:"Fred Sanders" method:POST')).toEqual([
      { key: 'status', value: '401', negate: false },
      { key: null, value: 'login', negate: true },
      { key: 'user', value: 'fred sanders', negate: false },
      { key: 'method', value: 'post', negate: false },
    ]);
    expect(parseFilter('-path:/rest/ foo:bar https://j.example/x')).toEqual([
      { key: 'path', value: '/rest/', negate: true },
      { key: null, value: 'foo:bar', negate: false },
      { key: null, value: 'https://j.example/x', negate: false },
    ]);
    expect(parseFilter('"two words" Finding:silent -')).toEqual([
      { key: null, value: 'two words', negate: false },
      { key: 'finding', value: 'silent', negate: false },
      { key: null, value: '-', negate: false },
    ]);
  });
  it('half-typed input: an empty value is no term yet, an open quote runs to the end', () => {
    expect(parseFilter('status:  ')).toEqual([]);
    expect(parseFilter('  ')).toEqual([]);
    expect(parseFilter('reason:"AUTHENTICATED_F')).toEqual([{ key: 'reason', value: 'authenticated_f', negate: false }]);
  });
});

describe('panel filters', () => {
  const all = { ...DEFAULT_FILTERS, authOnly: false };
  const pick = (text: string, f = all) => {
    const { exchanges, byEntry } = log();
    return applyFilters(exchanges, byEntry, { ...f, text }).map((e) => e.index);
  };
  it('auth-relevant only by default (logins, 401s, findings), and how many it hides', () => {
    const { exchanges, byEntry } = log();
    expect(filterRows(exchanges, byEntry, DEFAULT_FILTERS)).toEqual({ rows: [exchanges[1], exchanges[3]], hiddenNotAuth: 3 });
    expect(applyFilters(exchanges, byEntry, all)).toHaveLength(5);
    // The hint counts only what the auth filter hides, not what the text already removed.
    expect(filterRows(exchanges, byEntry, { ...DEFAULT_FILTERS, text: 'dashboard' }).hiddenNotAuth).toBe(2);
  });
  it('Network-style terms', () => {
    expect(pick('SEARCH')).toEqual([3]);
    expect(pick('status:401')).toEqual([3]);
    expect(pick('status:5xx')).toEqual([4]);
    expect(pick('status:3xx')).toEqual([1]);
    expect(pick('status:2xx -dashboard')).toEqual([]);
    expect(pick('status:2xx -/rest/')).toEqual([0, 2]);
    expect(pick('method:post')).toEqual([1, 4]);
    expect(pick('-method:GET -status:3')).toEqual([4]);
    expect(pick('user:anonymous')).toEqual([0, 3]);
    expect(pick('user:fred')).toEqual([1, 2]);
    expect(pick('origin:other')).toEqual([4]);
    expect(pick('-origin:other path:/secure/')).toEqual([0, 2]);
    expect(pick('reason:ok')).toEqual([1]);
    expect(pick('nothing-like-this')).toEqual([]);
  });
  it('finding: matches the codes the engine raised on the request', () => {
    const { exchanges, byEntry } = log();
    const code = byEntry.get(3)?.[0]?.code;
    expect(code).toBeTruthy();
    expect(applyFilters(exchanges, byEntry, { ...all, text: `finding:${code}` }).map((e) => e.index)).toContain(3);
    expect(applyFilters(exchanges, byEntry, { ...all, text: 'finding:no-such-code' })).toEqual([]);
  });
  it('preserve log off starts at the last navigation', () => {
    const { exchanges, byEntry } = log();
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
