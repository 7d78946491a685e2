/** Each shape people paste, read into exchanges: URLs only from evidence, lacks said, findings as for HAR. */
import { describe, expect, it } from 'vitest';
import { detectInput, readTranscript } from './transcript';
import { writeRedactedTranscript } from './write';
import { toExchange } from '../intake/to-exchange';
import { analyze } from '../analysis/analyzer';
import { urlParts } from '../ground/atlassian';
import * as S from '../test-support/transcripts';

const read = (text: string) => {
  const r = readTranscript(text);
  const exchanges = r.exchanges.map(toExchange);
  return { ...r, exchanges, result: analyze(exchanges), codes: analyze(exchanges).findings.map((f) => `${f.entry}:${f.code}`) };
};

describe('detectInput', () => {
  it('tells each shape apart', () => {
    expect(detectInput('{"log": {"entries": []}}')).toBe('har');
    expect(detectInput('\uFEFF  {"log": {}}')).toBe('har');
    expect(detectInput(S.CURL_VERBOSE)).toBe('curl');
    expect(detectInput(S.CURL_I)).toBe('curl');
    expect(detectInput(S.TRACE)).toBe('curl-trace');
    expect(detectInput(S.HTTPIE)).toBe('httpie');
    expect(detectInput(S.RAW_H2)).toBe('raw');
    expect(detectInput('HTTP/1.1 200 OK\nX: y\n')).toBe('raw');
    expect(detectInput(S.COMMAND)).toBe('curl-command');
    expect(detectInput('just some prose\nwith no HTTP in it')).toBe('unknown');
    expect(detectInput('')).toBe('unknown');
  });
});

describe('readTranscript', () => {
  it('curl -v: scheme from the TLS lines, the body, prose around it; a session cookie refused under /rest', () => {
    const r = read(S.CURL_VERBOSE);
    expect(r.format).toBe('curl');
    expect(r.lacks).toEqual([]);
    expect(r.exchanges).toHaveLength(1);
    const [ex] = r.exchanges;
    expect(ex).toMatchObject({ index: 0, id: '0', method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', status: 401, cookiesSent: ['JSESSIONID'] });
    expect(ex!.time).toBe(Date.UTC(2026, 11, 7, 10));
    expect(ex!.bodyFacts?.errorMessages?.[0]).toMatch(/^You are not authenticated/);
    expect(r.codes).toContain('0:session-expired');
  });

  it('curl -i after its command: the command is the request, the output its answer', () => {
    const r = read(S.CURL_I);
    expect(r.format).toBe('curl');
    expect(r.exchanges[0]).toMatchObject({ method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', status: 401, credentials: { scheme: 'basic', user: 'fred' } });
    expect(r.codes).toContain('0:login-failed');
  });

  it('--trace-ascii: rows joined, the posted body read; a failed REST login', () => {
    const r = read(S.TRACE);
    expect(r.format).toBe('curl-trace');
    expect(r.exchanges[0]).toMatchObject({ method: 'POST', url: 'https://jira.example.com/rest/auth/1/session', status: 401 });
    expect(r.exchanges[0]!.bodyFacts?.user).toBe('fred');
    expect(r.codes).toContain('0:login-failed');
  });

  it('--trace-ascii: a header longer than a row continues on the next; --trace-time stamps', () => {
    const long = `Cookie: JSESSIONID=${'A'.repeat(100)}; seraph.rememberme.cookie=x`;
    const rows = [long.slice(0, 64), long.slice(64, 128), long.slice(128)];
    const t = '10:00:00.000001 ';
    const text = [
      `${t}== Info: Connected to jira.example.com (10.0.0.1) port 443 (#0)`,
      `${t}== Info: SSL connection using TLSv1.3`,
      `${t}=> Send header, 200 bytes (0xc8)`,
      `${t}0000: GET /secure/Dashboard.jspa HTTP/1.1`,
      `${t}0024: Host: jira.example.com`,
      `${t}003c: ${rows[0]}`,
      `${t}007c: ${rows[1]}`,
      `${t}00bc: ${rows[2]}`,
      `${t}00e0: `,
      `${t}<= Recv header, 17 bytes (0x11)`,
      `${t}0000: HTTP/1.1 200 OK`,
      `${t}<= Recv header, 26 bytes (0x1a)`,
      `${t}0000: X-AUSERNAME: anonymous`,
    ].join('\n');
    const r = read(text);
    expect(r.exchanges[0]).toMatchObject({ url: 'https://jira.example.com/secure/Dashboard.jspa', status: 200, cookiesSent: ['JSESSIONID', 'seraph.rememberme.cookie'] });
    expect(r.codes).toContain('0:silent-anonymous');
  });

  it('HTTPie --verbose: the `http` command says http://; the request body and the answer', () => {
    const r = read(S.HTTPIE);
    expect(r.format).toBe('httpie');
    expect(r.exchanges[0]).toMatchObject({ method: 'POST', url: 'http://jira.example.com/rest/auth/1/session', status: 401 });
    expect(r.exchanges[0]!.bodyFacts?.user).toBe('fred');
    expect(r.codes).toContain('0:login-failed');
  });

  it('HTTPie without its command: the scheme is unknown, not guessed', () => {
    const r = read(S.HTTPIE.slice(S.HTTPIE.indexOf('\n') + 1));
    expect(r.format).toBe('raw');
    expect(r.lacks).toEqual(['scheme']);
    expect(r.exchanges[0]!.url).toBe('unknown://jira.example.com/rest/auth/1/session');
    expect(urlParts(r.exchanges[0]!.url)).toMatchObject({ origin: 'unknown://jira.example.com', host: 'jira.example.com', path: '/rest/auth/1/session' });
    expect(r.result.origins.map((o) => o.origin)).toEqual(['unknown://jira.example.com']);
    expect(r.codes).toContain('0:login-failed');
  });

  it('HTTP/2 pseudo-headers and lowercase names, prose between request and response', () => {
    const r = read(S.RAW_H2);
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]).toMatchObject({ method: 'GET', url: 'https://jira.example.com/secure/Dashboard.jspa', status: 200, cookiesSent: ['JSESSIONID', 'seraph.rememberme.cookie'] });
    expect(r.exchanges[0]!.bodyFacts).toBeUndefined();
    expect(r.codes).toContain('0:silent-anonymous');
  });

  it('curl -v over HTTP/2 with a redirect followed (-L): two exchanges in order, the announced URL as evidence', () => {
    const text = [
      '* Connected to acme.atlassian.net (104.192.1.1) port 443',
      '* ALPN: server accepted h2',
      '* [HTTP/2] [1] OPENED stream for https://acme.atlassian.net/wiki/',
      '> GET /wiki/ HTTP/2',
      '> Host: acme.atlassian.net',
      '> user-agent: curl/8.5.0',
      '>',
      '< HTTP/2 302',
      '< location: https://acme.atlassian.net/login?continue=x',
      '< date: Mon, 07 Dec 2026 10:00:00 GMT',
      '<',
      "* Issue another request to this URL: 'https://id.atlassian.com/login?continue=x'",
      '* Connected to id.atlassian.com (104.192.1.2) port 443',
      '> GET /login?continue=x HTTP/2',
      '> Host: id.atlassian.com',
      '>',
      '< HTTP/2 200',
      '< content-type: text/html',
      '<',
      '<html>…</html>',
    ].join('\r\n');
    const r = read(text);
    expect(r.exchanges.map((e) => `${e.index} ${e.status} ${e.url}`)).toEqual([
      '0 302 https://acme.atlassian.net/wiki/',
      '1 200 https://id.atlassian.com/login?continue=x',
    ]);
    // The second answer has no Date: it takes the last known time, and the report says so.
    expect(r.exchanges[1]!.time).toBe(r.exchanges[0]!.time);
    expect(r.lacks).toEqual(['date']);
  });

  it('a response without its request: method, scheme and host unknown, said in lacks; a synthetic clock', () => {
    const r = read('Got this back:\n\nHTTP/1.1 401 Unauthorized\nX-Seraph-LoginReason: AUTHENTICATION_DENIED\nX-Authentication-Denied-Reason: CAPTCHA_CHALLENGE; login-url=https://jira.example.com/login.jsp\n\nthanks');
    expect(r.exchanges[0]).toMatchObject({ method: 'UNKNOWN', url: 'unknown://unknown.invalid/', status: 401, time: 0 });
    expect(r.lacks).toEqual(['request', 'scheme', 'host', 'date']);
  });

  it('several exchanges and 100 Continue: paired in order, interim answers dropped', () => {
    const one = (n: number) => `POST /rest/api/2/issue/${n} HTTP/1.1\nHost: jira.example.com\nContent-Length: 2\n\n{}\nHTTP/1.1 100 Continue\n\nHTTP/1.1 201 Created\nDate: Mon, 07 Dec 2026 10:00:0${n} GMT\n\n`;
    const r = read(one(1) + one(2) + one(3));
    expect(r.exchanges.map((e) => `${e.id} ${e.status} ${e.url}`)).toEqual([
      '0 201 unknown://jira.example.com/rest/api/2/issue/1',
      '1 201 unknown://jira.example.com/rest/api/2/issue/2',
      '2 201 unknown://jira.example.com/rest/api/2/issue/3',
    ]);
    expect(r.exchanges.map((e) => e.time)).toEqual([1, 2, 3].map((s) => Date.UTC(2026, 11, 7, 10, 0, s)));
  });

  it('a Markdown code fence ends the message; prose right after a JSON body is not part of it', () => {
    const text = 'It says:\n```\nHTTP/1.1 401\nContent-Type: application/json\n\n{"errorMessages":["Login failed"]}\n```\nAnd then:\n\nHTTP/1.1 403\n\n["x"]\nthanks!\n';
    const r = read(text);
    expect(r.exchanges.map((e) => e.status)).toEqual([401, 403]);
    expect(r.exchanges[0]!.bodyFacts?.errorMessages).toEqual(['Login failed']);
    expect(readTranscript(text).exchanges[1]!.responseBody?.text).toBe('["x"]');
  });

  it('a paste indented as a code block (Markdown, Jira {code}) reads as if it were not, and is written back indented', () => {
    const indented = `{code:bash}\n${S.HTTPIE.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n')}{code}\nthanks\n`;
    const r = read(indented);
    expect(r.format).toBe('httpie');
    expect(r.exchanges.map((e) => `${e.method} ${e.url} ${e.status}`)).toEqual(read(S.HTTPIE).exchanges.map((e) => `${e.method} ${e.url} ${e.status}`));
    expect(r.exchanges[0]!.bodyFacts?.user).toBe('fred');
    const redacted = writeRedactedTranscript(indented);
    // Body lines keep the paste's indent too (they were written without it before).
    expect(redacted).toContain('\n        "password": "[redacted 11]",\n');
    expect(redacted).toContain('\n    {\n');
    expect(redacted).toContain('\n    X-Seraph-LoginReason: AUTHENTICATED_FAILED\n');
  });

  it('CRLF and LF read the same', () => {
    const lf = S.HTTPIE;
    const crlf = lf.replace(/\n/g, '\r\n');
    const strip = (x: ReturnType<typeof read>) => x.exchanges.map((e) => ({ ...e, bodyFacts: e.bodyFacts }));
    expect(strip(read(crlf))).toEqual(strip(read(lf)));
  });

  it('masked values are masked, never taken as a secret: XXXXX, ***REDACTED***, <token>', () => {
    for (const masked of ['XXXXX', '***REDACTED***', '<token>', '${JIRA_TOKEN}']) {
      const r = read(`> GET /rest/api/2/myself HTTP/1.1\n> Host: jira.example.com\n> Authorization: Basic ${masked}\n>\n< HTTP/1.1 401\n<\n`);
      expect(r.exchanges[0]!.credentials, masked).toEqual({ scheme: 'basic', user: null, shape: 'masked' });
      expect(r.exchanges[0]!.requestHeaders.find((h) => h.name === 'Authorization')?.value).toBe('Basic [redacted 0 shape=masked]');
      expect(r.lacks).toContain('secret');
    }
    const bearer = read('GET /rest/api/3/myself HTTP/1.1\nHost: acme.atlassian.net\nAuthorization: Bearer <token>\n\nHTTP/1.1 403\n\n');
    expect(bearer.exchanges[0]!.credentials).toEqual({ scheme: 'bearer', shape: 'masked' });
  });

  it('a pasted curl command is the request it makes: -u user with a masked secret, \\ continuations, --data', () => {
    const r = read(S.COMMAND);
    expect(r.format).toBe('curl-command');
    expect(r.exchanges[0]).toMatchObject({ method: 'POST', url: 'https://acme.atlassian.net/rest/api/3/search', status: 0, credentials: { scheme: 'basic', user: 'fred@example.com' } });
    expect(r.exchanges[0]!.requestHeaders.find((h) => h.name === 'Authorization')?.value).toBe('Basic [redacted 0 user=fred%40example.com shape=masked]');
    expect(r.lacks).toEqual(['response', 'date', 'secret']);
  });

  it('a curl command with its secret: Basic of user and secret, sanitized; a variable host stays unknown', () => {
    const r = read("$ curl -s -XPOST -u 'fred:hunter2-pw' \"$JIRA/rest/auth/1/session\" | jq .");
    expect(r.exchanges[0]).toMatchObject({ method: 'POST', url: 'unknown://unknown.invalid/rest/auth/1/session', credentials: { scheme: 'basic', user: 'fred' } });
    expect(JSON.stringify(r.exchanges)).not.toContain('hunter2-pw');
    expect(r.lacks).toEqual(expect.arrayContaining(['scheme', 'host', 'response']));
    const bare = read('curl jira.example.com/rest/api/2/myself');
    expect(bare.exchanges[0]!.url).toBe('http://jira.example.com/rest/api/2/myself'); // curl's own default
  });

  it('curl 8 over HTTP/2 on macOS: LibreSSL handshake lines and the listed :scheme are TLS evidence', () => {
    const text = [
      '➜  ~ curl -sv https://acme.atlassian.net/rest/api/3/myself -o /dev/null',
      '* Host acme.atlassian.net:443 was resolved.',
      '*   Trying 104.192.1.1:443...',
      '* Connected to acme.atlassian.net (104.192.1.1) port 443',
      '* (304) (OUT), TLS handshake, Client hello (1):',
      '* [HTTP/2] [1] [:method: GET]',
      '* [HTTP/2] [1] [:scheme: https]',
      '> GET /rest/api/3/myself HTTP/2',
      '> Host: acme.atlassian.net',
      '> Authorization: Basic ***',
      '> ',
      '< HTTP/2 401 ',
      '< content-type: text/plain;charset=UTF-8',
      '< ',
      '{ [60 bytes data]',
      'Basic authentication with passwords is deprecated.',
    ].join('\n');
    const r = read(text);
    expect(r.exchanges[0]).toMatchObject({ url: 'https://acme.atlassian.net/rest/api/3/myself', status: 401, credentials: { scheme: 'basic', user: null, shape: 'masked' } });
    expect(r.lacks).toEqual(['date', 'secret']);
    // Without the command line, the TLS lines alone say https.
    expect(read(text.slice(text.indexOf('\n') + 1)).exchanges[0]!.url).toBe('https://acme.atlassian.net/rest/api/3/myself');
  });

  it('Windows continuations: cmd ^ and PowerShell backtick; a request with no answer', () => {
    const cmd = read('C:\\Users\\fred>curl -X DELETE ^\r\n  -b "JSESSIONID=SESSION-VALUE-123" ^\r\n  https://jira.example.com/rest/auth/1/session\r\n');
    expect(cmd.exchanges[0]).toMatchObject({ method: 'DELETE', url: 'https://jira.example.com/rest/auth/1/session', status: 0, cookiesSent: ['JSESSIONID'] });
    const ps = read('PS C:\\> curl.exe `\n  -H "Authorization: Bearer <token>" `\n  https://acme.atlassian.net/rest/api/3/myself\n');
    expect(ps.exchanges[0]).toMatchObject({ url: 'https://acme.atlassian.net/rest/api/3/myself', credentials: { scheme: 'bearer' } });
    expect(ps.lacks).toEqual(['response', 'date', 'secret']);
    const raw = read('GET /rest/api/2/myself HTTP/1.1\nHost: jira.example.com\n\n(no answer, it timed out)\n');
    expect(raw.exchanges[0]).toMatchObject({ status: 0 });
    expect(raw.lacks).toEqual(['response', 'scheme', 'date']);
  });

  it('prose that begins with "curl" or "http" is not a command', () => {
    expect(detectInput('curl returns 401 for me\nhttp is fine in the browser\n')).toBe('unknown');
    expect(read('curl with -u fails:\nHTTP/1.1 401\nX-AUSERNAME: anonymous\n\n').exchanges.map((e) => e.method)).toEqual(['UNKNOWN']);
    expect(read('$ http :8080/rest/api/2/myself\nHTTP/1.1 200 OK\n\n').format).toBe('httpie');
    expect(read('HTTP/1.1 200 OK\nContent-Type: text/html\n\n<p>Try:</p>\n<b>curl https://jira.example.com/</b>\n').exchanges).toHaveLength(1);
  });

  it('a port-80 connection without TLS lines is http; port 443 without TLS lines stays unknown', () => {
    const v = (port: number) => `* Connected to jira.example.com (10.0.0.1) port ${port} (#0)\n> GET / HTTP/1.1\n> Host: jira.example.com\n>\n< HTTP/1.1 200 OK\n<\n`;
    expect(read(v(80)).exchanges[0]!.url).toBe('http://jira.example.com/');
    expect(read(v(443)).exchanges[0]!.url).toBe('unknown://jira.example.com/');
  });

  it('curl -v -i: the headers again on stdout are not a second response', () => {
    const text = '> GET /rest/api/2/myself HTTP/1.1\n> Host: jira.example.com\n>\n< HTTP/1.1 200 OK\n< X-AUSERNAME: fred\n<\nHTTP/1.1 200 OK\nX-AUSERNAME: fred\n\n{"name":"fred"}\n';
    const r = read(text);
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]!.status).toBe(200);
  });
});
