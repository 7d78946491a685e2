import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toExchange } from '../intake/to-exchange';
import { formDataToText, ssoFacts } from './sso';
import { ACS, IDP_SSO, SP, authnRequestXml, base64, redirectEncode, responseXml } from '../test-support/saml';
import { fuzz } from '../test-support/fuzz';

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('SSO facts of an exchange', () => {
  it('reads the POST binding from a form body, also when webRequest gave it parsed', () => {
    const value = base64(responseXml({ now: NOW }));
    const body = formDataToText({ SAMLResponse: [value], RelayState: ['r'] });
    const f = ssoFacts({ method: 'POST', url: ACS, status: 302, responseHeaders: [{ name: 'Date', value: new Date(NOW).toUTCString() }], requestBody: body });
    expect(f).toMatchObject({ endpoint: 'saml-consumer', from: 'form', responseDate: NOW, saml: { message: 'Response', nameId: 'fred@example.com' } });
  });

  it('reads the Redirect binding from a Location and marks the departure', () => {
    const location = `${IDP_SSO}?SAMLRequest=${encodeURIComponent(redirectEncode(authnRequestXml()))}&RelayState=x`;
    const f = ssoFacts({ method: 'GET', url: `${SP}/plugins/servlet/external-login`, status: 302, responseHeaders: [{ name: 'Location', value: location }] });
    expect(f).toMatchObject({ endpoint: 'saml-login', from: 'location', departs: 'saml', saml: { message: 'AuthnRequest', acsUrl: ACS } });
  });

  it('nothing for ordinary traffic', () => {
    expect(ssoFacts({ method: 'GET', url: `${SP}/secure/Dashboard.jspa`, status: 200, responseHeaders: [] })).toBeUndefined();
    expect(ssoFacts({ method: 'POST', url: `${SP}/login.jsp`, status: 302, responseHeaders: [{ name: 'Location', value: `${SP}/` }], requestBody: { text: 'os_username=fred', mimeType: 'application/x-www-form-urlencoded' } })).toBeUndefined();
  });

  it('a decode error is a fact', () => {
    const f = ssoFacts({ method: 'POST', url: ACS, status: 401, responseHeaders: [], requestBody: { text: 'SAMLResponse=%%%not-base64', mimeType: 'application/x-www-form-urlencoded' } });
    expect(f?.error).toMatch(/base64/);
  });

  it('fuzz: toExchange never throws on SAML-ish input, and the exchange never holds the parameter', () => {
    const good = base64(responseXml({ now: NOW }));
    const value = fc.oneof(fc.string({ minLength: 12, maxLength: 200 }).map((s) => `Zz${s}`), fc.constant(good), fc.uint8Array({ minLength: 9, maxLength: 300 }).map((b) => base64(b)));
    fc.assert(
      fc.property(value, fc.constantFrom('form', 'url', 'location'), fc.integer({ min: 0, max: 599 }), (v, where, status) => {
        const enc = encodeURIComponent(v);
        const ex = toExchange({
          index: 0, id: '0', time: NOW, method: where === 'form' ? 'POST' : 'GET', status,
          url: where === 'url' ? `${ACS}?SAMLResponse=${enc}` : ACS,
          requestHeaders: [],
          responseHeaders: where === 'location' ? [{ name: 'Location', value: `${IDP_SSO}?SAMLRequest=${enc}` }] : [],
          ...(where === 'form' ? { requestBody: { text: `SAMLResponse=${enc}`, mimeType: 'application/x-www-form-urlencoded' } } : {}),
        });
        const json = JSON.stringify(ex);
        expect(json).not.toContain(enc);
        if (v.length > 40) expect(json).not.toContain(v.slice(0, 40));
      }),
      fuzz(1904, 200),
    );
  });
});
