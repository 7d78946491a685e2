/**
 * Issue 16.1: a HAR with secrets planted where real captures hold them, in every class that survived the
 * old redactor (and the ones it already caught); none may survive in any spelling. Generated: each run
 * draws fresh secret values, and the document is built by code, not kept as a hand-written file.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { redactHar } from './redact';
import { readHar } from '../har/har';
import { analyze } from '../analysis/analyzer';
import { fuzz } from '../test-support/fuzz';
import { SIGNATURE_SECRET, authnRequestXml, redirectEncode, responseXml } from '../test-support/saml';
import { jsonReport } from '../../cli/report-json';
import { buildStory } from '../analysis/story';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGIT = '23456789';

/** A random token of `length` characters from a seed: letters and digits mixed as generated secrets are. */
function token(seed: number, length = 24): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const set = [LOWER, UPPER, DIGIT][(i + (x & 1)) % 3]!;
    out += set[x % set.length];
  }
  return out;
}

const jwt = (seed: number) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${token(seed, 12)}"}`)}.${token(seed + 1, 32)}`;

export interface Planted {
  har: unknown;
  /** Every planted secret (each must be gone), with the spellings it was written in. */
  secrets: string[];
}

/** Builds the planted HAR from a list of seeds (one per secret). */
export function plantedHar(seeds: number[], special: string): Planted {
  let n = 0;
  const secrets: string[] = [];
  /** A fresh secret, registered. */
  const s = (length = 24) => {
    const v = token(seeds[n++ % seeds.length]! + n * 7919, length);
    secrets.push(v);
    return v;
  };
  /** A password with a character that needs escaping somewhere. */
  const pw = () => {
    const v = `${s(12)}${special}${token(n * 31, 6)}`;
    secrets.push(v);
    return v;
  };
  const t = () => {
    const v = jwt(seeds[n++ % seeds.length]! + n);
    secrets.push(v);
    return v;
  };
  const user = 'fred';
  const basicPw = pw();
  const apiToken = s();
  const basic = b64(`${user}:${basicPw}`);
  const cloudBasic = b64(`me@example.com:${apiToken}`);
  secrets.push(basic.replace(/=+$/, ''), cloudBasic.replace(/=+$/, ''));
  const sessionId = s(32);
  const newSession = s(32);
  const entry = (url: string, request: object, response: object) => ({
    startedDateTime: '2026-11-24T10:00:00Z',
    request: { method: 'GET', url, headers: [] as object[], ...request },
    response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: user }, { name: 'X-AREQUESTID', value: '600x1x1' }], ...response },
  });
  const J = 'https://jira.example.com';
  const samlRequest = redirectEncode(authnRequestXml({ id: `_req${seeds[0]}` })); // IDs are not secret (the facts keep them)
  secrets.push(samlRequest);
  const assertionSignature = s(40);
  const attributeValue = s();
  const samlResponse = b64(responseXml({ now: Date.UTC(2026, 10, 24, 10, 0, 0) }).replace(SIGNATURE_SECRET, assertionSignature).replace('fred-secret-attr@example.com', attributeValue));
  secrets.push(samlResponse, samlResponse.slice(0, 40));
  const entries = [
    // Headers: known ones keep their structure, unknown ones fail closed.
    entry(`${J}/rest/api/2/myself`, {
      headers: [
        { name: 'Authorization', value: `Basic ${basic}` },
        { name: 'Cookie', value: `JSESSIONID=${sessionId}; atlassian.xsrf.token=${s()}|lin; seraph.rememberme.cookie=${s()}` },
        { name: 'Authentication', value: `Bearer ${s()}` },
        { name: 'X-Auth-Key', value: s() },
        { name: 'X-Access-Key', value: s() },
        { name: 'Ocp-Apim-Subscription-Key', value: s() },
        { name: 'X-Atlassian-Auth', value: s() },
        { name: 'X-Api-Key', value: s() },
        { name: 'Private-Token', value: s() },
        { name: 'X-Vendor-Thing', value: s() },
        { name: 'Sec-WebSocket-Protocol', value: `access_token, ${s()}` },
        { name: 'X-XSRF-Token', value: s() },
        { name: 'Proxy-Authorization', value: `Bearer ${s()}` },
      ],
    }, { headers: [{ name: 'X-AUSERNAME', value: user }, { name: 'Set-Cookie', value: `JSESSIONID=${newSession}; Path=/; HttpOnly` }, { name: 'X-Amzn-Remapped-Authorization', value: s() }] }),
    entry('https://acme.atlassian.net/rest/api/3/myself', { headers: [{ name: 'Authorization', value: `Basic ${cloudBasic}` }] }, { status: 401, headers: [] }),
    entry(`${J}/rest/api/2/search`, { headers: [{ name: 'Authorization', value: `Bearer ${t()}` }, { name: 'Cookie', value: `JSESSIONID=${newSession}` }] }, {}),
    // URLs: userinfo, parameters by name and by shape, fragments, path parameters, JWT in the path, nested URLs.
    entry(`https://${s()}@git.example.com/scm/repo.git`, {}, {}),
    entry(`https://fred:${s(8)}@x${s(8)}@host.example.com/x`, {}, {}),
    entry(`${J}/plugins/servlet/oauth/authorize?oauth_token=${s()}&oauth_verifier=${s()}&session=${s()}&PHPSESSID=${s()}&sid=${s()}&key=${s()}&pat=${s()}&os_authType=cookie`, {}, {}),
    entry(`${J}/plugins/servlet/samlconsumer?RelayState=${s()}&SAMLart=${s()}&code=${s()}&state=${s()}&X-Amz-Signature=${s()}&api_key=${s()}&issueKey=ABC-1`, {}, {}),
    entry(`${J}/secure/Dashboard.jspa;jsessionid=${s()}?x=${s()}&jql=project%3DABC#access_token=${s()}&id_token=${t()}`, {}, {}),
    entry(`${J}/verify/${t()}/done?os_destination=${encodeURIComponent(`/secure/Thing.jspa?token=${s()}`)}`, {}, {}),
    entry(`${J}/login.jsp?os_username=fred&os_password=${encodeURIComponent(pw())}&permissionViolation=true`, {}, {}),
    // Forms.
    entry(
      `${J}/login.jsp`,
      {
        method: 'POST',
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          text: `os_username=fred&os_password=${encodeURIComponent(pw())}&atl_token=${s()}&client_secret=${s()}&os_cookie=true`,
          params: [{ name: 'os_username', value: 'fred' }, { name: 'os_password', value: pw() }, { name: 'atl_token', value: s() }, { name: 'refresh_token', value: s() }],
        },
      },
      {},
    ),
    // Multipart: quoted, unquoted and single-quoted names; a random value under a name that says nothing.
    entry(
      `${J}/rest/api/2/attachment`,
      {
        method: 'POST',
        postData: {
          mimeType: 'multipart/form-data; boundary=XyZ',
          text: [
            '--XyZ', 'Content-Disposition: form-data; name="password"', '', pw(),
            '--XyZ', 'Content-Disposition: form-data; name=password', '', pw(),
            '--XyZ', "Content-Disposition: form-data; name='apiToken'", '', s(),
            '--XyZ', 'Content-Disposition: form-data; name=session', '', s(),
            '--XyZ', 'Content-Disposition: form-data; name="blob"', '', s(40),
            '--XyZ', 'Content-Disposition: form-data; name="meta"', 'Content-Type: application/json', '', `{"secret":"${s()}"}`,
            '--XyZ--', '',
          ].join('\r\n'),
        },
      },
      {},
    ),
    // JSON: secret keys, name/value pairs in both orders, the REST login's session, nested credentials, shapes.
    entry(
      `${J}/rest/auth/1/session`,
      { method: 'POST', postData: { mimeType: 'application/json', text: JSON.stringify({ username: user, password: pw(), fields: [{ name: 'password', value: pw() }, { value: s(), name: 'apiToken' }, { name: 'description', value: 'kept' }], credentials: { user: 'u', secret: s() }, data: s(36), x: t() }) } },
      { content: { mimeType: 'application/json', text: JSON.stringify({ session: { name: 'JSESSIONID', value: newSession }, loginInfo: { loginCount: 2 }, refresh_token: s() }) } },
    ),
    // Text: JS object literals, assignments, pages, logs, header dumps.
    entry(`${J}/browse/ABC-1`, {}, {
      content: {
        mimeType: 'text/html',
        text: [
          `<script>var cfg = {password: "${pw()}", 'apiToken': '${s()}', xsrf: "${s()}|lin"}; var secret = '${s()}'; window.t = "${t()}";</script>`,
          `<input type="hidden" name="atl_token" value="${s()}"><meta name="ajs-atl-token" content="${s()}"><input value="${s()}" name="csrf_token">`,
          `<a href="/secure/Logout!default.jspa?atl_token=${s()}&x=1">out</a> <a href="https://x.example/cb?code=${s()}">cb</a>`,
          `<pre>Authorization: Basic ${b64(`bob:${pw()}`)}</pre>`,
          `{"token":"${s()}", "broken": `,
          `clone https://${s()}@github.com/org/repo.git then Bearer ${s()} and password=${s()}`,
          `X-Auth-Key: ${s()}`,
          `data-options="{\\"password\\":\\"${s()}\\"}"`,
          `random: ${s(30)}`,
        ].join('\n'),
      },
    }),
    // Single sign-on: the SAML AuthnRequest in an Atlassian 302, the POST-binding SAMLResponse (a bearer
    // assertion) posted to the consumer, an OIDC callback's code; inside the assertion, a signature and an
    // attribute value that only a decoder could reach (the analysis decodes it: none may come out).
    entry(`${J}/plugins/servlet/external-login`, {}, { status: 302, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'Location', value: `https://idp.example.org/sso?SAMLRequest=${encodeURIComponent(samlRequest)}&RelayState=${s()}` }] }),
    entry(`${J}/plugins/servlet/samlconsumer`, { method: 'POST', postData: { mimeType: 'application/x-www-form-urlencoded', text: `SAMLResponse=${encodeURIComponent(samlResponse)}&RelayState=${s()}`, params: [{ name: 'SAMLResponse', value: samlResponse }] } }, { status: 302, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'Location', value: `${J}/` }, { name: 'Set-Cookie', value: `JSESSIONID=${s(32)}; Path=/` }] }),
    entry(`${J}/plugins/servlet/oidc/callback?code=${s()}&state=${s()}&session_state=${s()}`, {}, { status: 302, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }, { name: 'Location', value: `${J}/` }] }),
    entry(`${J}/plugins/servlet/oidc/callback#id_token=${t()}&access_token=${s()}&state=${s()}`, {}, {}),
    // Base64 bodies.
    entry(`${J}/rest/api/2/thing`, {}, { content: { mimeType: 'application/json', encoding: 'base64', text: b64(JSON.stringify({ apiToken: s(), name: 'x' })) } }),
  ];
  // WebSocket frames: STOMP, JSON, socket.io, a header line.
  const ws = {
    ...entry('wss://jira.example.com/ws', {}, { status: 101 }),
    _webSocketMessages: [
      { type: 'send', opcode: 1, data: `CONNECT\naccept-version:1.2\nlogin:fred\npasscode:${pw().replace(/\n/g, '')}\nhost:jira\n\n\u0000` },
      { type: 'send', opcode: 1, data: JSON.stringify({ type: 'auth', password: pw() }) },
      { type: 'send', opcode: 1, data: `42["auth",{"token":"${s()}"}]` },
      { type: 'send', opcode: 1, data: `SEND\nAuthorization: Bearer ${s()}\n\n` },
    ],
  };
  // Fields of other tools.
  const first = entries[0] as Record<string, unknown>;
  first._initiator = { type: 'script', stack: { callFrames: [{ url: `${J}/app.js?token=${s()}`, functionName: 'f' }] } };
  first._apiKey = s();
  first.comment = `copied with password=${s()}`;
  const har = { log: { version: '1.2', creator: { name: 'planted', version: '1' }, pages: [{ id: 'p', title: `${J}/login.jsp?os_password=${s()}` }], entries: [...entries, ws] } };
  return { har, secrets };
}

/** The spellings a secret may take in a HAR: itself, JSON-escaped, percent-encoded. */
const spellings = (secret: string) => [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];

describe('planted secrets (issue 16.1)', () => {
  it('plants at least 80 secrets, across every class', () => {
    const { secrets } = plantedHar([1, 2, 3], '@');
    expect(secrets.length).toBeGreaterThanOrEqual(80);
    expect(new Set(secrets).size).toBe(secrets.length);
  });
  it('none survives anywhere in the serialized output; the result is stable and analyses the same', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 8, maxLength: 8 }), fc.constantFrom('@', ' ', '!', '&', '%', '+', '"', "'", 'é', '😀', ':', '#', '/', '\\', ';', ','), (seeds, special) => {
        const { har, secrets } = plantedHar(seeds, special);
        const out = redactHar(har);
        const text = JSON.stringify(out);
        const survivors = secrets.filter((secret) => spellings(secret).some((form) => text.includes(form)));
        expect(survivors).toEqual([]);
        expect(redactHar(out)).toEqual(out);
        const before = analyze(readHar(JSON.stringify(har)).exchanges);
        const after = analyze(readHar(text).exchanges);
        // The SSO facts travel beside the redacted messages (sso/carry.ts): sessions keep their SSO sign-in.
        expect(after.sessions).toEqual(before.sessions);
        expect(after.sessions.some((x) => x.sso?.nameId === 'fred@example.com')).toBe(true);
        expect(after.findings).toEqual(before.findings);
      }),
      fuzz(1601, 40),
    );
  });
});

describe('planted secrets in SSO (issue 19)', () => {
  it('no SAML message, assertion part, OIDC code or token reaches the exchanges, the analysis, its JSON or the story', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 8, maxLength: 8 }), (seeds) => {
        const { har, secrets } = plantedHar(seeds, '@');
        const { exchanges } = readHar(JSON.stringify(har));
        const result = analyze(exchanges);
        expect(result.sso?.some((x) => x.sso.saml?.message === 'Response')).toBe(true);
        expect(result.sso?.some((x) => x.sso.oidc?.codePresent)).toBe(true);
        const story = buildStory({ exchanges, findings: result.findings, sessions: result.sessions, now: Date.UTC(2026, 10, 24, 11) });
        const text = JSON.stringify([exchanges, result, jsonReport(result, { entries: exchanges.length, skipped: 0 }), story]);
        const survivors = secrets.filter((secret) => spellings(secret).some((form) => text.includes(form)));
        expect(survivors).toEqual([]);
        expect(text).not.toContain(SIGNATURE_SECRET);
        expect(text).not.toContain('fred-secret-attr');
      }),
      fuzz(1903, 10),
    );
  });
});
