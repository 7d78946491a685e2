/**
 * The token, OAuth and Application Link codes (findings.md, research/tokens-2026.md): each raised on its
 * case, the more specific one before login-failed, and none on good logins (a classic API token, a Data
 * Center PAT as Bearer, an OAuth 2.0 call through the gateway) nor on origins that are not Atlassian.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzer';
import { Traffic, CLOUD, JIRA } from '../../test-support/exchanges';
import type { Exchange, FindingCode } from '../../types';
import { buildStory, storyText } from '../story';
import { textReport, plain } from '../../../cli/report-text';
import { reportContext } from '../../../cli/report-story';

const TOKEN_CODES: FindingCode[] = ['cloud-token-refused', 'cloud-password-basic', 'scope-mismatch', 'token-wrong-scheme', 'oauth-refresh-rejected', 'applink-oauth-problem', 'sso-policy-mismatch'];
const codesAt = (t: Traffic, ex: Exchange) => analyze(t.log).findings.filter((f) => f.entry === ex.index).map((f) => f.code);
const only = (t: Traffic, code: FindingCode) => analyze(t.log).findings.filter((f) => f.code === code);
const tokenCodes = (t: Traffic) => analyze(t.log).findings.filter((f) => TOKEN_CODES.includes(f.code)).map((f) => f.code);

/** An API token as Atlassian makes them since 2023 (made up). */
const API_TOKEN = 'ATATT3xFfGF0' + 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY'.repeat(5) + '=A1B2C3D4';
/** A classic token from before 2023: 24 letters and digits. */
const CLASSIC_TOKEN = 'Zb0cR8xDj0Lq2Wn4Yt6Ms8Kp';
/** A Data Center PAT: base64 of a numeric id, a colon and random bytes (44 characters). */
const PAT = btoa('658186425649:' + String.fromCharCode(...Array.from({ length: 20 }, (_, i) => 200 + i)));
const OAUTH2_ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI1NTcwNTg6YWJjIn0.c2lnbmF0dXJl';
const cloudJson = (o: Parameters<Traffic['req']>[1]) => ({ user: null, html: false, ...o });

describe('cloud-token-refused', () => {
  it('an API token refused by a Cloud site (401, AUTHENTICATED_FAILED): raised before login-failed, causes and URLs named', () => {
    const t = new Traffic(CLOUD);
    const r = t.req('/rest/api/3/myself', cloudJson({ status: 401, reason: 'AUTHENTICATED_FAILED', basic: ['fred@acme.com', API_TOKEN] }));
    expect(codesAt(t, r)).toEqual(['cloud-token-refused', 'login-failed']);
    const f = only(t, 'cloud-token-refused')[0]!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain('API token of fred@acme.com on GET /rest/api/3/myself (401 with AUTHENTICATED_FAILED)');
    expect(f.message).toMatch(/expired.*scoped token.*https:\/\/api\.atlassian\.com\/ex\/jira\/\{cloudId\}.*revoked.*email/);
    expect(f.fix).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(f.fix).toContain('https://acme.atlassian.net/_edge/tenant_info');
    expect(f.fix).toContain('Authorization: Basic base64(email:token)');
    expect(JSON.stringify(analyze(t.log))).not.toContain(API_TOKEN.slice(5, 30));
  });
  it('a 200 with AUTHENTICATED_FAILED on a page open to anonymous users counts (it ran as anonymous); a classic token too', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/3/serverInfo', cloudJson({ status: 200, reason: 'AUTHENTICATED_FAILED', basic: ['fred@acme.com', CLASSIC_TOKEN] }));
    expect(tokenCodes(t)).toEqual(['cloud-token-refused']);
    expect(only(t, 'cloud-token-refused')[0]!.message).toContain('ran as anonymous');
  });
  it('a scoped token at the site host answered 403 "Failed to parse Connect Session Auth Token": the gateway is the fix', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/3/issue/A-1', cloudJson({ status: 403, basic: ['bot@acme.com', API_TOKEN], responseBody: '{"error": "Failed to parse Connect Session Auth Token"}' }));
    expect(tokenCodes(t)).toEqual(['cloud-token-refused']);
    expect(only(t, 'cloud-token-refused')[0]!.message).toContain('scoped API token');
    expect(only(t, 'cloud-token-refused')[0]!.fix).toContain('https://acme.atlassian.net/_edge/tenant_info');
  });
  it('not for a good classic token, nor on Server / Data Center, nor where the answer names a scope', () => {
    const good = new Traffic(CLOUD);
    good.req('/rest/api/3/myself', cloudJson({ accountId: '557058:abc', reason: 'OK', basic: ['fred@acme.com', API_TOKEN] }));
    expect(analyze(good.log).findings).toEqual([]);
    const dc = new Traffic(JIRA);
    dc.basicRequest('/rest/api/2/myself', 'fred', API_TOKEN, 401);
    expect(tokenCodes(dc)).toEqual([]);
    const scoped = new Traffic(CLOUD);
    scoped.req('/rest/api/3/myself', cloudJson({ status: 401, basic: ['fred@acme.com', API_TOKEN], responseBody: '{"code":401,"message":"Unauthorized; scope does not match"}' }));
    expect(tokenCodes(scoped)).toEqual(['scope-mismatch']);
  });
});

describe('cloud-password-basic', () => {
  it('a password as Basic to a Cloud site, refused with 401', () => {
    const t = new Traffic(CLOUD);
    const r = t.req('/rest/api/3/myself', cloudJson({ status: 401, reason: 'AUTHENTICATED_FAILED', basic: ['fred@acme.com', 'hunter2'] }));
    expect(codesAt(t, r)).toEqual(['cloud-password-basic', 'login-failed']);
    const f = only(t, 'cloud-password-basic')[0]!;
    expect(f.message).toContain('a password, not an API token');
    expect(f.fix).toContain('https://id.atlassian.com/manage-profile/security/api-tokens');
    expect(JSON.stringify(analyze(t.log))).not.toContain('hunter2');
  });
  it("Cloud's deprecation text for a secret that is not token-shaped (a masked paste), not for an API token", () => {
    const body = 'Basic authentication with passwords is deprecated.  For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/';
    const masked = new Traffic(CLOUD);
    masked.req('/wiki/rest/api/space', cloudJson({ status: 401, basic: ['fred@acme.com', 'XXXXXXXX'], responseBody: body }));
    expect(tokenCodes(masked)).toEqual(['cloud-password-basic']);
    expect(only(masked, 'cloud-password-basic')[0]!.message).toContain('passwords is deprecated');
    const token = new Traffic(CLOUD);
    token.req('/wiki/rest/api/space', cloudJson({ status: 401, basic: ['fred@acme.com', API_TOKEN], responseBody: body }));
    expect(tokenCodes(token)).toEqual(['cloud-token-refused']);
  });
  it('a user name instead of an email stays cloud-basic-auth-username', () => {
    const t = new Traffic(CLOUD);
    t.basicRequest('/rest/api/3/myself', 'fred', 'hunter2', 401);
    expect(tokenCodes(t)).toEqual([]);
  });
});

describe('scope-mismatch', () => {
  it('at api.atlassian.com: the token lacks a scope (401 "scope does not match")', () => {
    const t = new Traffic('https://api.atlassian.com');
    t.req('/ex/jira/1324a/rest/api/3/field/customfield_1/option', cloudJson({ status: 401, bearer: OAUTH2_ACCESS, responseBody: '{"code":401,"message":"Unauthorized; scope does not match"}' }));
    const [f] = only(t, 'scope-mismatch');
    expect(f!.message).toContain('lacks a scope');
    expect(tokenCodes(t)).toEqual(['scope-mismatch']);
  });
  it('at the site: a scoped token where only classic tokens work (403 insufficient_scope in a Bearer challenge)', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/3/issue/ABC-1', cloudJson({ status: 403, basic: ['bot@serviceaccount.atlassian.com', API_TOKEN], challenge: 'Bearer error="insufficient_scope"' }));
    const [f] = only(t, 'scope-mismatch');
    expect(f!.message).toContain('scoped API token');
    expect(f!.fix).toContain('https://api.atlassian.com/ex/jira/{cloudId}');
    expect(f!.fix).toContain('https://acme.atlassian.net/_edge/tenant_info');
  });
  it('not on a good OAuth 2.0 call, nor on an origin that is not Atlassian', () => {
    const good = new Traffic('https://api.atlassian.com');
    good.req('/ex/jira/1324a/rest/api/3/myself', cloudJson({ bearer: OAUTH2_ACCESS, responseBody: '{"accountId":"557058:abc"}' }));
    expect(analyze(good.log).findings).toEqual([]);
    const other = new Traffic('https://api.example.org');
    other.req('/v1/things', cloudJson({ status: 401, bearer: OAUTH2_ACCESS, responseBody: '{"message":"Unauthorized; scope does not match"}' }));
    expect(analyze(other.log).findings).toEqual([]);
  });
});

describe('token-wrong-scheme', () => {
  it('an API token sent as Bearer to a Cloud site (403 Failed to parse Connect Session Auth Token)', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/3/myself', cloudJson({ status: 403, bearer: API_TOKEN, responseBody: '{"error": "Failed to parse Connect Session Auth Token"}' }));
    const [f] = only(t, 'token-wrong-scheme');
    expect(f!.message).toContain('an API token as Authorization: Bearer');
    expect(f!.fix).toContain('Authorization: Basic base64(email:token)');
    expect(tokenCodes(t)).toEqual(['token-wrong-scheme']);
  });
  it('a Data Center PAT sent as a Basic password and refused: before login-failed', () => {
    const t = new Traffic(JIRA);
    const r = t.basicRequest('/rest/api/2/myself', 'fred', PAT, 401);
    expect(codesAt(t, r)).toEqual(['token-wrong-scheme', 'login-failed']);
    expect(only(t, 'token-wrong-scheme')[0]!.fix).toContain('Authorization: Bearer');
  });
  it('not for a good PAT as Bearer on Data Center', () => {
    const t = new Traffic(JIRA);
    t.req('/rest/api/2/myself', { user: 'fred', reason: 'OK', bearer: PAT, html: false, setCookie: ['JSESSIONID=PATSESSION1; Path=/; HttpOnly'] });
    expect(analyze(t.log).findings).toEqual([]);
  });
});

describe('oauth-refresh-rejected', () => {
  it('POST https://auth.atlassian.com/oauth/token answering invalid_grant', () => {
    const t = new Traffic('https://auth.atlassian.com');
    t.req('/oauth/token', cloudJson({ method: 'POST', status: 403, requestBody: '{"grant_type":"refresh_token","refresh_token":"SECRETREFRESH"}', responseBody: '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}' }));
    const [f] = only(t, 'oauth-refresh-rejected');
    expect(f!.message).toContain('invalid_grant: "Unknown or invalid refresh token."');
    expect(f!.fix).toContain('authorization');
    expect(JSON.stringify(analyze(t.log))).not.toContain('SECRETREFRESH');
  });
  it('not on a successful refresh, nor on another error', () => {
    const t = new Traffic('https://auth.atlassian.com');
    t.req('/oauth/token', cloudJson({ method: 'POST', responseBody: '{"access_token":"eyJx.eyJ.sig","refresh_token":"R2","expires_in":3600}' }));
    t.req('/oauth/token', cloudJson({ method: 'POST', status: 401, responseBody: '{"error":"invalid_client"}' }));
    expect(tokenCodes(t)).toEqual([]);
  });
});

describe('applink-oauth-problem', () => {
  const oauth = (timestamp: number) =>
    `OAuth oauth_consumer_key="Confluence%3A1234567890", oauth_token="SECRETTOKEN1", oauth_signature_method="RSA-SHA1", oauth_signature="SECRETSIG%3D", oauth_timestamp="${timestamp}", oauth_nonce="SECRETNONCE", oauth_version="1.0"`;
  it('timestamp_refused in a form-encoded 401 body: decoded, with the consumer key and the clock difference to Date', () => {
    const date = Date.UTC(2026, 10, 24, 10, 0, 0);
    const t2 = new Traffic(JIRA);
    const ex = reqWithAuth(t2, oauth(date / 1000 - 310), 'oauth_problem=timestamp_refused', date);
    expect(codesAt(t2, ex)).toEqual(['applink-oauth-problem']);
    const f = only(t2, 'applink-oauth-problem')[0]!;
    expect(f.message).toContain('oauth_problem=timestamp_refused');
    expect(f.message).toContain('consumer key "Confluence:1234567890"');
    expect(f.message).toContain('5 min 10 s behind the server\'s Date header');
    expect(f.fix).toContain('NTP');
    const out = JSON.stringify(analyze(t2.log));
    for (const secret of ['SECRETTOKEN1', 'SECRETSIG', 'SECRETNONCE']) expect(out).not.toContain(secret);
  });
  it('each known problem has its own cause and fix; others are told generically', () => {
    const fixes = new Set<string>();
    for (const problem of ['consumer_key_unknown', 'signature_invalid', 'token_rejected', 'token_expired', 'nonce_used', 'permission_denied']) {
      const t = new Traffic(JIRA);
      reqWithAuth(t, oauth(1_800_000_000), `oauth_problem=${problem}`);
      const [f] = only(t, 'applink-oauth-problem');
      expect(f!.message, problem).toContain(problem);
      fixes.add(f!.fix);
    }
    expect(fixes.size).toBeGreaterThanOrEqual(5);
    const t = new Traffic(JIRA);
    reqWithAuth(t, oauth(1_800_000_000), 'oauth_problem=additional_authorization_required');
    expect(only(t, 'applink-oauth-problem')[0]!.fix).toContain("remote application's log");
  });
  it('from WWW-Authenticate: OAuth realm="…", oauth_problem="…"; a bare OAuth realm challenge is not one', () => {
    const t = new Traffic(JIRA);
    t.req('/rest/api/2/myself', { status: 401, user: null, html: false, challenge: 'OAuth realm="https://jira.example.com", oauth_problem="consumer_key_unknown"', extra: [{ name: 'X-AREQUESTID', value: '1' }] });
    expect(tokenCodes(t)).toEqual(['applink-oauth-problem']);
    expect(only(t, 'applink-oauth-problem')[0]!.message).toContain('no link back');
    const plainRealm = new Traffic(JIRA);
    plainRealm.req('/rest/api/2/myself', { status: 401, user: null, html: false, challenge: 'OAuth realm="https://jira.example.com"', extra: [{ name: 'X-AREQUESTID', value: '1' }] });
    expect(tokenCodes(plainRealm)).toEqual([]);
  });
});

/** A request with OAuth 1.0 credentials, answered 401 with `body` (and a Date where given). */
function reqWithAuth(t: Traffic, authorization: string, body: string, date?: number): Exchange {
  return t.req('/rest/api/2/myself', {
    status: 401, user: null, html: false, responseBody: body, authorization,
    extra: [{ name: 'X-AREQUESTID', value: '1x2' }, ...(date ? [{ name: 'Date', value: new Date(date).toUTCString() }] : [])],
  });
}

describe('sso-policy-mismatch', () => {
  it("Atlassian's login redirects with error=access_denied&error_description=authentication-policy-strategy-mismatch: raised once, on the redirect", () => {
    const auth = new Traffic('https://auth.atlassian.com');
    const redirect = auth.req('/login/callback?connection=saml-abc', { method: 'POST', status: 302, user: null, location: 'https://id.atlassian.com/login?error=access_denied&error_description=authentication-policy-strategy-mismatch' });
    const id = auth.at('https://id.atlassian.com');
    id.req('/login?error=access_denied&error_description=authentication-policy-strategy-mismatch', { user: null });
    const found = analyze(auth.log).findings.filter((f) => f.code === 'sso-policy-mismatch');
    expect(found.map((f) => f.entry)).toEqual([redirect.index]);
    expect(found[0]!.fix).toContain('authentication policy');
  });
  it('the landing page alone (a paste of the final URL) raises it there', () => {
    const id = new Traffic('https://id.atlassian.com');
    const page = id.req('/login?error=access_denied&error_description=authentication-policy-strategy-mismatch', { user: null });
    expect(analyze(id.log).findings.filter((f) => f.code === 'sso-policy-mismatch').map((f) => f.entry)).toEqual([page.index]);
  });
  it('not on another access_denied', () => {
    const id = new Traffic('https://id.atlassian.com');
    id.req('/login?error=access_denied&error_description=user_cancelled', { user: null });
    expect(tokenCodes(id)).toEqual([]);
  });
});

describe('story and text report', () => {
  it('a refused API token is one story line in plain words (login-failed of the same entry is not told again)', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/3/myself', cloudJson({ status: 401, reason: 'AUTHENTICATED_FAILED', basic: ['fred@acme.com', API_TOKEN] }));
    const r = analyze(t.log);
    const [s] = buildStory({ exchanges: t.log, findings: r.findings, sessions: r.sessions, now: t.log[0]!.time + 1000 });
    expect(s!.lines).toHaveLength(1);
    expect(s!.lines[0]!.kind).toBe('cloud-token-refused');
    expect(storyText(s!.lines[0]!, () => '10:02')).toMatch(/^An API token for fred@acme\.com was refused at 10:02: it has probably expired/);
  });
  it('the text report shows each finding with its method and path, the specific code first', () => {
    const t = new Traffic(CLOUD);
    t.req('/rest/api/3/myself', cloudJson({ status: 401, reason: 'AUTHENTICATED_FAILED', basic: ['fred@acme.com', API_TOKEN] }));
    const result = analyze(t.log);
    const text = textReport(result, { entries: 1, skipped: 0 }, 'x.har', plain, reportContext(t.log, result));
    const lines = text.split('\n').filter((l) => l.includes('[error]'));
    expect(lines).toEqual(['    [error] #1 GET /rest/api/3/myself · cloud-token-refused', '    [error] #1 GET /rest/api/3/myself · login-failed']);
  });
});
