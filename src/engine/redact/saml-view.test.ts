/** The SAML message as people read it: pretty, names as sent, signatures and encrypted data masked, user data kept. */
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { maskedPrettyXml, maskedSamlXml, SAML_VIEW_MAX_CHARS } from './saml-view';
import { ACS, SIGNATURE_SECRET, authnRequestXml, base64, redirectEncode, responseXml } from '../test-support/saml';
import { IMPORT_VIEW, LIVE_VIEW, toExchangeKeeping, type RawExchange } from '../intake/to-exchange';

const NOW = Date.UTC(2026, 10, 24, 10, 0, 0);

describe('maskedSamlXml', () => {
  it('pretty-prints a signed Response: one element a line, indented, prefixes and namespaces as sent', () => {
    const xml = maskedSamlXml(base64(responseXml({ now: NOW })), 'post')!;
    const lines = xml.split('\n');
    expect(lines[0]).toMatch(/^<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" InResponseTo="_req1" Version="2.0" IssueInstant="[^"]+" Destination="https:\/\/jira\.example\.com\/plugins\/servlet\/samlconsumer">$/);
    expect(lines).toContain('  <saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://idp.example.org/saml/metadata</saml:Issuer>');
    expect(lines).toContain('  <samlp:Status>');
    expect(lines).toContain('    <samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>');
    expect(lines.at(-1)).toBe('</samlp:Response>');
    expect(xml).toContain('      <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">fred@example.com</saml:NameID>');
  });

  it('masks every SignatureValue and DigestValue; keeps NameID and attribute values', () => {
    const xml = maskedSamlXml(base64(responseXml({ now: NOW })), 'post')!;
    expect(xml).not.toContain(SIGNATURE_SECRET);
    expect(xml).not.toContain('ZGlnZXN0');
    expect(xml.match(/<ds:SignatureValue>\[redacted \d+\]<\/ds:SignatureValue>/g)).toHaveLength(2);
    expect(xml.match(/<ds:DigestValue>\[redacted 8\]<\/ds:DigestValue>/g)).toHaveLength(2);
    expect(xml).toContain('<saml:AttributeValue>fred-secret-attr@example.com</saml:AttributeValue>');
    expect(xml).toContain('<saml:AttributeValue>jira-users</saml:AttributeValue>');
  });

  it('masks encrypted data, an attribute named like a secret, and tokens anywhere', () => {
    expect(maskedSamlXml(base64(responseXml({ now: NOW, encrypted: true })), 'post')).toContain('<xenc:CipherValue>[redacted 8]</xenc:CipherValue>');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmcmVkIn0.c2lnbmF0dXJlLXBsYW50ZWQtMTIzNA';
    const xml = maskedPrettyXml(
      `<Response><Assertion><AttributeStatement><Attribute Name="accessToken"><AttributeValue>opaque-planted-5521</AttributeValue></Attribute><Attribute Name="note"><AttributeValue>${jwt}</AttributeValue></Attribute></AttributeStatement></Assertion></Response>`,
    )!;
    expect(xml).not.toContain('opaque-planted-5521');
    expect(xml).not.toContain(jwt);
    expect(xml).toContain('<Attribute Name="accessToken">');
  });

  it('reads the Redirect binding (DEFLATE) too, and escapes what it prints', () => {
    const xml = maskedSamlXml(redirectEncode(authnRequestXml()), 'redirect')!;
    expect(xml.split('\n')[1]).toBe('  <saml:Issuer>https://jira.example.com</saml:Issuer>');
    expect(xml).toContain(`AssertionConsumerServiceURL="${ACS}"`);
    expect(maskedPrettyXml('<a b="x&quot;&lt;y">1 &lt; 2 &amp; 3</a>')).toBe('<a b="x&quot;&lt;y">1 &lt; 2 &amp; 3</a>');
  });

  it('hostile input: null for a DTD, a bomb or garbage; long text is cut; never throws', () => {
    expect(maskedPrettyXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')).toBeNull();
    expect(maskedSamlXml('not base64 !!', 'post')).toBeNull();
    expect(maskedSamlXml(base64(deflateSync(strToU8('<a>' + 'x'.repeat(2_000_000) + '</a>'))), 'redirect')).toBeNull();
    expect(maskedPrettyXml('<a><b></a>')).toBeNull();
    const long = maskedPrettyXml(`<a><b>${'c'.repeat(100_000)}</b></a>`)!;
    expect(long.length).toBeLessThan(10_000);
    expect(long).toMatch(/…\[\+\d+ chars\]/);
    const many = maskedPrettyXml(`<a>${'<b>0123456789</b>'.repeat(19_000)}</a>`)!;
    expect(many.length).toBeLessThanOrEqual(SAML_VIEW_MAX_CHARS);
    expect(many).toMatch(/\n… 17001 more elements not shown$/);
    const wide = maskedPrettyXml(`<a>${`<b>${'w'.repeat(8000)}</b>`.repeat(60)}</a>`)!;
    expect(wide.length).toBeLessThanOrEqual(SAML_VIEW_MAX_CHARS + 8200);
    expect(wide).toMatch(/\n… \d+ more elements not shown$/);
  });
});

describe('the SAML XML on exchanges', () => {
  it('an imported exchange carries it; a live one never does', () => {
    const raw: RawExchange = {
      index: 0, id: '0', time: NOW, method: 'POST', url: ACS, status: 302, requestHeaders: [],
      responseHeaders: [{ name: 'Location', value: 'https://jira.example.com/secure/Dashboard.jspa' }],
      requestBody: { text: `SAMLResponse=${encodeURIComponent(base64(responseXml({ now: NOW })))}&RelayState=abc`, mimeType: 'application/x-www-form-urlencoded' },
    };
    const imported = toExchangeKeeping(raw, IMPORT_VIEW);
    expect(imported.samlXml).toContain('<samlp:Response');
    expect(imported.sso?.saml?.message).toBe('Response');
    const live = toExchangeKeeping(raw, LIVE_VIEW);
    expect(live.samlXml).toBeUndefined();
    expect(JSON.stringify(live)).not.toContain(SIGNATURE_SECRET);
  });
});
