import { describe, expect, it } from 'vitest';
import { SSO_CONSUMER_MATCH_PATTERNS, SSO_ENDPOINTS, SSO_MATCH_PATTERNS, ssoEndpointOf } from './endpoints';

describe('Atlassian SSO endpoints', () => {
  it.each([
    ['https://jira.example.com/plugins/servlet/samlconsumer', 'saml-consumer'],
    ['https://host.example.com/jira/plugins/servlet/samlconsumer', 'saml-consumer'],
    ['https://jira.example.com/plugins/servlet/external-login', 'saml-login'],
    ['https://jira.example.com/plugins/servlet/external-login/1?os_destination=%2F', 'saml-login'],
    ['https://wiki.example.com/plugins/servlet/oidc/callback?code=x&state=y', 'oidc-callback'],
    ['https://wiki.example.com/plugins/servlet/oidc/initiate-login', 'oidc-login'],
    ['https://crowd.example.com/crowd/console/secure/saml/sso.action?SAMLRequest=x', 'crowd-idp'],
    ['https://jira.example.com/plugins/servlet/samlsso', 'saml-consumer'],
    ['https://auth.atlassian.com/login/callback?connection=saml-1234', 'cloud-saml-consumer'],
    ['https://auth.atlassian.com/authorize?client_id=x', 'cloud-login'],
    ['https://id.atlassian.com/login?continue=x', 'cloud-login'],
    ['https://jira.example.com/secure/Dashboard.jspa', null],
    ['https://id.atlassian.com/manage-profile', null],
    ['https://evil.example.com/login/callback', null],
    ['not a url', null],
  ])('%s → %s', (url, kind) => {
    expect(ssoEndpointOf(url)).toBe(kind);
  });

  it('cites a source for every endpoint and gives valid match patterns', () => {
    for (const e of SSO_ENDPOINTS) expect(e.source).toMatch(/^https:\/\//);
    for (const p of SSO_MATCH_PATTERNS) expect(p).toMatch(/^(\*|https):\/\/(\*|[a-z.]+)\/.*$/);
    expect(SSO_CONSUMER_MATCH_PATTERNS).toContain('*://*/*plugins/servlet/samlconsumer');
    expect(SSO_CONSUMER_MATCH_PATTERNS).toContain('https://auth.atlassian.com/login/callback*');
  });
});
