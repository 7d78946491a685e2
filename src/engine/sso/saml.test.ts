import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { base64Bytes, decodeSamlParam, inflateCapped, SAML_LIMITS } from './saml';
import { ACS, IDP_ENTITY, SIGNATURE_SECRET, SP, authnRequestXml, base64, redirectEncode, responseXml } from '../test-support/saml';

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('SAML decoding', () => {
  it('reads an AuthnRequest from the Redirect binding (base64 + raw DEFLATE)', () => {
    const r = decodeSamlParam(redirectEncode(authnRequestXml({ issueInstant: NOW })), 'redirect');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.facts).toMatchObject({ binding: 'redirect', message: 'AuthnRequest', id: '_req1', issuer: SP, acsUrl: ACS, issueInstant: NOW, status: null });
  });

  it('reads an AuthnRequest without namespace prefixes (default namespace)', () => {
    const r = decodeSamlParam(redirectEncode(authnRequestXml({ prefix: '' })), 'redirect');
    expect(r.ok && r.facts.message).toBe('AuthnRequest');
  });

  it.each(['saml', 'saml2', ''] as const)('reads every fact of a POST-binding Response (assertion prefix %j)', (prefix) => {
    const r = decodeSamlParam(base64(responseXml({ now: NOW, prefix })), 'post');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.facts).toEqual({
      binding: 'post',
      message: 'Response',
      id: '_r1',
      inResponseTo: '_req1',
      issueInstant: NOW,
      issuer: IDP_ENTITY,
      destination: ACS,
      acsUrl: null,
      status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Success', subCode: null, message: null },
      nameId: 'fred@example.com',
      nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      sessionIndex: '_sess42',
      audiences: [SP],
      assertionIssuer: IDP_ENTITY,
      assertionIssueInstant: NOW,
      notBefore: NOW - 5000,
      notOnOrAfter: NOW + 300_000,
      subjectNotBefore: null,
      subjectNotOnOrAfter: NOW + 300_000,
      recipient: ACS,
      authnInstant: NOW - 1000,
      sessionNotOnOrAfter: NOW + 8 * 3600_000,
      attributeNames: ['email', 'groups'],
      responseSigned: true,
      assertionSigned: true,
      assertionEncrypted: false,
    });
    // Facts only: no attribute value, signature or assertion text.
    const json = JSON.stringify(r.facts);
    expect(json).not.toContain(SIGNATURE_SECRET);
    expect(json).not.toContain('fred-secret-attr');
  });

  it('reads a failed status with its second-level code and message', () => {
    const r = decodeSamlParam(
      base64(responseXml({ now: NOW, status: 'urn:oasis:names:tc:SAML:2.0:status:Responder', subStatus: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed', statusMessage: 'User &quot;fred&quot; is not assigned' })),
      'post',
    );
    expect(r.ok && r.facts.status).toEqual({
      code: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
      subCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
      message: 'User "fred" is not assigned',
    });
    expect(r.ok && r.facts.nameId).toBe(null);
  });

  it('says an assertion is encrypted', () => {
    const r = decodeSamlParam(base64(responseXml({ now: NOW, encrypted: true })), 'post');
    expect(r.ok && r.facts.assertionEncrypted).toBe(true);
    expect(r.ok && r.facts.assertionSigned).toBe(false);
  });

  it('accepts a `+` that reached a query string as a space', () => {
    const b = redirectEncode(authnRequestXml()).replace(/\+/g, ' ');
    expect(decodeSamlParam(b, 'redirect').ok).toBe(true);
  });

  it.each([
    ['bad base64', '!!!notbase64', 'redirect', /base64/],
    ['empty', '', 'post', /base64/],
    ['not DEFLATE', base64('<AuthnRequest/>'), 'redirect', /DEFLATE/],
    ['truncated DEFLATE', base64(deflateSync(strToU8(authnRequestXml())).subarray(0, 40)), 'redirect', /truncated|DEFLATE/],
    ['not XML', base64('hello world'), 'post', /not XML/],
    ['a DTD', base64('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x">]><samlp:Response/>'), 'post', /DTD/],
  ] as const)('gives an error fact for %s', (_name, value, binding, error) => {
    const r = decodeSamlParam(value, binding);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('stops a decompression bomb at the output cap', () => {
    const bomb = deflateSync(new Uint8Array(10 * 1024 * 1024)); // 10 MB of zeros → ~10 KB
    const t0 = performance.now();
    const r = decodeSamlParam(base64(bomb), 'redirect');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/inflates to more than/);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(inflateCapped(bomb, SAML_LIMITS.maxInflated).ok).toBe(false);
  });

  it('decodes base64 like the standard', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 'hello, world…']) {
      const enc = Buffer.from(s).toString('base64');
      if (s === '') expect(base64Bytes(enc)).toBe(null);
      else expect(Buffer.from(base64Bytes(enc)!).toString()).toBe(s);
    }
    expect(base64Bytes('ab=c')).toBe(null);
  });
});
