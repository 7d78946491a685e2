import { describe, expect, it } from 'vitest';
import { shortUri, ssoView } from './sso-view';
import type { SamlFacts, SsoFacts } from '../../engine/types';

const T = new Date(2026, 11, 1, 10, 2, 0).getTime();
const MIN = 60_000;

function response(over: Partial<SamlFacts> = {}): SamlFacts {
  return {
    binding: 'post',
    message: 'Response',
    id: '_r1',
    inResponseTo: '_a1',
    issueInstant: T,
    issuer: 'http://idp.example.test/',
    destination: 'https://jira.example.com/plugins/servlet/samlconsumer',
    acsUrl: null,
    status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Success', subCode: null, message: null },
    nameId: 'fred',
    nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
    sessionIndex: '_s1',
    audiences: ['https://jira.example.com'],
    assertionIssuer: 'http://idp.example.test/',
    assertionIssueInstant: T,
    notBefore: T - MIN,
    notOnOrAfter: T + 5 * MIN,
    subjectNotBefore: null,
    subjectNotOnOrAfter: T + 5 * MIN,
    recipient: 'https://jira.example.com/plugins/servlet/samlconsumer',
    authnInstant: T,
    sessionNotOnOrAfter: T + 8 * 60 * MIN,
    attributeNames: ['email', 'displayName'],
    responseSigned: true,
    assertionSigned: true,
    assertionEncrypted: false,
    ...over,
  };
}

const consumer = { url: 'https://jira.example.com/plugins/servlet/samlconsumer', time: T + 2000 };
const facts = (saml: SamlFacts, over: Partial<SsoFacts> = {}): SsoFacts => ({ endpoint: 'saml-consumer', from: 'form', saml, ...over });
const row = (view: ReturnType<typeof ssoView>, label: string) => view!.rows.find((r) => r.label === label);

describe('ssoView', () => {
  it('has nothing to say about an exchange without SSO facts', () => {
    expect(ssoView(undefined, consumer)).toBeNull();
    expect(ssoView({ endpoint: null }, consumer)).toBeNull();
  });

  it('a good response: the facts in words, nothing marked, and a note that the assertion was not kept', () => {
    const v = ssoView(facts(response()), consumer, new Set(), T)!;
    expect(v.title).toBe("This URL is where the IdP's SAML answer arrives (the consumer).");
    expect(row(v, 'SAML message')!.value).toBe('Response, POST binding, read from the posted form');
    expect(row(v, 'Status')).toEqual({ label: 'Status', value: 'Success' });
    expect(row(v, 'NameID')!.value).toBe('fred');
    expect(row(v, 'NameID format')!.value).toBe('unspecified');
    expect(row(v, 'Conditions valid')!.value).toBe('10:01:00 – 10:07:00');
    expect(row(v, 'IdP allows the session until')!.value).toBe('18:02:00');
    expect(row(v, 'Attributes')!.value).toBe('email, displayName');
    expect(row(v, 'Signed')!.value).toBe('response and assertion');
    expect(v.rows.filter((r) => r.problem)).toEqual([]);
    expect(v.kept).toMatch(/assertion itself is a credential/);
  });

  it('marks the evidence of each finding the engine raised, and only then', () => {
    const failed = response({ status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Responder', subCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed', message: 'No such user' } });
    expect(row(ssoView(facts(failed), consumer, new Set(), T), 'Status')!.problem).toBeUndefined();
    const v = ssoView(facts(failed), consumer, new Set(['sso-failed']), T)!;
    expect(row(v, 'Status')).toEqual({ label: 'Status', value: 'Responder / AuthnFailed: No such user', problem: 'the IdP did not sign you in' });

    const late = response({ notOnOrAfter: T - 4 * MIN, subjectNotOnOrAfter: T - 4 * MIN });
    expect(row(ssoView(facts(late), consumer, new Set(['sso-assertion-expired']), T), 'Conditions valid')!.problem).toBe('received 4 min 2 s after it ended');
    const early = response({ notBefore: T + 10 * MIN });
    expect(row(ssoView(facts(early), consumer, new Set(['sso-clock-skew']), T), 'Conditions valid')!.problem).toBe('received 9 min 58 s before it began');

    const aud = response({ audiences: ['https://old-base-url.example.com'] });
    expect(row(ssoView(facts(aud), consumer, new Set(['sso-audience-mismatch']), T), 'Audience')!.problem).toBe('this site is https://jira.example.com');
    const dest = response({ destination: 'https://old-base-url.example.com/plugins/servlet/samlconsumer' });
    expect(row(ssoView(facts(dest), consumer, new Set(['sso-destination-mismatch']), T), 'Destination')!.problem).toBe(
      'posted to https://jira.example.com/plugins/servlet/samlconsumer',
    );
    expect(row(ssoView(facts(response({ nameId: 'fred@idp.example.com' })), consumer, new Set(['sso-user-unknown']), T), 'NameID')!.problem).toMatch(/no session/);
  });

  it('an AuthnRequest in a redirect, an OIDC callback and an unreadable message', () => {
    const req = ssoView(
      { endpoint: 'saml-login', from: 'location', departs: 'saml', saml: response({ message: 'AuthnRequest', binding: 'redirect', status: null, acsUrl: consumer.url, audiences: [] }) },
      { url: 'https://jira.example.com/plugins/servlet/external-login/1', time: T },
      new Set(),
      T,
    )!;
    expect(req.title).toBe('This URL starts a SAML sign-in. The answer sends the browser to the identity provider (SAML).');
    expect(row(req, 'SAML message')!.value).toBe("AuthnRequest, Redirect binding, read from the response's Location");
    expect(row(req, 'Consumer URL (ACS)')!.value).toBe(consumer.url);
    expect(row(req, 'Signed')).toBeUndefined();

    const oidc = ssoView(
      { endpoint: 'oidc-callback', oidc: { error: 'access_denied', errorDescription: 'User cancelled', statePresent: true, codePresent: false, tokenPresent: false } },
      consumer,
      new Set(['sso-failed']),
      T,
    )!;
    expect(row(oidc, 'Error')).toEqual({ label: 'Error', value: 'access_denied: User cancelled', problem: 'the provider did not sign you in' });
    expect(row(oidc, 'Authorization code')!.value).toBe('none');
    expect(oidc.kept).toBe('Codes and tokens are never kept.');

    const bad = ssoView({ endpoint: 'saml-consumer', error: 'SAML message rejected: DOCTYPE is not allowed' }, consumer, new Set(), T)!;
    expect(row(bad, 'Could not read the message')).toEqual({ label: 'Could not read the message', value: 'SAML message rejected: DOCTYPE is not allowed', problem: 'nothing of it was kept' });
  });

  it("says how far the server's clock is from the browser's", () => {
    const v = ssoView(facts(response(), { responseDate: consumer.time + 10 * MIN }), consumer, new Set(), T)!;
    expect(row(v, "Server's clock (Date)")!.value).toBe('10:12:02 (10 min ahead of this browser)');
    expect(row(ssoView(facts(response(), { responseDate: consumer.time + 500 }), consumer, new Set(), T), "Server's clock (Date)")!.value).toBe('10:02:02');
  });

  it('words status URIs by their last word', () => {
    expect(shortUri('urn:oasis:names:tc:SAML:2.0:status:Success', 'urn:oasis:names:tc:SAML:2.0:status:')).toBe('Success');
    expect(shortUri('http://example.com/x', 'urn:')).toBe('http://example.com/x');
  });
});
