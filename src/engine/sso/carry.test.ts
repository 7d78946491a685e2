import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SSO_HAR_FIELD, ssoFactsFromJson } from './carry';
import { redactHar } from '../redact/redact';
import { exchangesToHar, readHar } from '../har/har';
import { analyze } from '../analysis/analyzer';
import { ACS, SIGNATURE_SECRET, SP, base64, responseXml } from '../test-support/saml';
import { fuzz } from '../test-support/fuzz';

const T = Date.UTC(2026, 10, 24, 10, 0, 0);
const entry = (method: string, url: string, status: number, headers: { name: string; value: string }[], postData?: object) => ({
  startedDateTime: new Date(T).toISOString(),
  request: { method, url, headers: [], ...(postData ? { postData } : {}) },
  response: { status, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, ...headers] },
});
/** An assertion dated ten minutes in the consumer's future: sso-clock-skew. */
const skewed = base64(responseXml({ now: T + 10 * 60_000 }));
const HAR = {
  log: {
    version: '1.2',
    creator: { name: 't', version: '1' },
    entries: [entry('POST', ACS, 401, [{ name: 'Date', value: new Date(T).toUTCString() }], { mimeType: 'application/x-www-form-urlencoded', text: `SAMLResponse=${encodeURIComponent(skewed)}&RelayState=r` })],
  },
};

describe('SSO facts carried through redaction and export', () => {
  it('a redacted HAR analyses the same: the facts travel in _seraphSso, the message does not', () => {
    const redacted = redactHar(HAR);
    const text = JSON.stringify(redacted);
    expect(text).not.toContain(skewed.slice(0, 40));
    expect(text).not.toContain(SIGNATURE_SECRET);
    expect((redacted.log.entries[0] as Record<string, unknown>)[SSO_HAR_FIELD]).toMatchObject({ endpoint: 'saml-consumer', saml: { message: 'Response', nameId: 'fred@example.com' } });
    const before = analyze(readHar(JSON.stringify(HAR)).exchanges);
    const after = analyze(readHar(text).exchanges);
    expect(before.findings.map((f) => f.code)).toEqual(['sso-clock-skew']);
    expect(after.findings).toEqual(before.findings);
    expect(redactHar(redacted)).toEqual(redacted);
  });

  it('the panel export keeps the facts, and reading it back gives them again', () => {
    const exchanges = readHar(JSON.stringify(HAR)).exchanges;
    const back = readHar(JSON.stringify(exchangesToHar(exchanges, { name: 't', version: '1' }))).exchanges;
    expect(back[0]!.sso).toEqual(exchanges[0]!.sso);
    expect(analyze(back).findings.map((f) => f.code)).toEqual(['sso-clock-skew']);
  });

  it('carried facts are rebuilt, never trusted: any JSON gives facts of the right types or nothing', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (x, saml) => {
        for (const v of [x, { endpoint: 'saml-consumer', saml, oidc: x, audiences: x }, { endpoint: 'nope', saml: { binding: 'post', message: 'Response', audiences: [1, 'a', x], notBefore: x, status: x } }]) {
          const f = ssoFactsFromJson(v);
          if (!f) continue;
          expect(f.endpoint === null || typeof f.endpoint === 'string').toBe(true);
          if (f.saml) {
            expect(Array.isArray(f.saml.audiences) && f.saml.audiences.every((a) => typeof a === 'string')).toBe(true);
            expect(f.saml.notBefore === null || Number.isFinite(f.saml.notBefore)).toBe(true);
          }
        }
      }),
      fuzz(1905, 200),
    );
    expect(ssoFactsFromJson({ endpoint: 'nope' })).toEqual({ endpoint: null });
    // A hostile file cannot plant a finding's shape that crashes the analysis.
    const hostile = { log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [{ ...entry('POST', ACS, 401, []), [SSO_HAR_FIELD]: { endpoint: 'saml-consumer', from: 'form', saml: { binding: 'post', message: 'Response', audiences: 'x', status: 5 } } }] } };
    expect(() => analyze(readHar(JSON.stringify(hostile)).exchanges)).not.toThrow();
    expect(SP).toBeTruthy();
  });
});
