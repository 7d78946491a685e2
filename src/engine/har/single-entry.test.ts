import { describe, expect, it } from 'vitest';
import { curlOf, exportComment, exportHar, harEntryText, singleEntryHar } from './single-entry';
import { readHar } from './har';
import { toExchange } from '../intake/to-exchange';
import type { Exchange } from '../types';

const SESSION = 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6';
const PASSWORD = 'hunter2-secret-pw';
const captured = (over: Partial<Parameters<typeof toExchange>[0]> = {}): Exchange =>
  toExchange({
    index: 7,
    id: '7',
    time: Date.UTC(2026, 11, 1, 10, 0, 0),
    method: 'GET',
    url: 'https://jira.example.com/rest/api/2/myself?expand=groups',
    status: 200,
    type: 'xmlhttprequest',
    requestHeaders: [
      { name: 'Cookie', value: `JSESSIONID=${SESSION}; atlassian.xsrf.token=BWP3-NZB2-6EDY-6C7K_0123456789abcdef0123456789abcdef01234567_lin` },
      { name: 'X-Atlassian-Token', value: 'no-check' },
    ],
    responseHeaders: [
      { name: 'X-AUSERNAME', value: 'fred' },
      { name: 'Set-Cookie', value: `JSESSIONID=${SESSION}; Path=/; HttpOnly` },
    ],
    ...over,
  });

describe('single-request export', () => {
  it('is a HAR 1.2 file of exactly that one entry, read back as the same request', () => {
    const ex = captured();
    const har = singleEntryHar(ex, { name: 'Seraph Lens', version: '0' });
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(1);
    const back = readHar(JSON.stringify(har));
    expect(back.skipped).toBe(0);
    expect(back.exchanges[0]).toMatchObject({ method: 'GET', url: ex.url, status: 200, cookiesSent: ['JSESSIONID', 'atlassian.xsrf.token'] });
  });
  it('holds no secret value: neither the session cookie nor a password in the URL', () => {
    const ex = captured({ url: `https://jira.example.com/login.jsp?os_username=fred&os_password=${PASSWORD}`, requestHeaders: [{ name: 'Authorization', value: `Basic ${btoa(`fred:${PASSWORD}`)}` }] });
    for (const text of [JSON.stringify(singleEntryHar(ex, { name: 'x', version: '0' })), harEntryText(ex), JSON.stringify(exportHar([captured(), ex], { name: 'x', version: '0' }))]) {
      expect(text).not.toContain(SESSION);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(btoa(`fred:${PASSWORD}`));
    }
  });
  it('redacts again on the way out, even a record that escaped sanitizing', () => {
    const raw = { ...captured(), requestHeaders: [{ name: 'Cookie', value: `JSESSIONID=${SESSION}` }] };
    expect(JSON.stringify(singleEntryHar(raw, { name: 'x', version: '0' }))).not.toContain(SESSION);
  });
  it('copy as HAR entry: one entry object as JSON', () => {
    const entry = JSON.parse(harEntryText(captured()));
    expect(entry.request.url).toBe('https://jira.example.com/rest/api/2/myself?expand=groups');
    expect(entry.response.status).toBe(200);
    expect(entry.startedDateTime).toBe('2026-12-01T10:00:00.000Z');
  });
  it('a whole export keeps every exchange, in order', () => {
    const log = [captured({ index: 0, url: 'https://jira.example.com/a' }), captured({ index: 1, url: 'https://jira.example.com/b' }), captured({ index: 2, url: 'https://jira.example.com/c' })];
    expect(exportHar(log, { name: 'x', version: '0' }).log.entries.map((e) => e.request.url)).toEqual(log.map((e) => e.url));
  });
});

describe('exportComment', () => {
  it('says what a live export lacks, nothing when it lacks nothing', () => {
    expect(exportComment({ dropped: 0, pausedSkipped: 0 })).toBe('');
    expect(exportComment({ dropped: 1, pausedSkipped: 0 })).toBe('Seraph Lens: the oldest request was dropped before this export (retention limit or full storage).');
    expect(exportComment({ dropped: 100, pausedSkipped: 0, firstEntry: 100 })).toBe(
      "Seraph Lens: the oldest 100 requests were dropped before this export (retention limit or full storage); the panel's #101 is this file's #1.",
    );
    expect(exportComment({ dropped: 0, pausedSkipped: 0, firstEntry: 0 })).toBe('');
    expect(exportComment({ dropped: 12, pausedSkipped: 3 })).toBe(
      'Seraph Lens: the oldest 12 requests were dropped before this export (retention limit or full storage); 3 requests were not recorded while capture was paused.',
    );
  });
  it('lands in log.comment, and the entries stay the log', () => {
    const har = exportHar([captured()], { name: 'x', version: '0' }, exportComment({ dropped: 2, pausedSkipped: 0 }));
    expect((har.log as { comment?: string }).comment).toContain('the oldest 2 requests were dropped');
    expect(har.log.entries).toHaveLength(1);
    expect(readHar(JSON.stringify(har)).exchanges).toHaveLength(1);
  });
});

describe('curlOf', () => {
  it('the session cookie as a shell variable, no value', () => {
    const curl = curlOf(captured())!;
    expect(curl).toContain("'https://jira.example.com/rest/api/2/myself?expand=groups'");
    expect(curl).toContain('-b "JSESSIONID=$JIRA_SESSION"');
    expect(curl).not.toContain(SESSION);
  });
  it('Basic and Bearer credentials as variables', () => {
    const basic = curlOf(captured({ requestHeaders: [{ name: 'Authorization', value: `Basic ${btoa(`fred:${PASSWORD}`)}` }] }))!;
    expect(basic).toContain('-u "$JIRA_USER:$JIRA_TOKEN"');
    expect(basic).not.toContain(PASSWORD);
    const bearer = curlOf(captured({ requestHeaders: [{ name: 'Authorization', value: 'Bearer NjE2NDc2NTQ4NzQ2OmJ5dGVz' }] }))!;
    expect(bearer).toContain('-H "Authorization: Bearer $JIRA_TOKEN"');
    expect(bearer).not.toContain('NjE2NDc2NTQ4NzQ2OmJ5dGVz');
  });
  it('a POST keeps its method; a URL that cannot be sent gives none', () => {
    expect(curlOf(captured({ method: 'POST' }))).toContain("-X 'POST'");
    expect(curlOf(captured({ method: 'CONNECT' }))).toBeNull();
  });
});
