/**
 * The real products as recordings show them (atlassian-auth.md §8): Cloud names callers by account id and
 * carries its session's lifetime in a JWT; Confluence is known by X-Confluence-Request-Time; the XSRF
 * cookie's lin/lout tells whether the server saw a signed-in user; Crowd rotates its cookie in place.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer';
import { Traffic, CLOUD, JIRA } from '../test-support/exchanges';
import { redactHar } from '../redact/redact';
import { exchangesToHar, readHar } from '../har/har';
import type { Exchange } from '../types';

const ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const IAT = Date.UTC(2026, 10, 24, 9, 0, 0) / 1000;
const token = (claims: Record<string, unknown> = {}) =>
  `${b64url({ kid: 'session-service/session-service', alg: 'RS256' })}.${b64url({ sub: ACCOUNT, email: 'fred@example.com', iat: IAT, nbf: IAT, exp: IAT + 3600 * 24, refreshTimeout: IAT + 600, sessionId: 'sid-SECRET', jti: 'jti', iss: 'session-service', aud: 'atlassian', ...claims })}.c2lnbmF0dXJlU0VDUkVU`;
const codes = (log: Exchange[]) => analyze(log).findings.map((f) => `${f.entry}:${f.code}`);

/** A Cloud browser: signed in through the site, pages and REST calls name the account. */
function cloudSignedIn(t = new Traffic(CLOUD)) {
  const cookie = `tenant.session.token=${token()}`;
  t.req('/login', { method: 'POST', status: 302, user: null, setCookie: [`${cookie}; Path=/; Secure; HttpOnly`, 'atlassian.xsrf.token=BM4R-2E5N_17aa_lin; Path=/'] });
  t.req('/jira/your-work', { user: null, accountId: ACCOUNT, cookies: [cookie, 'atlassian.xsrf.token=BM4R-2E5N_17aa_lin'] });
  return { t, cookie };
}

describe('products and deployments', () => {
  it('Confluence Server/DC by X-Confluence-Request-Time alone (an anonymous answer has no X-AUSERNAME)', () => {
    const t = new Traffic('http://wiki.example.com:8090');
    t.req('/', { status: 302, user: null, location: '/login.action?os_destination=%2F', extra: [{ name: 'X-Confluence-Request-Time', value: '1700000000000' }] });
    const r = analyze(t.log);
    expect(r.origins).toEqual([{ origin: 'http://wiki.example.com:8090', atlassian: true, deployment: 'server', product: 'confluence' }]);
    expect(r.findings).toEqual([]);
  });
  it('X-ASEN alone makes an origin Atlassian; its paths name the product', () => {
    const t = new Traffic();
    t.req('/secure/Dashboard.jspa', { user: null, extra: [{ name: 'X-ASEN', value: 'SEN-L1234567' }] });
    expect(analyze(t.log).origins[0]).toMatchObject({ atlassian: true, deployment: 'server', product: 'jira' });
  });
  it('Bitbucket by its session cookie; a Cloud site by host is Jira at the root and Confluence under /wiki', () => {
    const bb = new Traffic('https://git.example.com');
    bb.req('/projects/ABC/repos/x/browse', { user: 'fred', cookies: ['BITBUCKETSESSIONID'] });
    expect(analyze(bb.log).origins[0]).toMatchObject({ product: 'bitbucket', deployment: 'server' });
    const wiki = new Traffic(CLOUD);
    wiki.req('/wiki/spaces/DOC/overview', { user: null });
    expect(analyze(wiki.log).origins[0]).toMatchObject({ product: 'confluence', deployment: 'cloud' });
    const jira = new Traffic(CLOUD);
    jira.req('/rest/api/3/myself', { user: null, html: false, status: 401 });
    expect(analyze(jira.log).origins[0]).toMatchObject({ product: 'jira', deployment: 'cloud' });
  });
  it('X-AACCOUNTID on a host of its own (a custom domain) is Cloud', () => {
    const t = new Traffic('https://jira.acme.example');
    t.req('/rest/api/3/myself', { user: null, html: false, accountId: ACCOUNT });
    expect(analyze(t.log).origins[0]).toMatchObject({ atlassian: true, deployment: 'cloud' });
  });
});

describe('Cloud identity and the session token', () => {
  it('the account id is the user; the token gives e-mail, issue, refresh and expiry; the token itself is never kept', () => {
    const { t } = cloudSignedIn();
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions).toHaveLength(1);
    const s = r.sessions[0]!;
    expect(s).toMatchObject({ cookie: 'tenant.session.token', user: ACCOUNT, expires: null, tokenExpires: (IAT + 86400) * 1000 });
    expect(s.token).toEqual({ accountId: ACCOUNT, email: 'fred@example.com', issuedAt: IAT * 1000, refreshAt: (IAT + 600) * 1000, expires: (IAT + 86400) * 1000 });
    expect(JSON.stringify(t.log)).not.toMatch(/SECRET|c2lnbmF0dXJl/);
  });
  it('a token issued elsewhere (id.atlassian.com) is read from the Cookie the site receives', () => {
    const t = new Traffic(CLOUD);
    t.req('/jira/your-work', { user: null, accountId: ACCOUNT, cookies: [`cloud.session.token=${token()}`] });
    expect(analyze(t.log).sessions[0]).toMatchObject({ cookie: 'cloud.session.token', user: ACCOUNT, tokenExpires: (IAT + 86400) * 1000, issuedEntry: null });
  });
  it('a healthy session whose pages do not all name the account: no finding, ever', () => {
    const { t, cookie } = cloudSignedIn();
    for (let i = 0; i < 3; i++) {
      t.req(`/browse/ABC-${i}`, { user: null, cookies: [cookie] }); // a page that happens not to name the caller
      t.req('/gateway/api/graphql', { method: 'POST', user: null, html: false, cookies: [cookie] });
      t.req('/s/abc/_/download/batch.js', { user: null, contentType: 'application/javascript', cookies: [cookie] });
      t.req('/rest/api/3/myself', { user: null, html: false, accountId: ACCOUNT, cookies: [cookie] });
    }
    expect(codes(t.log)).toEqual([]);
  });
  it('the session dies: pages naming nobody are held, then raised at their own entries once a /rest 401 confirms', () => {
    const { t, cookie } = cloudSignedIn();
    const a = t.req('/browse/ABC-1', { user: null, cookies: [cookie] });
    const gateway = t.req('/gateway/api/graphql', { method: 'POST', user: null, html: false, cookies: [cookie] });
    const b = t.req('/issues/?jql=', { user: null, cookies: [cookie] });
    expect(codes(t.log)).toEqual([]); // a missing header alone is not enough
    const rest = t.req('/rest/api/3/search?jql=', { status: 401, user: null, html: false, cookies: [cookie] });
    const c = t.req('/browse/ABC-2', { user: null, cookies: [cookie] }); // confirmed: raised at once
    expect(codes(t.log)).toEqual([`${a.index}:silent-anonymous`, `${b.index}:silent-anonymous`, `${rest.index}:session-expired`, `${c.index}:silent-anonymous`]);
    expect(codes(t.log)).not.toContain(`${gateway.index}:silent-anonymous`);
    const r = analyze(t.log);
    expect(r.findings[0]!.message).toContain('no X-AACCOUNTID');
    expect(r.sessions[0]!.anonymousEntry).toBe(a.index);
    expect(r.sessions[0]!.events.map((e) => e.kind).filter((k) => k !== 'sent')).toEqual(['issued', 'anonymous']);
  });
  it('held pages are dropped when the account is named again (the session was alive)', () => {
    const { t, cookie } = cloudSignedIn();
    t.req('/browse/ABC-1', { user: null, cookies: [cookie] });
    t.req('/rest/api/3/myself', { user: null, html: false, accountId: ACCOUNT, cookies: [cookie] });
    t.req('/rest/api/3/search', { status: 401, user: null, html: false, cookies: [cookie] });
    expect(codes(t.log)).toEqual([`${t.log.length - 1}:session-expired`]);
  });
  it('an XSRF cookie set to lout on a page the signed-in session was sent to: raised at once, on any product', () => {
    const { t, cookie } = cloudSignedIn();
    const p = t.req('/browse/ABC-1', { user: null, cookies: [cookie, 'atlassian.xsrf.token=BM4R-2E5N_17aa_lin'], setCookie: ['atlassian.xsrf.token=BM4R-2E5N_17bb_lout; Path=/'] });
    const q = t.req('/browse/ABC-2', { user: null, cookies: [cookie, 'atlassian.xsrf.token=BM4R-2E5N_17bb_lout'] });
    expect(codes(t.log)).toEqual([`${p.index}:silent-anonymous`, `${q.index}:silent-anonymous`]);
    expect(analyze(t.log).findings[0]!.message).toContain('XSRF cookie ends in lout');
  });
  it('the token expiry counts as the session end: an expired token sent is named in the finding', () => {
    const t = new Traffic(CLOUD);
    const cookie = `tenant.session.token=${token({ exp: IAT + 60 })}`;
    t.req('/jira/your-work', { user: null, accountId: ACCOUNT, cookies: [cookie] });
    t.advance(3_600_000);
    t.req('/rest/api/3/search', { status: 401, user: null, html: false, cookies: [cookie] });
    const r = analyze(t.log);
    expect(r.findings.map((f) => f.code)).toEqual(['session-expired']);
    expect(r.sessions[0]!.events.map((e) => e.kind).filter((k) => k !== 'sent')).toEqual(['expired', 'anonymous']);
  });
});

describe('the XSRF cookie on Server/DC', () => {
  it('a visitor who was lout from the start, with the JSESSIONID Tomcat gives everyone, is never flagged', () => {
    const t = new Traffic();
    t.req('/secure/Dashboard.jspa', { setCookie: ['JSESSIONID=ANON1; Path=/; HttpOnly', 'atlassian.xsrf.token=AQZJ|abc|lout; Path=/'] });
    t.req('/browse/ABC-1', { cookies: ['JSESSIONID', 'atlassian.xsrf.token=AQZJ|abc|lout'] });
    t.req('/rest/api/2/myself', { status: 401, html: false, cookies: ['JSESSIONID', 'atlassian.xsrf.token=AQZJ|abc|lout'], challenge: 'OAuth realm="x"' });
    expect(codes(t.log)).toEqual([]);
  });
  it('Confluence DC names nobody on anonymous pages: after a named user, the lout answer is silent-anonymous', () => {
    const t = new Traffic('https://wiki.example.com');
    const fp = [{ name: 'X-Confluence-Request-Time', value: '1700000000000' }];
    t.req('/dologin.action', { method: 'POST', status: 302, user: 'fred', reason: 'OK', extra: fp, setCookie: ['JSESSIONID=S1; Path=/', 'atlassian.xsrf.token=A|b|lin; Path=/'] });
    t.req('/display/DOC/Home', { user: 'fred', extra: fp, cookies: ['JSESSIONID', 'atlassian.xsrf.token=A|b|lin'] });
    const p = t.req('/display/DOC/Home', { user: null, extra: fp, cookies: ['JSESSIONID', 'atlassian.xsrf.token=A|b|lin'], setCookie: ['atlassian.xsrf.token=A|c|lout; Path=/'] });
    const r = t.req('/rest/api/content', { status: 401, user: null, html: false, extra: fp, cookies: ['JSESSIONID', 'atlassian.xsrf.token=A|c|lout'] });
    expect(codes(t.log)).toEqual([`${p.index}:silent-anonymous`, `${r.index}:session-expired`]);
  });
  it('a REST login answering with X-AUSERNAME: anonymous and a lout cookie is a login, not an anonymous answer', () => {
    const t = new Traffic();
    t.req('/rest/auth/1/session', { method: 'POST', reason: 'OK', html: false, cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=NEW; Path=/', 'atlassian.xsrf.token=A|b|lout; Path=/'] });
    expect(codes(t.log)).toEqual([]);
  });
});

describe('cookie rotation', () => {
  it('OUT, OK with a clear then a new value of the same cookie is a renewal of the same session', () => {
    const t = new Traffic(JIRA);
    const rotate = ['studio.crowd.tokenkey=""; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/', 'studio.crowd.tokenkey=NEWTOKEN123; Path=/'];
    t.req('/rest/api/2/myself', { user: 'jordan', reason: 'OK', html: false, basic: ['jordan', 'pw'], setCookie: ['studio.crowd.tokenkey=FIRST123; Path=/'] });
    for (let i = 0; i < 3; i++) t.req('/rest/api/2/myself', { user: 'jordan', reason: 'OUT, OK', html: false, basic: ['jordan', 'pw'], setCookie: rotate });
    t.page('/secure/Dashboard.jspa', 'jordan', ['studio.crowd.tokenkey']);
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions).toHaveLength(1);
    expect(r.sessions[0]).toMatchObject({ cookie: 'studio.crowd.tokenkey', user: 'jordan', clearedEntry: null });
    expect(r.sessions[0]!.events.map((e) => e.kind).filter((k) => k !== 'sent')).toEqual(['issued', 'renewed', 'renewed', 'renewed']);
  });
  it('a clear that is the last word on the cookie is still a clear', () => {
    const t = new Traffic(JIRA);
    t.formLogin('fred');
    t.req('/secure/Dashboard.jspa', { user: 'fred', cookies: ['JSESSIONID'], setCookie: ['JSESSIONID=NEW; Path=/', 'JSESSIONID=; Max-Age=0; Path=/'] });
    expect(analyze(t.log).findings.map((f) => f.code)).toEqual(['session-cookie-cleared']);
  });
});

describe('redaction keeps what the analysis reads', () => {
  it('the live log exported as HAR, and that HAR redacted again, analyse like the live log; no token anywhere', () => {
    const { t, cookie } = cloudSignedIn();
    t.req('/browse/ABC-1', { user: null, cookies: [cookie] });
    t.req('/rest/api/3/search', { status: 401, user: null, html: false, cookies: [cookie] });
    const har = exchangesToHar(t.log, { name: 'test', version: '0' });
    const redacted = redactHar(har);
    expect(JSON.stringify(redacted)).not.toMatch(/c2lnbmF0dXJl|sid-SECRET/);
    const live = analyze(t.log);
    expect(live.sessions[0]!.tokenExpires).not.toBeNull();
    expect(analyze(readHar(JSON.stringify(har)).exchanges)).toEqual(live);
    expect(analyze(readHar(JSON.stringify(redacted)).exchanges)).toEqual(live);
  });
});

describe('a visible end of the session', () => {
  it('Confluence DC sends a dead session to the login with a lout cookie: no finding (not silent), but the session is over and the status says expired', async () => {
    const { originStatuses } = await import('./status');
    const t = new Traffic('https://wiki.example.com');
    const fp = [{ name: 'X-Confluence-Request-Time', value: '1700000000000' }];
    t.req('/dologin.action', { method: 'POST', status: 302, user: 'fred', reason: 'OK', extra: fp, setCookie: ['JSESSIONID=S1; Path=/', 'atlassian.xsrf.token=A|b|lin; Path=/'] });
    t.req('/display/TEAM/Roadmap', { user: 'fred', extra: fp, cookies: ['JSESSIONID', 'atlassian.xsrf.token=A|b|lin'] });
    const redirect = t.req('/display/TEAM/Roadmap', {
      status: 302, user: null, extra: fp, location: '/login.action?os_destination=%2Fdisplay%2FTEAM%2FRoadmap&permissionViolation=true',
      cookies: ['JSESSIONID', 'atlassian.xsrf.token=A|b|lin'], setCookie: ['atlassian.xsrf.token=A|c|lout; Path=/'],
    });
    t.req('/login.action', { user: null, extra: fp, cookies: ['JSESSIONID', 'atlassian.xsrf.token=A|c|lout'] });
    const r = analyze(t.log);
    expect(r.findings).toEqual([]);
    expect(r.sessions[0]).toMatchObject({ user: 'fred', anonymousEntry: redirect.index });
    expect(originStatuses(r, t.log.at(-1)!.time)[0]).toMatchObject({ kind: 'expired', user: 'fred' });
  });
});
