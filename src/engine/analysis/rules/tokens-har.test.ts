/**
 * The token codes from a HAR file read the same after `redact`: the shapes live in the Authorization
 * markers, OAuth 1.0 keeps its non-secret parameters, and the signals' texts are not secrets.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzer';
import { readHar } from '../../har/har';
import { redactHar } from '../../redact/redact';

const API_TOKEN = 'ATATT3xFfGF0' + 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY'.repeat(5) + '=A1B2C3D4';
const PAT = btoa('658186425649:' + String.fromCharCode(...Array.from({ length: 20 }, (_, i) => 200 + i)));
const SECRETS = [API_TOKEN.slice(5, 40), PAT, 'hunter2', 'SECRETREFRESH', 'SECRETOAUTHTOKEN', 'SECRETSIG', 'SECRETNONCE'];

function entry(method: string, url: string, status: number, req: [string, string][], res: [string, string][], body = '', postData?: string) {
  return {
    startedDateTime: '2026-11-24T10:00:00.000Z', time: 10,
    request: { method, url, httpVersion: 'HTTP/1.1', headers: req.map(([name, value]) => ({ name, value })), cookies: [], queryString: [], headersSize: -1, bodySize: -1, ...(postData ? { postData: { mimeType: 'application/json', text: postData } } : {}) },
    response: { status, statusText: '', httpVersion: 'HTTP/1.1', headers: res.map(([name, value]) => ({ name, value })), cookies: [], content: { size: body.length, mimeType: 'application/json', text: body }, redirectURL: '', headersSize: -1, bodySize: -1 },
    cache: {}, timings: { send: 0, wait: 10, receive: 0 },
  };
}

const har = {
  log: {
    version: '1.2', creator: { name: 'test', version: '1' },
    entries: [
      entry('GET', 'https://acme.atlassian.net/rest/api/3/myself', 401, [['Authorization', `Basic ${btoa(`fred@acme.com:${API_TOKEN}`)}`]], [['X-Seraph-LoginReason', 'AUTHENTICATED_FAILED']], '{"message":"Client must be authenticated to access this resource.","status-code":401}'),
      entry('GET', 'https://acme.atlassian.net/rest/api/3/myself', 401, [['Authorization', `Basic ${btoa('fred@acme.com:hunter2')}`]], [], 'Basic authentication with passwords is deprecated.  For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/'),
      entry('GET', 'https://acme.atlassian.net/rest/api/3/issue/A-1', 403, [['Authorization', `Bearer ${API_TOKEN}`]], [], '{"error": "Failed to parse Connect Session Auth Token"}'),
      entry('GET', 'https://api.atlassian.com/ex/jira/1a2b/rest/api/3/field', 401, [['Authorization', `Basic ${btoa(`bot@acme.com:${API_TOKEN}`)}`]], [], '{"code":401,"message":"Unauthorized; scope does not match"}'),
      entry('POST', 'https://auth.atlassian.com/oauth/token', 403, [], [], '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}', '{"grant_type":"refresh_token","client_id":"abc","refresh_token":"SECRETREFRESH"}'),
      entry('GET', 'https://jira.example.com/rest/api/2/myself', 401, [['Authorization', `Basic ${btoa(`fred:${PAT}`)}`]], [['X-AREQUESTID', '1'], ['X-Seraph-LoginReason', 'AUTHENTICATED_FAILED']]),
      entry('GET', 'https://jira.example.com/rest/api/2/issue/A-1', 401, [['Authorization', 'OAuth oauth_consumer_key="Confluence%3A1", oauth_token="SECRETOAUTHTOKEN", oauth_signature_method="RSA-SHA1", oauth_signature="SECRETSIG", oauth_timestamp="1795514090", oauth_nonce="SECRETNONCE", oauth_version="1.0"']], [['X-AREQUESTID', '2'], ['Date', 'Tue, 24 Nov 2026 10:05:00 GMT']], 'oauth_problem=timestamp_refused'),
      entry('GET', 'https://id.atlassian.com/login?error=access_denied&error_description=authentication-policy-strategy-mismatch', 200, [], []),
    ],
  },
};

describe('token codes through a redacted HAR', () => {
  it('the same findings, at the same entries, with no secret left', () => {
    const before = analyze(readHar(JSON.stringify(har)).exchanges).findings;
    const redacted = JSON.stringify(redactHar(structuredClone(har)));
    const after = analyze(readHar(redacted).exchanges).findings;
    expect(before.map((f) => `${f.entry}:${f.code}`)).toEqual([
      '0:cloud-token-refused', '0:login-failed',
      '1:cloud-password-basic',
      '2:token-wrong-scheme',
      '3:scope-mismatch',
      '4:oauth-refresh-rejected',
      '5:token-wrong-scheme', '5:login-failed',
      '6:applink-oauth-problem',
      '7:sso-policy-mismatch',
    ]);
    expect(after).toEqual(before);
    for (const s of SECRETS) expect(redacted, s).not.toContain(s);
    expect(redacted).toContain('shape=api-token');
    expect(redacted).toContain('oauth_consumer_key=\\"Confluence%3A1\\"');
  });
});
