/**
 * The redacted copy: same format, none of the planted secrets, and it reads back to the same findings.
 * And a transcript gives the same findings as the HAR entry of the same exchange.
 */
import { describe, expect, it } from 'vitest';
import { detectInput, readTranscript } from './transcript';
import { writeRedactedTranscript } from './write';
import { toExchange } from '../intake/to-exchange';
import { analyze } from '../analysis/analyzer';
import { readHar } from '../har/har';
import * as S from '../test-support/transcripts';

const findingsOf = (text: string) => analyze(readTranscript(text).exchanges.map(toExchange)).findings.map(({ code, entry, url, severity }) => ({ code, entry, url, severity }));

const expectNoSecret = (text: string) => {
  for (const s of S.SECRETS) expect(text).not.toContain(s);
};

const SAMPLES: Record<string, string> = {
  CURL_VERBOSE: S.CURL_VERBOSE,
  CURL_I: S.CURL_I,
  TRACE: S.TRACE,
  HTTPIE: S.HTTPIE,
  RAW_H2: S.RAW_H2,
  COMMAND: S.COMMAND,
  COMMAND_WITH_SECRETS: `$ curl -sS -u fred:hunter2-pw \\\n    -H "Cookie: JSESSIONID=SESSION-VALUE-123" \\\n    --data-raw '{"password":"json-pw-000"}' \\\n    'https://jira.example.com/rest/auth/1/session?token=api-token-789'`,
  COMMAND_BEARER: `curl --oauth2-bearer api-token-789 https://api.atlassian.com/ex/jira/abc/rest/api/3/myself`,
  TRACE_WRAPPED: [
    '== Info: Connected to jira.example.com (10.0.0.1) port 443 (#0)',
    '== Info: SSL connection using TLSv1.3',
    '=> Send header, 200 bytes (0xc8)',
    '0000: GET /secure/Dashboard.jspa HTTP/1.1',
    '0024: Host: jira.example.com',
    ...(() => {
      const long = `Cookie: JSESSIONID=SESSION-VALUE-123; seraph.rememberme.cookie=api-token-789-${'q'.repeat(60)}`;
      return [`003c: ${long.slice(0, 64)}`, `007c: ${long.slice(64, 128)}`, `00bc: ${long.slice(128)}`];
    })(),
    '00e0: ',
    '<= Recv header, 17 bytes (0x11)',
    '0000: HTTP/1.1 200 OK',
    '<= Recv header, 26 bytes (0x1a)',
    '0000: X-AUSERNAME: anonymous',
    '',
  ].join('\n'),
  KEY_PASSWORDS: "curl --cert client.pem:hunter2-pw --pass json-pw-000 --key key.pem https://jira.example.com/rest/api/2/myself",
  WINDOWS: 'C:\\Users\\fred>curl -X DELETE ^\r\n  -b "JSESSIONID=SESSION-VALUE-123" ^\r\n  -u fred:hunter2-pw https://jira.example.com/rest/auth/1/session\r\n',
};

describe('writeRedactedTranscript', () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`${name}: same format, no planted secret, the same findings when read again`, () => {
      const redacted = writeRedactedTranscript(text);
      expectNoSecret(redacted);
      expect(detectInput(redacted)).toBe(detectInput(text));
      expect(findingsOf(redacted)).toEqual(findingsOf(text));
      const before = readTranscript(text);
      const after = readTranscript(redacted);
      const line = (e: Parameters<typeof toExchange>[0]) => `${e.method} ${toExchange(e).url} ${e.status}`;
      expect(after.exchanges.map(line)).toEqual(before.exchanges.map(line));
      expect(after.exchanges.map((e) => toExchange(e).credentials)).toEqual(before.exchanges.map((e) => toExchange(e).credentials));
      // Redacting twice changes nothing more.
      expect(writeRedactedTranscript(redacted)).toBe(redacted);
    });
  }

  it('keeps what is not secret as it was: prose, prompts, line breaks, names, the Basic user', () => {
    const redacted = writeRedactedTranscript(S.CURL_I);
    expect(redacted).toContain('PS C:\\Users\\fred> curl.exe -i -H "Authorization: Basic [redacted ');
    expect(redacted).toContain('user=fred shape=password]');
    expect(redacted).toContain('HTTP/1.1 401 Unauthorized\r\nDate: Mon, 07 Dec 2026 10:00:00 GMT\r\n');
    const v = writeRedactedTranscript(S.CURL_VERBOSE);
    expect(v.split('\n').length).toBe(S.CURL_VERBOSE.split('\n').length);
    expect(v).toContain('Any idea why? It worked yesterday.');
    expect(v).toContain('> Cookie: JSESSIONID=[redacted 17]');
  });

  it('a command whose secret cannot be swapped in place is written again from its words', () => {
    const text = 'curl -u fred:hunter2\\-pw https://jira.example.com/rest/api/2/myself';
    const redacted = writeRedactedTranscript(text);
    expect(redacted).not.toMatch(/hunter2/);
    expect(readTranscript(redacted).exchanges[0]!.url).toBe('https://jira.example.com/rest/api/2/myself');
  });
});

describe('a transcript and the HAR entry of the same exchanges give the same findings', () => {
  interface Spec {
    method: string;
    path: string;
    status: number;
    date: string;
    request: [string, string][];
    response: [string, string][];
  }
  const HOST = 'jira.example.com';
  const specs: Spec[] = [
    { method: 'POST', path: '/rest/auth/1/session', status: 200, date: 'Mon, 07 Dec 2026 10:00:00 GMT', request: [['Content-Type', 'application/json']], response: [['Set-Cookie', 'JSESSIONID=SESSION-VALUE-123; Path=/; HttpOnly'], ['X-AUSERNAME', 'fred'], ['X-Seraph-LoginReason', 'OK']] },
    { method: 'GET', path: '/secure/Dashboard.jspa', status: 200, date: 'Mon, 07 Dec 2026 10:00:05 GMT', request: [['Cookie', 'JSESSIONID=SESSION-VALUE-123']], response: [['X-AUSERNAME', 'anonymous'], ['Content-Type', 'text/html']] },
    { method: 'GET', path: '/rest/api/2/myself', status: 401, date: 'Mon, 07 Dec 2026 10:00:09 GMT', request: [['Cookie', 'JSESSIONID=SESSION-VALUE-123']], response: [['X-AUSERNAME', 'anonymous'], ['WWW-Authenticate', 'OAuth realm="x"']] },
    { method: 'GET', path: '/rest/api/2/issue/ABC-1', status: 401, date: 'Mon, 07 Dec 2026 10:00:10 GMT', request: [['Authorization', `Basic ${S.BASIC}`]], response: [['X-Seraph-LoginReason', 'AUTHENTICATED_FAILED'], ['WWW-Authenticate', 'Basic realm="x"']] },
  ];
  const transcript = [
    `* Connected to ${HOST} (10.0.0.1) port 443 (#0)`,
    '* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
    ...specs.flatMap((s) => [
      `> ${s.method} ${s.path} HTTP/1.1`,
      `> Host: ${HOST}`,
      ...s.request.map(([n, v]) => `> ${n}: ${v}`),
      '>',
      `< HTTP/1.1 ${s.status}`,
      `< Date: ${s.date}`,
      ...s.response.map(([n, v]) => `< ${n}: ${v}`),
      '<',
    ]),
  ].join('\n');
  const har = JSON.stringify({
    log: {
      version: '1.2',
      entries: specs.map((s) => ({
        startedDateTime: new Date(s.date).toISOString(),
        request: { method: s.method, url: `https://${HOST}${s.path}`, headers: [{ name: 'Host', value: HOST }, ...s.request.map(([name, value]) => ({ name, value }))] },
        response: { status: s.status, headers: [{ name: 'Date', value: s.date }, ...s.response.map(([name, value]) => ({ name, value }))] },
      })),
    },
  });

  it('findings, sessions and origins', () => {
    const fromTranscript = analyze(readTranscript(transcript).exchanges.map(toExchange));
    const fromHar = analyze(readHar(har).exchanges);
    expect(fromTranscript.findings.length).toBeGreaterThan(1);
    expect(fromTranscript.findings).toEqual(fromHar.findings);
    expect(fromTranscript.sessions).toEqual(fromHar.sessions);
    expect(fromTranscript.origins).toEqual(fromHar.origins);
  });
});
