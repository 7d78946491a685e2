import { describe, expect, it } from 'vitest';
import { analyze } from '../analyzer';
import type { FindingCode } from '../../types';
import { ACS, IDP_SSO, SP, SsoTraffic, authnRequestXml, redirectEncode, responseXml } from '../../test-support/saml';
import { ALLOWED_SKEW_MS } from '../sso';
import { buildStory, storyText } from '../story';
import { SSO_EXPLANATIONS } from '../explain';
import { FINDING_TITLES } from '../finding-groups';

const SSO_CODES = ['sso-failed', 'sso-assertion-expired', 'sso-clock-skew', 'sso-audience-mismatch', 'sso-destination-mismatch', 'sso-loop', 'sso-user-unknown'];
const ssoCodes = (t: SsoTraffic) => analyze(t.log).findings.filter((f) => SSO_CODES.includes(f.code)).map((f) => [f.code, f.entry] as [FindingCode, number]);

/** Jira → IdP → consumer; `after` answers the consumer's redirect. */
function login(opts: Partial<Parameters<typeof responseXml>[0]> = {}, consumer: Parameters<SsoTraffic['consume']>[1] = {}, pageUser = 'fred'): SsoTraffic {
  const t = new SsoTraffic();
  t.raw(`${SP}/secure/Dashboard.jspa`, { status: 302, location: `${SP}/login.jsp` });
  t.depart();
  t.atIdp();
  t.consume(responseXml({ now: t.t + 500, ...opts }), { setCookie: ['JSESSIONID=SSOSESSION123; Path=/; HttpOnly'], ...consumer });
  t.raw(`${SP}/secure/Dashboard.jspa`, { cookies: 'JSESSIONID=SSOSESSION123', user: pageUser });
  return t;
}

describe('SSO findings', () => {
  it('a good SAML login raises none, and ties the session to the sign-in', () => {
    const t = login();
    expect(ssoCodes(t)).toEqual([]);
    const r = analyze(t.log);
    const s = r.sessions.find((x) => x.cookie === 'JSESSIONID' && x.user === 'fred');
    expect(s?.sso).toMatchObject({ entry: 3, protocol: 'saml', issuer: 'https://idp.example.org/saml/metadata', nameId: 'fred@example.com' });
    expect(s?.sso?.sessionNotOnOrAfter).toBeGreaterThan(t.log[3]!.time);
    expect(r.sso?.map((x) => [x.entry, x.sso.saml?.message ?? null, x.sso.from ?? null])).toEqual([
      [1, 'AuthnRequest', 'location'],
      [2, 'AuthnRequest', 'url'],
      [3, 'Response', 'form'],
    ]);
  });

  it('sso-failed on a non-Success status', () => {
    const t = login({ status: 'urn:oasis:names:tc:SAML:2.0:status:Responder', subStatus: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed', statusMessage: 'not assigned' }, { status: 401, location: undefined, setCookie: [] }, 'anonymous');
    expect(ssoCodes(t)).toEqual([['sso-failed', 3]]);
    expect(analyze(t.log).findings.find((f) => f.code === 'sso-failed')?.message).toMatch(/Responder \/ AuthnFailed \("not assigned"\)/);
  });

  it('sso-assertion-expired when NotOnOrAfter passed beyond the allowed drift', () => {
    const t = login({ now: 0 }, {}, 'anonymous');
    // Re-build with an assertion issued 10 minutes before it arrived, valid 1 minute.
    const u = new SsoTraffic();
    u.depart();
    u.consume(responseXml({ now: u.t - 10 * 60_000, validMs: 60_000 }), { status: 401, location: undefined });
    expect(ssoCodes(u)).toEqual([['sso-assertion-expired', 1]]);
    expect(analyze(u.log).findings.find((f) => f.code === 'sso-assertion-expired')?.message).toMatch(/too late\. The IdP dated it 10 min/);
    expect(t.log.length).toBeGreaterThan(0);
  });

  it('sso-clock-skew when the assertion is not yet valid at the consumer', () => {
    const u = new SsoTraffic();
    u.depart();
    u.consume(responseXml({ now: u.t + 10 * 60_000 }), { status: 401, location: undefined });
    expect(ssoCodes(u)).toEqual([['sso-clock-skew', 1]]);
  });

  it('no clock finding within the allowed drift, nor from the Date header’s one-second resolution', () => {
    const u = new SsoTraffic();
    u.depart();
    u.consume(responseXml({ now: u.t + ALLOWED_SKEW_MS - 2000 }));
    u.consume(responseXml({ now: u.t + 5900 - 5000 }), { date: Math.floor(u.t / 1000) * 1000 });
    expect(ssoCodes(u)).toEqual([]);
  });

  it('sso-audience-mismatch when the audience is another SP', () => {
    expect(ssoCodes(login({ audience: 'https://confluence.example.com' }, { status: 401, location: undefined }, 'anonymous'))).toEqual([['sso-audience-mismatch', 3]]);
    // The base URL with a context path, the origin and a trailing slash are all this SP.
    for (const audience of [`${SP}/`, SP.toUpperCase().replace('HTTPS', 'https'), `${SP}:443`]) expect(ssoCodes(login({ audience }))).toEqual([]);
  });

  it('sso-destination-mismatch when Destination is another URL', () => {
    expect(ssoCodes(login({ destination: 'http://jira.internal:8080/plugins/servlet/samlconsumer' }, { status: 401, location: undefined }, 'anonymous'))).toEqual([['sso-destination-mismatch', 3]]);
  });

  it('sso-loop once when the consumer sends the browser back to the IdP without a session', () => {
    const t = new SsoTraffic();
    t.depart();
    for (let i = 0; i < 3; i++) {
      t.atIdp();
      t.consume(responseXml({ now: t.t + 500 }), { location: `${IDP_SSO}?SAMLRequest=${encodeURIComponent(redirectEncode(authnRequestXml()))}` });
    }
    t.atIdp();
    t.consume(responseXml({ now: t.t + 500 }), { status: 401, location: undefined });
    expect(ssoCodes(t)).toEqual([['sso-loop', 2]]);
  });

  it('no sso-loop when the user signed in between two trips', () => {
    const t = login();
    t.advance(5000);
    t.raw(`${SP}/logout`, { cookies: 'JSESSIONID=SSOSESSION123', headers: [{ name: 'X-Seraph-LoginReason', value: 'OUT' }] });
    t.depart();
    expect(ssoCodes(t)).toEqual([]);
  });

  it('sso-user-unknown when the consumer refuses a valid assertion', () => {
    const t = login({ nameId: 'nobody@example.com' }, { status: 401, location: undefined, setCookie: ['JSESSIONID=VISITOR1; Path=/'] }, 'anonymous');
    expect(ssoCodes(t)).toEqual([['sso-user-unknown', 3]]);
    // The cookie of the error page is no SSO session.
    expect(analyze(t.log).sessions.every((s) => s.sso === undefined)).toBe(true);
    expect(analyze(t.log).findings.find((f) => f.code === 'sso-user-unknown')?.message).toMatch(/nobody@example\.com/);
  });

  it('sso-user-unknown when the consumer redirects on but the next page is anonymous', () => {
    const t = login({ nameId: 'nobody@example.com' }, {}, 'anonymous');
    expect(ssoCodes(t)).toEqual([['sso-user-unknown', 4]]);
  });

  it('an SSO consumer\'s 401 error page is no API challenge: only the SSO finding', () => {
    const u = new SsoTraffic();
    u.depart();
    u.consume(responseXml({ now: u.t + 10 * 60_000 }), { status: 401, location: undefined, setCookie: [] });
    expect(analyze(u.log).findings.map((f) => f.code)).toEqual(['sso-clock-skew']);
  });

  it('only Atlassian origins get SSO findings', () => {
    const t = new SsoTraffic();
    t.raw('https://app.other.example/saml/acs', { method: 'POST', status: 401, user: null, form: `SAMLResponse=${encodeURIComponent(Buffer.from(responseXml({ now: t.t, status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' })).toString('base64'))}` });
    expect(ssoCodes(t)).toEqual([]);
    expect(analyze(t.log).sso).toHaveLength(1);
  });

  it('OIDC: sso-failed on an error callback, none on a good one', () => {
    const t = new SsoTraffic();
    t.raw(`${SP}/plugins/servlet/oidc/initiate-login`, { status: 302, location: `${IDP_SSO}/authorize?response_type=code&client_id=jira&redirect_uri=${encodeURIComponent(`${SP}/plugins/servlet/oidc/callback`)}&state=abc` });
    t.raw(`${SP}/plugins/servlet/oidc/callback?error=access_denied&error_description=denied&state=abc`, { status: 401 });
    expect(ssoCodes(t)).toEqual([['sso-failed', 1]]);
    const good = new SsoTraffic();
    good.raw(`${SP}/plugins/servlet/oidc/initiate-login`, { status: 302, location: `${IDP_SSO}/authorize?response_type=code&client_id=jira&redirect_uri=${encodeURIComponent(`${SP}/plugins/servlet/oidc/callback`)}&state=abc` });
    good.raw(`${SP}/plugins/servlet/oidc/callback?code=CODE123&state=abc`, { status: 302, location: `${SP}/`, setCookie: ['JSESSIONID=OIDC1; Path=/'] });
    good.raw(`${SP}/`, { cookies: 'JSESSIONID=OIDC1', user: 'fred' });
    expect(ssoCodes(good)).toEqual([]);
    expect(analyze(good.log).sessions.find((s) => s.user === 'fred')?.sso).toMatchObject({ protocol: 'oidc', entry: 1 });
  });

  it('OIDC: sso-loop when the callback sends the browser back to the provider', () => {
    const t = new SsoTraffic();
    const authorize = `${IDP_SSO}/authorize?response_type=code&client_id=jira&redirect_uri=${encodeURIComponent(`${SP}/plugins/servlet/oidc/callback`)}&state=abc`;
    t.raw(`${SP}/plugins/servlet/oidc/initiate-login`, { status: 302, location: authorize });
    t.raw(`${SP}/plugins/servlet/oidc/callback?code=C1&state=abc`, { status: 302, location: authorize });
    t.raw(`${SP}/plugins/servlet/oidc/callback?code=C2&state=abc`, { status: 302, location: authorize });
    expect(ssoCodes(t)).toEqual([['sso-loop', 1]]);
  });

  it('the consumer URL is redacted but its facts are kept', () => {
    const t = login();
    const consumer = t.log[3]!;
    expect(consumer.url).toBe(ACS);
    expect(consumer.sso?.saml?.nameId).toBe('fred@example.com');
    expect(t.log[1]!.responseHeaders.find((h) => h.name === 'Location')?.value).not.toContain(redirectEncode(authnRequestXml()).slice(0, 20));
  });

  it('the story says who signed in through SSO and until when the IdP allowed it', () => {
    const t = login();
    const r = analyze(t.log);
    const story = buildStory({ exchanges: t.log, findings: r.findings, sessions: r.sessions, now: t.t });
    const line = story.find((o) => o.origin === SP)!.lines[0]!;
    const consumer = t.log[3]!.time;
    expect(storyText(line)).toBe(
      `Signed in as fred since ${new Date(consumer).toISOString()} (cookie JSESSIONID) through single sign-on at https://idp.example.org/saml/metadata as fred@example.com; the identity provider allows the session until ${new Date(consumer + 8 * 3600_000).toISOString()}`,
    );
  });

  it('a failed SSO login is a story line of its own, naming whom the IdP asserted and the fix', () => {
    const t = login({ audience: 'https://old-base-url.example.com' }, { status: 401, location: undefined }, 'anonymous');
    const r = analyze(t.log);
    const lineOf = (log: typeof t.log, findings: typeof r.findings) => buildStory({ exchanges: log, findings, sessions: [], now: t.t }).find((o) => o.origin === SP)!.lines[0]!;
    const line = lineOf(t.log, r.findings);
    expect([line.kind, line.severity, line.account]).toEqual(['sso-audience-mismatch', 'error', 'fred@example.com']);
    expect(storyText(line)).toBe(
      `Single sign-on for fred@example.com was refused at ${new Date(t.log[3]!.time).toISOString()}: the assertion is for another site (audience) · Fix: ${line.fix}`,
    );
    expect(line.fix).toBe(r.findings.find((f) => f.code === 'sso-audience-mismatch')!.fix);
    // A failed status carries no assertion, so no NameID: the line says the account is not known.
    const failed = login({ status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' }, { status: 401, location: undefined }, 'anonymous');
    const f = lineOf(failed.log, analyze(failed.log).findings);
    expect(storyText(f)).toMatch(/^Single sign-on failed at \S+: the identity provider did not sign you in \(the request did not name the account\) · Fix: /);
  });

  it('every SSO code has a title, a plain-words meaning and the fix its findings carry', () => {
    const cases = [
      login({ status: 'urn:oasis:names:tc:SAML:2.0:status:Requester' }, { status: 401, location: undefined }, 'anonymous'),
      login({ audience: 'https://x.example' }, { status: 401, location: undefined }, 'anonymous'),
      login({ nameId: 'ghost' }, {}, 'anonymous'),
    ];
    for (const code of SSO_CODES) {
      expect(FINDING_TITLES[code as FindingCode]).toBeTruthy();
      expect(SSO_EXPLANATIONS[code as keyof typeof SSO_EXPLANATIONS].meaning.length).toBeGreaterThan(20);
    }
    for (const f of cases.flatMap((t) => analyze(t.log).findings).filter((x) => x.code.startsWith('sso-'))) {
      expect(f.fix).toBe(SSO_EXPLANATIONS[f.code as keyof typeof SSO_EXPLANATIONS].fix);
      expect(f.severity).toBe('error');
    }
  });
});
