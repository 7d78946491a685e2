/**
 * "Copy as Markdown": the story and the findings as a ticket would hold them, from real engine output;
 * hostile names and paths must not break the list or the table, and no secret of the traffic may appear.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer';
import { buildStory, type OriginStory } from './story';
import { storyMarkdown, code, text } from './story-markdown';
import { Traffic, JIRA } from '../test-support/exchanges';
import type { Exchange, Finding } from '../types';

const hms = (t: number) => new Date(t).toISOString().slice(11, 19);
function markdown(log: Exchange[], now = log.at(-1)!.time + 1000): string {
  const r = analyze(log);
  const stories = buildStory({ exchanges: log, findings: r.findings, sessions: r.sessions, now });
  return storyMarkdown({ stories, findings: r.findings, exchanges: log, time: hms });
}
/** Table cells split the way GitHub does: on every `|` not escaped by a backslash. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1);

describe('a session that expired, as a ticket reads it', () => {
  const t = new Traffic();
  const login = t.formLogin('fred');
  t.page('/secure/Dashboard.jspa', 'fred', ['JSESSIONID=PLANTED-COOKIE-VALUE-1']);
  const p1 = t.page('/issues/?jql=project%3DABC', 'anonymous', ['JSESSIONID=PLANTED-COOKIE-VALUE-1']);
  const r1 = t.basicRequest('/rest/api/2/myself?expand=groups', 'fred', 'PLANTED-PASSWORD-2', 401);
  const md = markdown(t.log);

  it('the story line per site, with 1-based request numbers beside its times', () => {
    expect(md.startsWith('## What happened\n\n**jira.example.com**\n\n- Login failed for **fred** at ')).toBe(true);
    expect(md).toContain('\n- Signed in as **fred** at ');
    expect(md).toContain(`at ${hms(login.time)} (#${login.index + 1}) (cookie **JSESSIONID**); by ${hms(p1.time)} (#${p1.index + 1}) the server had dropped the session`);
    expect(md).toContain(`then 1 page served as anonymous (#${p1.index + 1})`);
    expect(md).toContain(' **Fix:** Sign in again.');
  });

  it('one table row per finding group: severity, headline, `#n METHOD path`, cause and fix', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    expect(rows[0]).toBe('| Severity | Finding | Requests | What happened | Fix |');
    const body = rows.slice(1).filter((r) => !r.startsWith('|---'));
    expect(body.length).toBeGreaterThanOrEqual(2);
    for (const row of body) expect(cells(row)).toHaveLength(5);
    const anonymous = body.find((r) => r.includes('served as anonymous'))!;
    expect(cells(anonymous)[2]!.trim()).toBe(`#${p1.index + 1} \`GET /issues/?jql=project%3DABC\``);
    expect(cells(anonymous)[0]!.trim()).toBe('error');
    const refused = body.find((r) => r.includes(`#${r1.index + 1} `))!;
    expect(cells(refused)[2]!.trim()).toBe(`#${r1.index + 1} \`GET /rest/api/2/myself?expand=groups\``);
    expect(md).toContain(`- Login failed for **fred** at ${hms(r1.time)} (#${r1.index + 1}) **Fix:** `);
  });

  it('holds no secret the traffic carried', () => {
    expect(md).not.toMatch(/PLANTED/);
    expect(md).not.toContain(btoa('fred:PLANTED-PASSWORD-2'));
  });
});

describe('hostile text cannot break the list or the table', () => {
  const hostilePath = '/rest/a`b``c|d\n| x | y |\r\n<script>alert(1)</script>';
  const finding: Finding = {
    code: 'login-failed', severity: 'error', entry: 6, method: 'POST', url: `${JIRA}${hostilePath}`,
    message: 'Login failed for **a|b**\n- injected item\n[click](javascript:alert(1)) <img src=x onerror=alert(1)>',
    fix: 'Fix `this` | and\nthat ~~x~~ &lt;b&gt;',
  };
  const stories: OriginStory[] = [{
    origin: JIRA,
    lines: [{
      origin: JIRA, kind: 'login-failed', severity: 'error', time: 0, lastTime: 0, resolved: null, fix: 'Try\n# again',
      parts: [{ kind: 'text', text: 'Login failed for ' }, { kind: 'name', text: 'ev|il\n- `x` **y** [z](http://evil.example)\u202Eexe' }, { kind: 'text', text: ' at ' }, { kind: 'time', time: 0, entry: 6 }],
    }],
  }];
  const md = storyMarkdown({ stories, findings: [finding], time: () => '10:00:00' });
  const lines = md.split('\n');

  it('the story stays one list item, its name escaped and bidi controls shown, not applied', () => {
    const items = lines.filter((l) => l.startsWith('- '));
    expect(items).toHaveLength(1);
    expect(items[0]).toBe(
      '- Login failed for **ev\\|il - \\`x\\` \\*\\*y\\*\\* \\[z\\](http://evil.example)U+202Eexe** at 10:00:00 (#7) **Fix:** Try # again',
    );
    expect(md).not.toContain('\u202E');
  });

  it('the finding stays one row of five cells; the path is one code span that keeps its backticks and pipes', () => {
    const rows = lines.filter((l) => l.startsWith('| ') && !l.startsWith('|---') && !l.startsWith('| Severity'));
    expect(rows).toHaveLength(1);
    const [, , requests, what, fix] = cells(rows[0]!).map((c) => c.trim());
    expect(cells(rows[0]!)).toHaveLength(5);
    expect(requests).toBe('#7 ``` POST /rest/a`b``c\\|d \\| x \\| y \\| <script>alert(1)</script> ```');
    expect(what).not.toMatch(/(?<!\\)[<[*]/);
    expect(what).toContain('\\[click\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>');
    expect(fix).toBe('Fix \\`this\\` \\| and that \\~\\~x\\~\\~ \\&lt;b\\&gt;');
  });

  it('code spans and text escape on their own terms', () => {
    expect(code('plain')).toBe('`plain`');
    expect(code('a`b')).toBe('`` a`b ``');
    expect(code('`')).toBe('`` ` ``');
    expect(text('a\tb\n\nc')).toBe('a b c');
  });
});
