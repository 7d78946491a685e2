import { describe, expect, it } from 'vitest';
import type { Finding } from '../types';
import { entryList, groupFindings, groupLine, groupsOverview, summarizeGroup } from './finding-groups';
import { analyze } from './analyzer';
import { Traffic } from '../test-support/exchanges';

const f = (code: Finding['code'], severity: Finding['severity'], entry: number, fix = `fix of ${code}`): Finding => ({
  code, severity, entry, url: `https://jira.example.com/${entry}`, message: `message of #${entry}`, fix,
});

describe('groupFindings', () => {
  it('one group per code and fix, worst first: severity, then count, then the first entry', () => {
    const groups = groupFindings([
      f('basic-challenge', 'info', 1), f('basic-challenge', 'info', 2), f('basic-challenge', 'info', 3),
      f('auth-required-no-challenge', 'warning', 4),
      f('session-expired', 'error', 5),
      f('silent-anonymous', 'error', 8), f('silent-anonymous', 'error', 10), f('silent-anonymous', 'error', 11),
      f('login-failed', 'error', 12),
      f('captcha-required', 'error', 13, 'Open https://a/login.jsp'), f('captcha-required', 'error', 14, 'Open https://b/login.jsp'),
    ]);
    expect(groups.map((g) => `${g.code} ${g.findings.map((x) => x.entry).join(',')}`)).toEqual([
      'silent-anonymous 8,10,11',
      'session-expired 5',
      'login-failed 12',
      'captcha-required 13',
      'captcha-required 14', // another cause (another login page): its own group
      'auth-required-no-challenge 4',
      'basic-challenge 1,2,3',
    ]);
  });

  it('one explanation per group: the first finding\'s message and the fix', () => {
    const [g] = groupFindings([f('silent-anonymous', 'error', 11), f('silent-anonymous', 'error', 8)]);
    expect(g).toMatchObject({ title: 'served as anonymous', message: 'message of #8', fix: 'fix of silent-anonymous', severity: 'error' });
    expect(g!.findings.map((x) => x.entry)).toEqual([8, 11]); // by entry, also when raised late
    expect(groupLine(summarizeGroup(g!))).toBe('2 × served as anonymous: #9, #12');
  });

  it('summaries stay bounded; long entry lists say how many more', () => {
    const many = Array.from({ length: 12 }, (_, i) => f('silent-anonymous', 'error', i));
    const s = summarizeGroup(groupFindings(many)[0]!);
    expect(s.count).toBe(12);
    expect(s.entries).toEqual([0, 1, 2, 3, 4]);
    expect(groupLine(s)).toBe('12 × served as anonymous: #1, #2, #3, #4, #5 and 7 more');
    expect(entryList([3])).toBe('#4'); // people count from 1 (request-number.ts)
    expect(groupFindings([])).toEqual([]);
  });

  it('an overview with plurals', () => {
    expect(groupsOverview(groupFindings([f('silent-anonymous', 'error', 1)]))).toBe('1 error in 1 group');
    expect(groupsOverview(groupFindings([f('silent-anonymous', 'error', 1), f('session-expired', 'error', 2), f('auth-required-no-challenge', 'warning', 3), f('logged-out', 'info', 4)])))
      .toBe('2 errors, 1 warning and 1 info in 4 groups');
  });

  it('an expired session: the anonymous pages and the refused REST calls, each once with its fix', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    t.advance(3_600_000);
    const pages = [t.page('/issues/?jql='), t.page('/browse/ABC-1'), t.page('/browse/ABC-2')];
    const rest = [t.rest401(), t.rest401('/rest/api/2/myself')];
    const groups = groupFindings(analyze(t.log).findings);
    expect(groups.map((g) => [g.code, g.findings.map((x) => x.entry)])).toEqual([
      ['silent-anonymous', pages.map((p) => p.index)],
      ['session-expired', rest.map((r) => r.index)],
    ]);
    expect(groups[0]!.fix).toMatch(/^Sign in again/);
  });
});
