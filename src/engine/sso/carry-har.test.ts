import { describe, expect, it } from 'vitest';
import { SSO_HAR_FIELD, ssoFactsFromJson } from './carry';
import { ACS, IDP_ENTITY, SIGNATURE_SECRET, SP, base64, responseXml } from '../test-support/saml';
import { redactHar } from '../redact/redact';
import { exchangesToHar, readHar } from '../har/har';
import { analyze } from '../analysis/analyzer';

const T = Date.UTC(2026, 10, 24, 10, 0, 0);

/** A HAR with one SAML POST to the consumer, as a browser records it (the form with the assertion). */
function harWith(xml: string, extra: Record<string, unknown> = {}) {
  const form = `SAMLResponse=${encodeURIComponent(base64(xml))}&RelayState=relay-1`;
  return {
    log: {
      version: '1.2',
      creator: { name: 't', version: '1' },
      entries: [
        {
          startedDateTime: new Date(T).toISOString(),
          time: 20,
          request: { method: 'POST', url: ACS, headers: [], postData: { mimeType: 'application/x-www-form-urlencoded', text: form } },
          response: { status: 401, headers: [{ name: 'Date', value: new Date(T).toUTCString() }, { name: 'X-AUSERNAME', value: 'anonymous' }] },
          ...extra,
        },
      ],
    },
  };
}

const failed = responseXml({ now: T, status: 'urn:oasis:names:tc:SAML:2.0:status:Responder', statusMessage: 'No such user' });

describe('SSO facts carried in a HAR (_seraphSso), end to end through redact, export and import', () => {
  it('redact keeps the facts and drops the message: the analysis of the redacted file is the same, and a second redaction changes nothing', () => {
    const raw = harWith(failed);
    const redacted = redactHar(raw);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(base64(failed).slice(0, 40));
    expect(text).not.toContain(SIGNATURE_SECRET);
    const entry = redacted.log.entries[0] as Record<string, unknown>;
    expect(entry[SSO_HAR_FIELD]).toMatchObject({ endpoint: 'saml-consumer', from: 'form', saml: { issuer: IDP_ENTITY, status: { message: 'No such user' } } });
    const before = analyze(readHar(JSON.stringify(raw)).exchanges);
    const after = analyze(readHar(text).exchanges);
    expect(before.findings.map((f) => f.code)).toContain('sso-failed');
    expect(after.findings).toEqual(before.findings);
    expect(after.sso).toEqual(before.sso);
    expect(JSON.stringify(redactHar(redacted))).toBe(text);
  });

  it("the panel's export carries the exchange's facts, and importing it finds the same", () => {
    const { exchanges } = readHar(JSON.stringify(harWith(failed)));
    const exported = JSON.stringify(exchangesToHar(exchanges, { name: 'seraph-lens', version: 'test' }));
    expect(exported).toContain(SSO_HAR_FIELD);
    expect(analyze(readHar(exported).exchanges).findings.map((f) => f.code)).toContain('sso-failed');
  });

  it('a message still in the entry wins over what it claims to carry', () => {
    const good = responseXml({ now: T });
    const claim = { endpoint: 'saml-consumer', saml: { message: 'Response', status: { code: 'urn:oasis:names:tc:SAML:2.0:status:Requester' } } };
    const { exchanges } = readHar(JSON.stringify(harWith(good, { [SSO_HAR_FIELD]: claim })));
    expect(exchanges[0]!.sso!.saml!.status!.code).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
  });

  it('a hostile field is rebuilt key by key: wrong types, unknown keys, huge strings and prototypes are dropped or capped', () => {
    const hostile = {
      endpoint: 'rm -rf',
      from: 'body',
      departs: 'elsewhere',
      responseDate: 'yesterday',
      token: 'eyJhbGciOi.secret.sig',
      saml: {
        binding: 'post',
        message: 'Response',
        issuer: 'x'.repeat(100_000),
        audiences: [SP, 42, { a: 1 }, ...Array.from({ length: 500 }, (_, i) => `a${i}`)],
        notOnOrAfter: Infinity,
        responseSigned: 'yes',
        assertion: '<saml:Assertion>…</saml:Assertion>',
        status: 'Success',
        __proto__: { polluted: true },
      },
    };
    const facts = ssoFactsFromJson(JSON.parse(JSON.stringify(hostile)))!;
    expect(facts.endpoint).toBeNull();
    expect(facts.from).toBeUndefined();
    expect(facts.departs).toBeUndefined();
    expect(facts.responseDate).toBeUndefined();
    expect(JSON.stringify(facts)).not.toContain('eyJhbGciOi');
    expect(JSON.stringify(facts)).not.toContain('Assertion>');
    expect(facts.saml!.issuer!.length).toBeLessThanOrEqual(513);
    expect(facts.saml!.audiences[0]).toBe(SP);
    expect(facts.saml!.audiences.length).toBeLessThanOrEqual(50);
    expect(facts.saml!.notOnOrAfter).toBeNull();
    expect(facts.saml!.responseSigned).toBe(false);
    expect(facts.saml!.status).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const junk of [null, 1, 'x', []]) expect(ssoFactsFromJson(junk)).toBeUndefined();
  });
});
