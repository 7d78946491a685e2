/**
 * Each finding code on its own: when it is raised and, as importantly, when it is not. Traffic goes
 * through toExchange like real captures (test-support/exchanges.ts), then through the whole analyzer,
 * because every rule reads the origin's state built by the exchanges before it.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzer';
import { Traffic, CLOUD, JIRA } from '../../test-support/exchanges';
import type { Exchange, FindingCode } from '../../types';

const findingsOf = (t: Traffic) => analyze(t.log).findings;
const codesAt = (t: Traffic, ex: Exchange) => findingsOf(t).filter((f) => f.entry === ex.index).map((f) => f.code);
const all = (t: Traffic) => findingsOf(t).map((f) => `${f.entry}:${f.code}`);
const only = (t: Traffic, code: FindingCode) => findingsOf(t).filter((f) => f.code === code);

describe('silent-anonymous', () => {
  it('a page served anonymous although the session cookie of a signed-in user was sent', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    const p = t.page('/issues/?jql=project%3DABC');
    expect(codesAt(t, p)).toEqual(['silent-anonymous']);
    const f = only(t, 'silent-anonymous')[0]!;
    expect(f.severity).toBe('error');
    expect(f.message).toMatch(/^GET \/issues\/\?jql=project%3DABC was served to an anonymous visitor although the browser sent its JSESSIONID session cookie \(it belonged to fred\)/);
  });
  it('a HAR that starts mid-session: a remember-me cookie proves a login; it is flagged without any history', () => {
    const t = new Traffic();
    const p = t.page('/browse/ABC-1', 'anonymous', ['seraph.rememberme.cookie', 'JSESSIONID']);
    expect(codesAt(t, p)).toEqual(['silent-anonymous']);
    expect(only(t, 'silent-anonymous')[0]!.message).toContain('seraph.rememberme.cookie session cookie');
  });
  it('a JSESSIONID never seen before counts only when the server replaced it (it no longer knew that session)', () => {
    const replaced = new Traffic();
    const p = replaced.req('/browse/ABC-1', { cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=NEWANON; Path=/; HttpOnly'] });
    expect(codesAt(replaced, p)).toEqual(['silent-anonymous']);

    // A visitor of a public Jira, recording started after their first visit: nothing to report, ever.
    const visitor = new Traffic();
    visitor.page('/browse/ABC-1');
    visitor.page('/browse/ABC-2');
    visitor.req('/secure/QueryComponent!Jql.jspa', { method: 'POST', cookies: ['JSESSIONID'], html: false });
    visitor.rest401('/rest/api/2/myself');
    // The visitor's /rest 401 relied on the session cookie: session-expired territory, not a missing challenge.
    expect(all(visitor)).toEqual([]);
  });
  it('data requests outside /rest count too (not only pages); static resources do not', () => {
    const t = new Traffic();
    t.formLogin('fred');
    const xhr = t.req('/secure/QueryComponent!Jql.jspa', { method: 'POST', cookies: ['JSESSIONID'], html: false, type: 'xmlhttprequest' });
    t.req('/s/abc123/en_US/-/1.0/_/download/batch/jira.webresources:global/batch.js', { cookies: ['JSESSIONID'], contentType: 'application/javascript' });
    t.req('/images/icons/priorities/major.svg', { cookies: ['JSESSIONID'], contentType: 'image/svg+xml' });
    t.req('/secure/projectavatar?pid=1', { cookies: ['JSESSIONID'], contentType: 'image/png' });
    expect(all(t)).toEqual([`${xhr.index}:silent-anonymous`]);
    expect(only(t, 'silent-anonymous')[0]!.message).toContain('the answer holds only what anonymous users may see');
  });
  it('without a cookie, after the origin named a signed-in user and nobody logged out', () => {
    const t = new Traffic();
    t.formLogin('fred');
    const p = t.page('/browse/ABC-1', 'anonymous', []);
    expect(codesAt(t, p)).toEqual(['silent-anonymous']);
    expect(only(t, 'silent-anonymous')[0]!.message).toContain('although fred was signed in on this site and did not log out');
  });
  it('after the server replaced an expired session with an anonymous one, pages stay flagged and /rest 401s are expired sessions', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.page('/secure/Dashboard.jspa', 'fred');
    const first = t.req('/browse/ABC-1', { cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=ANON2; Path=/; HttpOnly'] });
    const next = t.page('/browse/ABC-2');
    const rest = t.rest401();
    expect(all(t)).toEqual([`${first.index}:silent-anonymous`, `${next.index}:silent-anonymous`, `${rest.index}:session-expired`]);
    expect(only(t, 'silent-anonymous')[1]!.message).toContain('although fred was signed in');
    const sessions = analyze(t.log).sessions;
    expect(sessions.map((s) => [s.user, s.issuedEntry, s.anonymousEntry])).toEqual([['fred', 0, first.index], [null, first.index, null]]);
  });

  describe('not flagged', () => {
    it('anonymous pages after a logout page, DELETE of the session, or the server clearing the cookie', () => {
      const a = new Traffic();
      a.formLogin();
      a.logout();
      a.page('/browse/ABC-1', 'anonymous', []);
      expect(only(a, 'silent-anonymous')).toEqual([]);

      const b = new Traffic();
      b.formLogin();
      b.req('/rest/auth/1/session', { method: 'DELETE', status: 204, cookies: ['JSESSIONID'], html: false });
      // The cookie was not cleared: the browser still sends it, the server replaces it. Still a logout.
      b.req('/browse/ABC-1', { cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=ANON; Path=/'] });
      b.page('/browse/ABC-2');
      b.rest401();
      expect(all(b)).toEqual(['1:logged-out']);

      const c = new Traffic();
      c.formLogin();
      c.req('/secure/Dashboard.jspa', { cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=; Max-Age=0'] });
      c.page('/browse/ABC-1', 'anonymous', []);
      expect(all(c)).toEqual(['1:session-cookie-cleared']);
    });
    it('a visitor who never signed in, with the JSESSIONID Jira gives every visitor', () => {
      const t = new Traffic();
      t.req('/secure/Dashboard.jspa', { setCookie: ['JSESSIONID=ANON1; Path=/; HttpOnly'] });
      t.page('/browse/ABC-1');
      t.rest401('/rest/api/2/myself');
      expect(all(t)).toEqual([]);
    });
    it('login pages, redirects to the login page, error answers, /rest, and the login response itself', () => {
      const t = new Traffic();
      t.formLogin('fred');
      t.page('/login.jsp');
      t.page('/wiki/dologin.action');
      t.req('/secure/admin/ViewApplicationProperties.jspa', { status: 302, cookies: ['JSESSIONID'], location: `${JIRA}/login.jsp?permissionViolation=true&os_destination=%2Fsecure%2Fadmin` });
      t.req('/browse/NOPE-1', { status: 404, cookies: ['JSESSIONID'] });
      t.rest('/rest/api/2/search?jql=', 200, 'anonymous');
      t.req('/login.jsp', { method: 'POST', status: 302, user: 'anonymous', reason: 'OK', cookies: ['JSESSIONID'] });
      expect(only(t, 'silent-anonymous')).toEqual([]);
    });
    it('a response without X-AUSERNAME is not taken as anonymous', () => {
      const t = new Traffic();
      t.formLogin('fred');
      t.req('/browse/ABC-1', { user: null, cookies: ['JSESSIONID'] });
      expect(all(t)).toEqual([]);
    });
    it('a script that used Basic auth does not make the origin "signed in"; its own anonymous requests are not silent', () => {
      const t = new Traffic();
      t.basicRequest('/rest/api/2/myself', 'bot', 'secret');
      t.page('/browse/ABC-1', 'anonymous', []);
      t.req('/browse/ABC-2', { user: 'anonymous', basic: ['bot', 'secret'] });
      expect(all(t)).toEqual([]);
    });
    it('a re-login (X-Seraph-LoginReason: OUT, OK) is not a logout and nothing goes anonymous', () => {
      const t = new Traffic();
      t.formLogin('fred');
      t.req('/login.jsp', { method: 'POST', status: 302, cookies: ['JSESSIONID'], user: 'admin', reason: 'OUT, OK', setCookie: ['JSESSIONID=NEW; Path=/'] });
      t.page('/secure/Dashboard.jspa', 'admin');
      expect(all(t)).toEqual([]);
    });
  });
});

describe('session-expired', () => {
  it('a /rest 401 on the session cookie of a signed-in user, naming the owner', () => {
    const t = new Traffic();
    t.formLogin('fred');
    const r = t.rest401();
    expect(codesAt(t, r)).toEqual(['session-expired']);
    expect(only(t, 'session-expired')[0]!.message).toContain('JSESSIONID session cookie of fred');
    expect(only(t, 'session-expired')[0]!.message).toContain('which Seraph reports under /rest');
  });
  it('under a context path, and with os_authType=cookie or any outside /rest', () => {
    const t = new Traffic();
    t.formLogin('fred');
    const ctx = t.rest401('/jira/rest/api/2/myself');
    const cookie = t.req('/secure/Dashboard.jspa?os_authType=cookie', { status: 401, cookies: ['JSESSIONID'] });
    const any = t.req('/browse/ABC-1?os_authType=any', { status: 401, cookies: ['JSESSIONID'] });
    expect(only(t, 'session-expired').map((f) => f.entry)).toEqual([ctx.index, cookie.index, any.index]);
    expect(only(t, 'session-expired')[2]!.message).toContain('with os_authType=any');
  });
  it('names the time when the cookie carried its own expiry', () => {
    const t = new Traffic();
    t.req('/rest/auth/1/session', { method: 'POST', user: 'fred', reason: 'OK', html: false, setCookie: ['cloud.session.token=T; Max-Age=60; Secure'] });
    t.advance(300_000);
    t.req('/rest/api/2/myself', { status: 401, cookies: ['cloud.session.token'], html: false });
    const expiry = new Date(t.log[0]!.time + 60_000).toISOString().replace('.000Z', 'Z');
    expect(only(t, 'session-expired')[0]!.message).toContain(`cloud.session.token session cookie of fred, which had expired at ${expiry}:`);
  });
  it("a script's saved cookie refused on its first request", () => {
    const t = new Traffic();
    const r = t.rest401('/rest/api/2/search?jql=assignee%3DcurrentUser()');
    expect(codesAt(t, r)).toEqual(['session-expired']);
  });
  describe('not raised', () => {
    it('a /rest 401 on a request without any session cookie', () => {
      const t = new Traffic();
      t.formLogin('fred');
      const r = t.rest401('/rest/api/2/myself', []);
      expect(codesAt(t, r)).toEqual(['auth-required-no-challenge']);
    });
    it("an anonymous visitor's own JSESSIONID, a failed login, Basic credentials, os_authType=basic, a page 401 without os_authType", () => {
      const t = new Traffic();
      t.req('/secure/Dashboard.jspa', { setCookie: ['JSESSIONID=ANON1; Path=/'] });
      t.rest401('/rest/api/2/myself');
      t.req('/rest/auth/1/session', { method: 'POST', status: 401, cookies: ['JSESSIONID'], html: false });
      t.req('/rest/api/2/myself', { status: 401, cookies: ['JSESSIONID'], basic: ['fred', 'wrong'], reason: 'AUTHENTICATED_FAILED', html: false });
      t.req('/secure/Dashboard.jspa?os_authType=basic', { status: 401, cookies: ['JSESSIONID'], challenge: 'Basic realm="protected-area"' });
      t.req('/secure/Dashboard.jspa', { status: 401, cookies: ['JSESSIONID'] });
      expect(only(t, 'session-expired')).toEqual([]);
    });
    it('after a logout that left the cookie in the browser', () => {
      const t = new Traffic();
      t.formLogin('fred');
      t.req('/rest/auth/1/session', { method: 'DELETE', status: 204, cookies: ['JSESSIONID'], html: false });
      t.rest401();
      expect(only(t, 'session-expired')).toEqual([]);
    });
  });
});

describe('captcha-required', () => {
  it('403 with only X-Authentication-Denied-Reason: CAPTCHA_CHALLENGE, the login URL in the fix', () => {
    const t = new Traffic();
    t.req('/rest/auth/1/session', { method: 'POST', status: 403, html: false, extra: [{ name: 'X-Authentication-Denied-Reason', value: 'CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp' }] });
    const f = findingsOf(t);
    expect(f.map((x) => x.code)).toEqual(['captcha-required']);
    expect(f[0]!.fix).toContain('Open https://jira.example.com/login.jsp in a browser');
  });
  it('X-Seraph-LoginReason: AUTHENTICATION_DENIED alone, naming the Basic user', () => {
    const t = new Traffic();
    t.req('/rest/api/2/myself', { status: 403, reason: 'AUTHENTICATION_DENIED', basic: ['fred', 'pw'], html: false });
    expect(findingsOf(t).map((x) => [x.code, x.message.includes('for fred')])).toEqual([['captcha-required', true]]);
  });
  it('not for other denials or a plain wrong password', () => {
    const t = new Traffic();
    t.req('/rest/api/2/myself', { status: 403, html: false, extra: [{ name: 'X-Authentication-Denied-Reason', value: 'SOMETHING_ELSE' }] });
    t.restLogin('fred', false);
    expect(only(t, 'captcha-required')).toEqual([]);
  });
});

describe('login-failed', () => {
  it('AUTHENTICATED_FAILED on Basic, and POST /rest/auth/1/session answering 401 with or without the header', () => {
    const t = new Traffic();
    const basic = t.basicRequest('/rest/api/2/myself', 'fred', 'nope', 401);
    const rest = t.restLogin('fred', false);
    const bare = t.req('/jira/rest/auth/1/session', { method: 'POST', status: 401, html: false });
    expect(only(t, 'login-failed').map((f) => f.entry)).toEqual([basic.index, rest.index, bare.index]);
    expect(only(t, 'login-failed')[0]!.message).toContain('Basic credentials for fred');
    expect(only(t, 'login-failed')[1]!.message).toContain('login for fred');
    expect(only(t, 'login-failed')[2]!.message).not.toContain('AUTHENTICATED_FAILED');
    expect(only(t, 'login-failed')[0]!.fix).toContain('Server and Data Center want the username');
    expect(JSON.stringify(analyze(t.log))).not.toMatch(/nope|hunter2/);
  });
  it('not for a who-am-I probe answering 401, nor a successful login', () => {
    const t = new Traffic();
    t.req('/rest/auth/1/session', { status: 401, html: false });
    t.restLogin('fred', true);
    expect(only(t, 'login-failed')).toEqual([]);
  });
});

describe('authorisation-failed', () => {
  it('AUTHORISATION_FAILED names the account', () => {
    const t = new Traffic();
    const r = t.req('/rest/api/2/myself', { status: 401, reason: 'AUTHORISATION_FAILED', basic: ['bob', 'ok'], html: false });
    expect(codesAt(t, r)).toContain('authorisation-failed');
    expect(only(t, 'authorisation-failed')[0]!.message).toContain('of bob');
  });
  it('not for other reasons', () => {
    const t = new Traffic();
    t.req('/rest/api/2/myself', { status: 401, reason: 'AUTHENTICATED_FAILED', basic: ['bob', 'x'], html: false });
    expect(only(t, 'authorisation-failed')).toEqual([]);
  });
});

describe('cloud-basic-auth-username', () => {
  it('a username instead of an email, refused by a Cloud host; the finding names the user, never the token', () => {
    const t = new Traffic(CLOUD);
    const r = t.basicRequest('/rest/api/3/myself', 'user', 'user_api_token', 401, null);
    expect(codesAt(t, r)).toEqual(['login-failed', 'cloud-basic-auth-username']);
    expect(only(t, 'cloud-basic-auth-username')[0]!.message).toContain('"user"');
    expect(JSON.stringify(analyze(t.log))).not.toContain('user_api_token');
  });
  it('not for an email, not on Server, not when accepted, not for Bearer', () => {
    const t = new Traffic(CLOUD);
    t.basicRequest('/rest/api/3/myself', 'user@example.com', 'wrong', 401, null);
    t.basicRequest('/rest/api/3/myself', 'user', 'token', 200, null);
    t.req('/rest/api/3/myself', { status: 401, user: null, bearer: 'abc', html: false });
    const server = new Traffic();
    server.basicRequest('/rest/api/2/myself', 'fred', 'wrong', 401);
    expect(only(t, 'cloud-basic-auth-username')).toEqual([]);
    expect(only(server, 'cloud-basic-auth-username')).toEqual([]);
  });
});

describe('auth-required-no-challenge and basic-challenge', () => {
  it('a 401 without WWW-Authenticate warns; with a Basic challenge it is only information', () => {
    const t = new Traffic();
    const bare = t.rest401('/rest/api/2/myself', []);
    const basic = t.req('/secure/Dashboard.jspa?os_authType=basic', { status: 401, challenge: 'Basic realm="protected-area"' });
    const several = t.req('/rest/api/2/myself', { status: 401, html: false, challenge: 'OAuth realm="https://jira.example.com", Basic realm="x"' });
    expect(all(t)).toEqual([`${bare.index}:auth-required-no-challenge`, `${basic.index}:basic-challenge`, `${several.index}:basic-challenge`]);
    expect(only(t, 'auth-required-no-challenge')[0]!.severity).toBe('warning');
    expect(only(t, 'basic-challenge')[0]!.message).toContain('realm "protected-area"');
    expect(only(t, 'basic-challenge')[0]!.message).toContain('os_authType=basic');
  });
  it('an OAuth-only challenge (real Server/DC REST 401s) counts as none: the warning says so', () => {
    const t = new Traffic();
    const r = t.req('/rest/api/2/myself', { status: 401, html: false, challenge: 'OAuth realm="https%3A%2F%2Fjira.example.com"' });
    expect(all(t)).toEqual([`${r.index}:auth-required-no-challenge`]);
    expect(only(t, 'auth-required-no-challenge')[0]!.message).toContain('only an OAuth challenge');
  });
  it('neither for a 403, a challenge on a 200, a request with its own Authorization, a cookie XHR, or a failed login', () => {
    const t = new Traffic();
    t.req('/rest/api/2/myself', { status: 403, html: false });
    t.req('/browse/ABC-1', { challenge: 'Basic realm="x"' });
    t.req('/rest/api/2/myself', { status: 401, html: false, basic: ['fred', 'wrong'] });
    t.req('/rest/api/2/myself', { status: 401, html: false, cookies: ['JSESSIONID'], challenge: 'OAuth realm="x"' });
    // A capture that lost the request headers: AUTHENTICATED_FAILED says credentials were tried.
    t.req('/rest/api/latest/serverInfo', { status: 401, html: false, reason: 'AUTHENTICATED_FAILED' });
    expect(all(t).filter((x) => x.endsWith('auth-required-no-challenge'))).toEqual([]);
  });
});

describe('session-cookie-cleared', () => {
  it('Max-Age=0 or an Expires in the past on a session cookie', () => {
    const t = new Traffic();
    t.formLogin('fred', ['seraph.rememberme.cookie=RM; Path=/; Max-Age=1209600']);
    const a = t.req('/secure/Dashboard.jspa', { user: 'fred', cookies: ['JSESSIONID', 'seraph.rememberme.cookie'], setCookie: ['seraph.rememberme.cookie=; Expires=Thu, 01-Jan-1970 00:00:10 GMT'] });
    const b = t.req('/secure/Dashboard.jspa', { user: 'fred', cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=x; Max-Age=0', 'JSESSIONID=y; max-age=0'] });
    expect(all(t)).toEqual([`${a.index}:session-cookie-cleared`, `${b.index}:session-cookie-cleared`]);
    expect(only(t, 'session-cookie-cleared')[0]!.message).toContain('seraph.rememberme.cookie session cookie');
    expect(only(t, 'session-cookie-cleared')[1]!.message).toContain('the JSESSIONID session cookie');
  });
  it('not for other cookies, nor a value merely emptied', () => {
    const t = new Traffic();
    t.formLogin();
    t.req('/x', { user: 'fred', cookies: ['JSESSIONID'], setCookie: ['atlassian.xsrf.token=; Max-Age=0', 'JSESSIONID=; Path=/'] });
    expect(all(t)).toEqual([]);
  });
});

describe('logged-out', () => {
  it('OUT, DELETE of the session, Jira and Confluence logout pages', () => {
    const t = new Traffic();
    t.formLogin('fred');
    const out = t.req('/secure/Dashboard.jspa', { cookies: ['JSESSIONID'], reason: 'OUT' });
    t.formLogin('fred');
    const del = t.req('/rest/auth/1/session', { method: 'DELETE', status: 204, cookies: ['JSESSIONID'], html: false });
    const page = t.req('/secure/Logout!default.jspa', { status: 302, cookies: ['JSESSIONID'] });
    const wiki = t.req('/wiki/logout.action', { status: 302, cookies: ['JSESSIONID'] });
    expect(only(t, 'logged-out').map((f) => f.entry)).toEqual([out.index, del.index, page.index, wiki.index]);
    expect(only(t, 'logged-out')[0]!.message).toContain('logged fred out');
    expect(only(t, 'logged-out')[0]!.severity).toBe('info');
  });
  it('not for a re-login (OUT, OK), nor a refused DELETE', () => {
    const t = new Traffic();
    t.formLogin('fred');
    t.req('/rest/auth/1/session', { method: 'POST', cookies: ['JSESSIONID'], user: 'admin', reason: 'OUT, OK', html: false });
    t.req('/rest/auth/1/session', { method: 'DELETE', status: 401, html: false });
    expect(only(t, 'logged-out')).toEqual([]);
  });
});
