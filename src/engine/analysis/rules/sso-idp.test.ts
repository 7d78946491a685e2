/**
 * sso-failed naming the IdP's own error (Entra AADSTS codes, research/tokens-2026.md §6), and
 * sso-audience-mismatch as java-saml checks it: the audience must be the SP entity id, the base URL.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzer';
import { ACS, SP, SsoTraffic, responseXml } from '../../test-support/saml';

const codes = (t: SsoTraffic) => analyze(t.log).findings.filter((f) => f.code.startsWith('sso-')).map((f) => f.code);
const finding = (t: SsoTraffic, code: string) => analyze(t.log).findings.find((f) => f.code === code);

describe('sso-failed names the IdP error', () => {
  it('an Entra AADSTS50105 in the SAML StatusMessage: cause and fix of that code', () => {
    const t = new SsoTraffic();
    t.depart();
    t.consume(
      responseXml({ now: t.t, status: 'urn:oasis:names:tc:SAML:2.0:status:Requester', subStatus: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied', statusMessage: "AADSTS50105: The signed in user 'fred@acme.com' is not assigned to a role for the application" }),
      { status: 401, location: undefined },
    );
    const f = finding(t, 'sso-failed')!;
    expect(f.message).toContain('AADSTS50105: the user (or their group) is not assigned');
    expect(f.fix).toContain('assign the user or their group');
  });
  it('an OIDC error_description with AADSTS50011 (reply URL); an unknown code points to the lookup page', () => {
    const t = new SsoTraffic();
    t.raw(`${SP}/plugins/servlet/oidc/callback?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+does+not+match&state=s1`, { status: 401 });
    expect(finding(t, 'sso-failed')!.fix).toContain('Reply URL');
    const u = new SsoTraffic();
    u.raw(`${SP}/plugins/servlet/oidc/callback?error=access_denied&error_description=AADSTS999999%3A+Something&state=s1`, { status: 401 });
    expect(finding(u, 'sso-failed')!.fix).toContain('https://login.microsoftonline.com/error?code=999999');
  });
  it('without an IdP code, the general fix stays', () => {
    const t = new SsoTraffic();
    t.raw(`${SP}/plugins/servlet/oidc/callback?error=access_denied&state=s1`, { status: 401 });
    expect(finding(t, 'sso-failed')!.fix).toMatch(/^Read the IdP's status/);
  });
});

describe('sso-audience-mismatch as java-saml', () => {
  const post = (t: SsoTraffic, acs: string, audience: string, accepted: boolean) =>
    t.raw(acs, {
      method: 'POST', status: accepted ? 302 : 401, ...(accepted ? { location: `${SP}/secure/Dashboard.jspa` } : {}),
      form: `SAMLResponse=${encodeURIComponent(btoa(responseXml({ now: t.t, audience, destination: acs, recipient: acs })))}`,
    });
  it('the consumer URL as audience is a mismatch, not sso-user-unknown', () => {
    const t = new SsoTraffic();
    t.depart();
    post(t, ACS, ACS, true);
    t.raw(`${SP}/secure/Dashboard.jspa`, { user: 'anonymous' });
    expect(codes(t)).toEqual(['sso-audience-mismatch']);
    expect(finding(t, 'sso-audience-mismatch')!.message).toContain('the consumer URL is not the entity id');
  });
  it('a bare origin where the site has a context path is a mismatch; the base URL with it is not', () => {
    const acs = `${SP}/jira/plugins/servlet/samlconsumer`;
    const t = new SsoTraffic();
    post(t, acs, SP, false);
    expect(codes(t)).toEqual(['sso-audience-mismatch']);
    expect(finding(t, 'sso-audience-mismatch')!.message).toContain(`its base URL "${SP}/jira"`);
    expect(finding(t, 'sso-audience-mismatch')!.message).toContain('lacks the context path');
    const ok = new SsoTraffic();
    post(ok, acs, `${SP}/jira`, true);
    expect(codes(ok)).toEqual([]);
  });
  it('a near spelling (trailing slash) counts only when the consumer accepted it', () => {
    const refused = new SsoTraffic();
    post(refused, ACS, `${SP}/`, false);
    expect(codes(refused)).toEqual(['sso-audience-mismatch']);
    expect(finding(refused, 'sso-audience-mismatch')!.message).toContain('differ only in spelling');
    const accepted = new SsoTraffic();
    post(accepted, ACS, `${SP}/`, true);
    expect(codes(accepted)).toEqual([]);
  });
});
