import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isCloudHost, isLoginOnlyCookie, isLoginPath, isLogoutPath, isRestPath, isSessionCookie, isSessionEndpoint, isStaticResource, osAuthType, urlParts } from './atlassian';
import { fuzz } from '../test-support/fuzz';

describe('urlParts (hand-written for speed) agrees with the URL standard', () => {
  it('on typical and odd URLs', () => {
    for (const u of [
      'https://Jira.Example.com/browse/ABC-1?x=1#frag',
      'http://127.0.0.1:8080/rest/api/2/search?jql=a%3Db',
      'https://acme.atlassian.net:443/',
      'http://host:80',
      'https://user:pw@host.example/p',
      'https://[::1]:8443/x?y',
    ]) {
      const mine = urlParts(u)!;
      const std = new URL(u);
      expect([mine.origin, mine.host, mine.query], u).toEqual([std.origin, std.hostname, std.search.slice(1)]);
      expect(mine.path, u).toBe(std.pathname);
    }
    expect(urlParts('not a url')).toBeNull();
  });
  it('for generated web URLs', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (u) => {
        const std = new URL(u);
        const mine = urlParts(u)!;
        // The standard re-encodes some characters; origins must agree, and so must what the engine reads.
        expect(mine.origin).toBe(std.origin);
        expect(mine.host).toBe(std.hostname);
        expect(osAuthType(mine.query)).toBe(osAuthType(std.search.slice(1)));
      }),
      fuzz(5, 500),
    );
  });
});

describe('Atlassian knowledge', () => {
  it('Cloud hosts', () => {
    expect(isCloudHost('acme.atlassian.net')).toBe(true);
    expect(isCloudHost('ACME.jira.com')).toBe(true);
    expect(isCloudHost('api.atlassian.com')).toBe(true);
    expect(isCloudHost('atlassian.net.evil.example')).toBe(false);
    expect(isCloudHost('jira.example.com')).toBe(false);
  });
  it('/rest with or without a context path; the session endpoint', () => {
    expect(isRestPath('/rest/api/2/search')).toBe(true);
    expect(isRestPath('/jira/rest/api/2/search')).toBe(true);
    expect(isRestPath('/restaurants')).toBe(false);
    expect(isRestPath('/rest')).toBe(true);
    expect(isRestPath('/wiki/rest/api/content')).toBe(true);
    // One segment of context path is accepted without knowing it, so this heuristic also says yes here:
    expect(isRestPath('/secure/rest/x/y')).toBe(true);
    expect(isRestPath('/plugins/servlet/rest/x')).toBe(false);
    expect(isSessionEndpoint('/rest/auth/1/session')).toBe(true);
    expect(isSessionEndpoint('/jira/rest/auth/latest/session/')).toBe(true);
  });
  it('os_authType', () => {
    expect(osAuthType('os_authType=COOKIE&x=1')).toBe('cookie');
    expect(osAuthType('a=1&os_authType=any')).toBe('any');
    expect(osAuthType('os_authType=nope')).toBeNull();
    expect(osAuthType('')).toBeNull();
    // An absolute URL works too; a fragment or a look-alike parameter does not count.
    expect(osAuthType('https://jira.example.com/secure/Dashboard.jspa?os_authType=basic#x')).toBe('basic');
    expect(osAuthType('https://jira.example.com/x#os_authType=cookie')).toBeNull();
    expect(osAuthType('my_os_authType=cookie')).toBeNull();
    expect(osAuthType('os_authType=cookie&os_authType=basic')).toBe('cookie');
  });
  it('session cookies, and which of them exist only after a login', () => {
    expect(isSessionCookie('JSESSIONID')).toBe(true);
    expect(isSessionCookie('jsessionid')).toBe(false); // cookie names are case-sensitive
    expect(isSessionCookie('atlassian.xsrf.token')).toBe(false);
    expect(isLoginOnlyCookie('JSESSIONID')).toBe(false);
    expect(isLoginOnlyCookie('seraph.rememberme.cookie')).toBe(true);
    expect(isLoginOnlyCookie('cloud.session.token')).toBe(true);
    expect(isLoginOnlyCookie('atlassian.xsrf.token')).toBe(false);
  });
  it('login, logout and static paths', () => {
    for (const p of ['/login.jsp', '/jira/login.jsp', '/login.action', '/wiki/dologin.action', '/login']) expect(isLoginPath(p), p).toBe(true);
    for (const p of ['/secure/Dashboard.jspa', '/loginhelp', '/rest/auth/1/session']) expect(isLoginPath(p), p).toBe(false);
    for (const p of ['/logout', '/secure/Logout!default.jspa', '/wiki/logout.action']) expect(isLogoutPath(p), p).toBe(true);
    expect(isLogoutPath('/logout/help')).toBe(false);
    expect(isStaticResource('/s/d41d8cd9/en_US/-/1.0/_/download/batch/x/x.js', null)).toBe(true);
    expect(isStaticResource('/jira/download/resources/x/y.css', null)).toBe(true);
    expect(isStaticResource('/secure/projectavatar', 'image/png')).toBe(true);
    expect(isStaticResource('/browse/ABC-1', 'text/html')).toBe(false);
    expect(isStaticResource('/issues/', 'text/html')).toBe(false);
    expect(isStaticResource('/secure/QueryComponent!Jql.jspa', 'application/json')).toBe(false);
  });
});
