import { describe, expect, it } from 'vitest';
import { capturedCurl } from './captured-curl';
import { Traffic } from '../test-support/exchanges';

describe('capturedCurl', () => {
  it('the request as sent, the session cookie as $JIRA_SESSION, never a value', () => {
    const t = new Traffic();
    const ex = t.req('/rest/api/2/search?jql=key in (ABC-1)', { cookies: ['JSESSIONID=S3CRETSESSION', 'atlassian.xsrf.token=XSRFVALUE'], extra: [] });
    const ex2 = { ...ex, requestHeaders: [...ex.requestHeaders, { name: 'Accept', value: 'application/json' }] };
    const cmd = capturedCurl(ex2) as string;
    expect(cmd).toBe(`curl \\\n  --globoff \\\n  -H 'Accept: application/json' \\\n  -b "JSESSIONID=$JIRA_SESSION" \\\n  'https://jira.example.com/rest/api/2/search?jql=key in (ABC-1)'`);
    expect(cmd).not.toMatch(/S3CRET|XSRFVALUE|redacted \d/);
  });
  it('Basic and bearer become the replay placeholders; the redacted header value is never in the command', () => {
    const t = new Traffic();
    const basic = capturedCurl(t.req('/rest/api/2/myself', { basic: ['fred', 'hunter2'], method: 'POST' })) as string;
    expect(basic).toContain(`-X 'POST'`);
    expect(basic).toContain('-u "$JIRA_USER:$JIRA_TOKEN"');
    expect(basic).not.toMatch(/hunter2|ZnJlZDpodW50ZXIy|Authorization/);
    const bearer = capturedCurl(t.req('/rest/api/2/myself', { bearer: 'pat-SECRET-123' })) as string;
    expect(bearer).toContain('-H "Authorization: Bearer $JIRA_TOKEN"');
    expect(bearer).not.toContain('SECRET');
  });
  it('another scheme is a visible placeholder', () => {
    const t = new Traffic();
    const ex = { ...t.req('/x'), credentials: { scheme: 'other' as const, name: 'Negotiate' } };
    expect(capturedCurl(ex)).toContain(`-H 'Authorization: Negotiate <redacted>'`);
  });
  it('refuses what cannot be replayed', () => {
    const t = new Traffic();
    expect(capturedCurl({ ...t.req('/x'), method: 'CONNECT' })).toEqual({ error: expect.stringMatching(/cannot be replayed/) });
  });
});
