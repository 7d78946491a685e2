/**
 * The 2026 Cloud token world (tokens-2026.md §§1, 2, 5, 6): classic and scoped API tokens on the site and the
 * gateway, expired and revoked tokens, the wrong scheme, password Basic, OAuth 2.0 refresh and access tokens,
 * and the SSO policy refusal of Atlassian's login.
 */
import { describe, expect, it } from 'vitest';
import { connect } from 'node:tls';
import { testTlsFor } from './tls';
import { CLOUD_TOKENS, DEFAULT_CLOUD_ID, SSO_POLICY_MISMATCH, type Emulator } from './server';
import { basic, get, start } from './test-client';

const EMAIL = 'user@example.com';
const ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const cloud = (opts = {}) => start({ mode: 'cloud', ...opts });
const wiki = () => start({ mode: 'cloud', product: 'confluence' });

/** A request to api.atlassian.com (the platform listener). */
function platform(emu: Emulator, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(emu.platformUrl! + path, { redirect: 'manual', ...init });
}
const jiraGateway = (emu: Emulator, path: string, auth: string) => platform(emu, `/ex/jira/${emu.cloudId}${path}`, { headers: { Authorization: auth } });
const refresh = (emu: Emulator, token: string) =>
  platform(emu, '/oauth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ grant_type: 'refresh_token', client_id: 'app', client_secret: 's', refresh_token: token }) });

describe('Cloud API tokens', () => {
  it('are shaped like real ones: ATATT3xFfGF0…, about 190 characters, =<8 hex>', () => {
    for (const t of Object.values(CLOUD_TOKENS)) expect(t).toMatch(/^ATATT3xFfGF0[\w-]{168}=[0-9A-F]{8}$/);
  });

  it('/_edge/tenant_info answers the cloudId without credentials', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/_edge/tenant_info');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ cloudId: DEFAULT_CLOUD_ID });
  });

  it('a classic token works at the site', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic(EMAIL, CLOUD_TOKENS.classic) });
    expect([res.status, res.headers.get('x-seraph-loginreason'), res.headers.get('x-aaccountid')]).toEqual([200, 'OK', ACCOUNT]);
  });

  it('a classic token works at the gateway, answering like the site', async () => {
    const { emu } = await cloud();
    const res = await jiraGateway(emu, '/rest/api/2/myself', basic(EMAIL, CLOUD_TOKENS.classic));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-aaccountid')).toBe(ACCOUNT);
    expect(await res.json()).toMatchObject({ accountId: ACCOUNT, emailAddress: EMAIL });
    expect(emu.platformRequests.at(-1)).toEqual({ method: 'GET', url: `/ex/jira/${DEFAULT_CLOUD_ID}/rest/api/2/myself`, status: 200 });
  });

  it('a scoped token works via the gateway (Confluence: /ex/confluence/{cloudId}/wiki/rest/…)', async () => {
    const { emu } = await wiki();
    const res = await platform(emu, `/ex/confluence/${emu.cloudId}/wiki/rest/api/content`, { headers: { Authorization: basic(EMAIL, CLOUD_TOKENS.scoped) } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { size: number }).size).toBe(5);
  });

  it('a scoped token at the site host: 401 "Unauthorized; scope does not match"', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic(EMAIL, CLOUD_TOKENS.scoped) });
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('{"code":401,"message":"Unauthorized; scope does not match"}');
  });

  it('a scoped token without the scope the endpoint needs, at the gateway: 401 scope does not match', async () => {
    const { emu } = await cloud();
    expect((await jiraGateway(emu, '/rest/api/2/myself', basic(EMAIL, CLOUD_TOKENS.scopedNarrow))).status).toBe(200);
    const res = await jiraGateway(emu, '/rest/api/2/search?jql=', basic(EMAIL, CLOUD_TOKENS.scopedNarrow));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
  });

  it('an expired token at the site: REST that needs a user is 401 "Client must be authenticated…", AUTHENTICATED_FAILED, _lout', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic(EMAIL, CLOUD_TOKENS.expired) });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(await res.json()).toEqual({ message: 'Client must be authenticated to access this resource.', 'status-code': 401 });
    expect(res.headers.getSetCookie().some((c) => /^atlassian\.xsrf\.token=[^;]*_lout;/.test(c))).toBe(true);
  });

  it('a revoked token at the site: a page open to anonymous answers 200 as anonymous with a _lout XSRF cookie', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/issues/?jql=', { Authorization: basic(EMAIL, CLOUD_TOKENS.revoked) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(res.headers.get('x-aaccountid')).toBeNull();
    expect(res.headers.getSetCookie().some((c) => /^atlassian\.xsrf\.token=[^;]*_lout;/.test(c))).toBe(true);
    expect(await res.text()).toContain('<b data-testid="issue-count">5</b>');
  });

  it('expired and revoked tokens at the gateway: 401', async () => {
    const { emu } = await cloud();
    for (const t of [CLOUD_TOKENS.expired, CLOUD_TOKENS.revoked]) expect((await jiraGateway(emu, '/rest/api/2/myself', basic(EMAIL, t))).status).toBe(401);
  });

  it('an API token sent as Bearer to the site: 403 "Failed to parse Connect Session Auth Token"', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: `Bearer ${CLOUD_TOKENS.classic}` });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"error": "Failed to parse Connect Session Auth Token"}');
  });

  it('password Basic on Cloud: 401 "Basic authentication with passwords is deprecated.  For more information, see: …"', async () => {
    const { emu } = await cloud();
    const res = await get(emu, '/rest/api/2/myself', { Authorization: basic(EMAIL, 'secret') });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-seraph-loginreason')).toBe('AUTHENTICATED_FAILED');
    expect(await res.text()).toBe('Basic authentication with passwords is deprecated.  For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/');
  });

  it('the gateway serves only the REST API of this site: another cloudId or a page is 404', async () => {
    const { emu } = await cloud();
    expect((await platform(emu, '/ex/jira/00000000-0000-0000-0000-000000000000/rest/api/2/myself')).status).toBe(404);
    expect((await jiraGateway(emu, '/secure/Dashboard.jspa', basic(EMAIL, CLOUD_TOKENS.classic))).status).toBe(404);
  });
});

describe('OAuth 2.0 (3LO)', () => {
  it('a known refresh token rotates: new access and refresh tokens, and the old one stops working', async () => {
    const { emu } = await cloud();
    const first = emu.oauthInitial!.refreshToken;
    const res = await refresh(emu, first);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    expect(body.refresh_token).not.toBe(first);
    expect((await jiraGateway(emu, '/rest/api/2/myself', `Bearer ${body.access_token}`)).status).toBe(200);
    expect((await refresh(emu, body.refresh_token)).status).toBe(200);
  });

  it('an unknown or reused refresh token: 403 invalid_grant "Unknown or invalid refresh token."', async () => {
    const { emu } = await cloud();
    const first = emu.oauthInitial!.refreshToken;
    await refresh(emu, first);
    for (const t of [first, 'not-a-refresh-token']) {
      const res = await refresh(emu, t);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
    }
  });

  it('an access token works through the gateway only: the site answers 401', async () => {
    const { emu } = await cloud();
    const auth = `Bearer ${emu.oauthInitial!.accessToken}`;
    expect((await jiraGateway(emu, '/rest/api/2/search?jql=', auth)).status).toBe(200);
    expect((await get(emu, '/rest/api/2/search?jql=', { Authorization: auth })).status).toBe(401);
  });
});

describe('Cloud SSO policy', () => {
  it('with the switch on, Atlassian\'s login redirects with error=access_denied&error_description=authentication-policy-strategy-mismatch', async () => {
    const { emu } = await cloud();
    const authorize = (q: string) => platform(emu, `/authorize?${q}`);
    const ok = await authorize('redirect_uri=https%3A%2F%2Facme.atlassian.net%2Flogin%2Fcallback&state=s1');
    expect(ok.headers.get('location')).toMatch(/^https:\/\/acme\.atlassian\.net\/login\/callback\?code=[\w-]+&state=s1$/);
    const set = await fetch(`${emu.url}/__emulator/sso-policy?mismatch=true`, { method: 'POST', redirect: 'manual' });
    expect(set.status).toBe(303);
    const refused = await authorize('redirect_uri=https%3A%2F%2Facme.atlassian.net%2Flogin%2Fcallback&state=s2');
    expect(refused.status).toBe(302);
    expect(refused.headers.get('location')).toBe(`https://acme.atlassian.net/login/callback?error=access_denied&error_description=${SSO_POLICY_MISMATCH}&state=s2`);
  });
});

describe('the platform listener over TLS', () => {
  it('presents the certificate of api.atlassian.com or auth.atlassian.com by SNI, as the browser tests map both names to it', async () => {
    const { emu } = await cloud({ tls: testTlsFor('acme.atlassian.net'), publicOrigin: 'https://acme.atlassian.net' });
    for (const name of ['api.atlassian.com', 'auth.atlassian.com']) {
      const subject = await new Promise<string>((resolve, reject) => {
        const sock = connect({ host: '127.0.0.1', port: emu.platformPort!, servername: name, rejectUnauthorized: false }, () => {
          resolve(String(sock.getPeerCertificate().subject.CN));
          sock.end();
        });
        sock.on('error', reject);
      });
      expect(subject).toBe(name);
    }
    expect(emu.platformUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  }, 30_000);
});
