/**
 * Secrets planted where transcripts carry them (Authorization, Cookie, Set-Cookie, secret URL parameters,
 * JSON and form bodies, curl's -u and -b), in every shape: neither the exchanges nor the redacted copy
 * hold any of them, whatever their spelling.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readTranscript } from './transcript';
import { writeRedactedTranscript } from './write';
import { toExchange } from '../intake/to-exchange';

const secretArb = fc.stringMatching(/^[A-Za-z0-9_-]{12,40}$/).filter((s) => /[0-9]/.test(s) && /[a-z]/i.test(s));
const b64 = (s: string) => Buffer.from(s).toString('base64');

interface Planted {
  basic: string;
  bearer: string;
  cookie: string;
  setCookie: string;
  query: string;
  json: string;
  form: string;
}

function shapes(p: Planted): Record<string, string> {
  const requestHeaders = [`Host: jira.example.com`, `Authorization: Basic ${b64(`fred:${p.basic}`)}`, `Cookie: JSESSIONID=${p.cookie}`, 'Content-Type: application/json'];
  const responseHeaders = [`Set-Cookie: seraph.rememberme.cookie=${p.setCookie}; Path=/`, 'X-AUSERNAME: fred', 'Content-Type: application/json'];
  const target = `/rest/api/2/search?jql=x&os_password=${p.query}`;
  const body = `{"username":"fred","password":"${p.json}"}`;
  return {
    raw: [`POST ${target} HTTP/1.1`, ...requestHeaders, `Content-Length: ${body.length}`, '', body, '', 'HTTP/1.1 200 OK', ...responseHeaders, '', '{"total":1}', ''].join('\r\n'),
    verbose: ['* Connected to jira.example.com (10.0.0.1) port 443 (#0)', `> POST ${target} HTTP/1.1`, ...requestHeaders.map((h) => `> ${h}`), '>', '< HTTP/1.1 200 OK', ...responseHeaders.map((h) => `< ${h}`), '<', '{"total":1}'].join('\n'),
    trace: ['=> Send header, 1 bytes (0x1)', `0000: POST ${target} HTTP/1.1`, ...requestHeaders.map((h) => `0000: ${h}`), '0000: ', '=> Send data, 1 bytes (0x1)', `0000: ${body}`, '<= Recv header, 1 bytes (0x1)', '0000: HTTP/1.1 200 OK', ...responseHeaders.map((h) => `0000: ${h}`)].join('\n'),
    h2: [':method: POST', ':authority: jira.example.com', `:path: ${target}`, `authorization: Bearer ${p.bearer}`, `cookie: JSESSIONID=${p.cookie}`, '', ':status: 200', `set-cookie: JSESSIONID=${p.setCookie}; Path=/`].join('\n'),
    command: `$ curl -u 'fred:${p.basic}' -b "JSESSIONID=${p.cookie}" -H 'Authorization: Bearer ${p.bearer}' \\\n  --data 'os_username=fred&os_password=${p.form}' \\\n  "https://jira.example.com${target}"\nHTTP/1.1 200 OK\n${responseHeaders.join('\n')}\n`,
  };
}

describe('planted secrets', () => {
  it('are in no exchange and in no redacted copy', () => {
    fc.assert(
      fc.property(fc.record({ basic: secretArb, bearer: secretArb, cookie: secretArb, setCookie: secretArb, query: secretArb, json: secretArb, form: secretArb }), (p) => {
        for (const [name, text] of Object.entries(shapes(p))) {
          const exchanges = readTranscript(text).exchanges;
          expect(exchanges.length, name).toBeGreaterThan(0);
          const kept = JSON.stringify(exchanges.map(toExchange));
          const redacted = writeRedactedTranscript(text);
          for (const secret of Object.values(p)) {
            expect(kept, `${name}: exchange`).not.toContain(secret);
            expect(redacted, `${name}: copy`).not.toContain(secret);
          }
          expect(redacted).not.toContain(b64(`fred:${p.basic}`));
        }
      }),
      { numRuns: 60 },
    );
  });
});
