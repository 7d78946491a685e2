import { describe, expect, it } from 'vitest';
import { cookieLabel, cookieRole, credentialsSent } from './credentials-sent';
import { Traffic } from '../test-support/exchanges';

describe('credentialsSent', () => {
  const t = new Traffic();

  it('a session cookie is a credential (the detail once said "none" beside "Sent: JSESSIONID")', () => {
    const c = credentialsSent(t.page('/secure/Dashboard.jspa', 'anonymous', ['JSESSIONID', 'atlassian.xsrf.token=AQZJ-FV3A|abc|lout', 'jira.editor.user.mode']));
    expect(c.summary).toBe('session cookie JSESSIONID');
    expect(c.sessionCookies).toEqual(['JSESSIONID']);
    expect(c.xsrf).toEqual({ name: 'atlassian.xsrf.token', state: 'lout' });
    expect(c.otherCookies).toEqual(['jira.editor.user.mode']);
  });

  it('Basic names its user, never the secret', () => {
    const c = credentialsSent(t.basicRequest('/rest/api/2/myself', 'fred', 'S3cret-pass'));
    expect(c.summary).toBe('Basic as fred');
    expect(JSON.stringify(c)).not.toContain('S3cret');
    expect(JSON.stringify(c)).not.toContain(btoa('fred:S3cret-pass'));
  });

  it('cookies and Authorization together; a bearer token; nothing', () => {
    expect(credentialsSent(t.req('/rest/api/2/myself', { cookies: ['JSESSIONID', 'seraph.rememberme.cookie'], basic: ['fred', 'x'] })).summary).toBe(
      'session cookies JSESSIONID, seraph.rememberme.cookie and Basic as fred',
    );
    const bearer = credentialsSent(t.req('/rest/api/2/myself', { bearer: 'NjQ4OTc2-pat-token' }));
    expect(bearer.summary).toBe('Bearer token');
    expect(JSON.stringify(bearer)).not.toContain('NjQ4OTc2');
    expect(credentialsSent(t.req('/rest/api/2/myself', { cookies: ['atlassian.xsrf.token=X|lin'] })).summary).toBe('none');
    expect(credentialsSent(t.req('/rest/api/2/myself')).summary).toBe('none');
  });

  it('undecodable Basic and other schemes', () => {
    const ex = t.req('/rest/api/2/myself', { extra: [] });
    expect(credentialsSent({ ...ex, credentials: { scheme: 'basic', user: null, shape: 'unknown' } }).summary).toBe('Basic (user not readable)');
    expect(credentialsSent({ ...ex, credentials: { scheme: 'other', name: 'JWT', shape: 'jwt' } }).summary).toBe('JWT (Authorization)');
  });
});

describe('cookie roles', () => {
  it('session, XSRF, other', () => {
    expect(cookieRole('JSESSIONID')).toBe('session');
    expect(cookieRole('cloud.session.token')).toBe('session');
    expect(cookieRole('atlassian.xsrf.token')).toBe('xsrf');
    expect(cookieRole('AJS.conglomerate.cookie')).toBe('other');
    expect(cookieLabel('JSESSIONID')).toBe('JSESSIONID (session)');
    expect(cookieLabel('atlassian.xsrf.token', 'lin')).toBe('atlassian.xsrf.token (XSRF, signed in)');
    expect(cookieLabel('atlassian.xsrf.token', 'lout')).toBe('atlassian.xsrf.token (XSRF, signed out)');
    expect(cookieLabel('AJS.conglomerate.cookie')).toBe('AJS.conglomerate.cookie');
  });
});
