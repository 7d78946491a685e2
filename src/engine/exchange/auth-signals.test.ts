/** Token, OAuth and IdP signals read before redaction: short words, bounded, never a secret. */
import { describe, expect, it } from 'vitest';
import { toExchange, type RawExchange } from '../intake/to-exchange';

const raw = (o: Partial<RawExchange> & { body?: string }): RawExchange => ({
  index: 0, id: '0', time: 0, method: 'GET', url: 'https://acme.atlassian.net/rest/api/3/myself', status: 401,
  requestHeaders: [], responseHeaders: [], ...(o.body !== undefined ? { responseBody: { text: o.body } } : {}), ...o,
});
const facts = (o: Partial<RawExchange> & { body?: string }) => toExchange(raw(o)).bodyFacts;

describe('auth signals', () => {
  it('body texts of Cloud token refusals', () => {
    expect(facts({ body: '{"code":401,"message":"Unauthorized; scope does not match"}' })).toEqual({ scopeMismatch: 'scope does not match' });
    expect(facts({ status: 403, body: '{"error":"insufficient_scope"}' })).toEqual({ scopeMismatch: 'insufficient_scope' });
    expect(facts({ status: 403, body: '{"error": "Failed to parse Connect Session Auth Token"}' })).toEqual({ connectTokenUnparsed: true });
    expect(facts({ body: 'Basic authentication with passwords is deprecated.  For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/' })).toEqual({ basicPasswordDeprecated: true });
    // Not on success answers that merely mention the words.
    expect(facts({ status: 200, body: '{"summary":"scope does not match"}' })).toBeUndefined();
  });
  it('oauth_problem from a form body or WWW-Authenticate, with the Date to judge a timestamp', () => {
    const date = 'Tue, 24 Nov 2026 10:00:00 GMT';
    expect(facts({ body: 'oauth_problem=token_rejected', responseHeaders: [{ name: 'Date', value: date }] })).toEqual({ oauthProblem: { problem: 'token_rejected', from: 'body' }, serverDate: Date.parse(date) });
    expect(facts({ responseHeaders: [{ name: 'WWW-Authenticate', value: 'OAuth realm="https://jira.example.com", oauth_problem="signature_invalid"' }] })).toEqual({ oauthProblem: { problem: 'signature_invalid', from: 'www-authenticate' } });
    expect(facts({ body: 'oauth_problem=<script>' })).toBeUndefined();
  });
  it('invalid_grant from the token endpoint; the refresh token never kept', () => {
    const f = facts({ method: 'POST', url: 'https://auth.atlassian.com/oauth/token', status: 403, requestBody: { text: '{"refresh_token":"SECRETREFRESH"}' }, body: '{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}' });
    expect(f).toEqual({ oauthError: { error: 'invalid_grant', description: 'Unknown or invalid refresh token.' } });
  });
  it('login errors from the URL or a Location, bounded', () => {
    expect(facts({ status: 200, url: 'https://id.atlassian.com/login?error=access_denied&error_description=authentication-policy-strategy-mismatch' })).toEqual({
      loginError: { error: 'access_denied', description: 'authentication-policy-strategy-mismatch', from: 'url' },
    });
    expect(facts({ status: 302, url: 'https://auth.atlassian.com/login/callback', responseHeaders: [{ name: 'Location', value: 'https://id.atlassian.com/login?error=access_denied&error_description=x' }] })?.loginError?.from).toBe('location');
    const long = facts({ status: 200, url: `https://id.atlassian.com/login?error=access_denied&error_description=${'a'.repeat(5000)}` });
    expect(long?.loginError?.description?.length).toBeLessThanOrEqual(200);
  });
  it("IdP error pages: an Entra code, Okta's not-assigned 403", () => {
    expect(facts({ url: 'https://login.microsoftonline.com/x/saml2', status: 400, body: '<html>AADSTS50105: The signed in user is not assigned</html>' })).toEqual({ idpError: 'AADSTS50105' });
    expect(facts({ url: 'https://login.microsoftonline.com/x/saml2', status: 200, body: '<html>Error AADSTS50011 reply URL</html>' })).toEqual({ idpError: 'AADSTS50011' });
    expect(facts({ url: 'https://jira.example.com/wiki/entra-errors', status: 200, body: 'AADSTS50105 explained' })).toBeUndefined();
    expect(facts({ url: 'https://acme.okta.com/app/x/sso/saml', status: 403, body: 'Sorry, you cannot access Atlassian Cloud because you are not assigned this app in Okta.' })).toEqual({ idpError: 'Okta: app not assigned' });
  });
});
