/**
 * Shapes found in real published pastes (e2e/fixtures/transcripts/): a label before a start line, a
 * logger's hanging indent and chunk sizes, a request line without a version, a command broken over lines
 * without continuation marks, response headers printed as an object, a JSON body pasted before its command.
 * Nothing invented: what is not shown (status, headers, host) stays unknown and is said in `lacks`.
 */
import { describe, expect, it } from 'vitest';
import { detectInput, readTranscript } from './transcript';
import { writeRedactedTranscript } from './write';
import { startLabel, requestLine } from './lines';

describe('labels before a start line', () => {
  it('`Response:` and `Request:` labels; a header whose value looks like a status line is not one', () => {
    expect(startLabel('Response: HTTP/1.1 403 Forbidden')).toBe(10);
    expect(startLabel('Request: GET /rest/api/2/myself HTTP/1.1')).toBe(9);
    expect(startLabel('2021-08-09 16:30:59.412 TRACE rest: HTTP/1.1 401 Unauthorized')).toBe(36);
    expect(startLabel('[DEBUG] http: HTTP/1.1 200 OK')).toBe(14);
    expect(startLabel('X-Note: HTTP/1.1 200 OK')).toBe(-1);
    expect(startLabel('The server said: HTTP/1.1 401')).toBe(-1);
    const text = 'Why it failed:\n\nResponse: HTTP/1.1 403 Forbidden\nX-Seraph-Loginreason: AUTHENTICATION_DENIED\nDate: Thu, 25 Jan 2018 11:44:06 GMT\n';
    expect(detectInput(text)).toBe('raw');
    const r = readTranscript(text);
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]).toMatchObject({ status: 403, method: 'UNKNOWN', url: 'unknown://unknown.invalid/' });
    expect(r.lacks).toEqual(['request', 'scheme', 'host']);
    expect(writeRedactedTranscript(text)).toBe(text);
  });

  it("a log line's head, headers under it at the logger's indent, a chunked body: read, and written back as it was", () => {
    const pad = ' '.repeat(30);
    const body = 'Basic authentication with passwords is deprecated.';
    const text = [
      '```',
      '2021-08-09 16:30:59.412 TRACE rest: HTTP/1.1 401 Unauthorized',
      `${pad}Transfer-Encoding: chunked`,
      `${pad}Content-Type: text/plain`,
      `${pad}Set-Cookie: JSESSIONID=ABCDEF0123456789`,
      `${pad}Date: Mon, 09 Aug 2021 20:30:59 GMT`,
      '',
      `${pad}${(body.length + 1).toString(16)}`,
      `${pad}${body}`,
      '',
      `${pad}0`,
      '```',
      'thanks',
      '',
    ].join('\n');
    const r = readTranscript(text);
    expect(r.exchanges).toHaveLength(1);
    const e = r.exchanges[0]!;
    expect(e.status).toBe(401);
    expect(e.responseHeaders.map((h) => h.name)).toEqual(['Transfer-Encoding', 'Content-Type', 'Set-Cookie', 'Date']);
    expect(e.responseBody?.text).toBe(body);
    expect(r.lacks).toEqual(['request', 'scheme', 'host']);
    const redacted = writeRedactedTranscript(text);
    expect(redacted).not.toContain('ABCDEF0123456789');
    expect(redacted.split('\n')).toHaveLength(text.split('\n').length);
    expect(redacted).toContain(`\n${pad}${body}\n`);
  });

  it('a body that only looks chunked at first is read as it is', () => {
    const text = 'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n{"a": 1}\n';
    expect(readTranscript(text).exchanges[0]!.responseBody?.text).toBe('{"a": 1}');
  });
});

describe('a request line without a version', () => {
  it('only a common method and an absolute http(s) URI; the bullet `- GET /path → 401` stays prose', () => {
    expect(requestLine('GET https://api.atlassian.com/ex/jira/{cloudId}/rest/agile/1.0/board')).toEqual({ method: 'GET', target: 'https://api.atlassian.com/ex/jira/{cloudId}/rest/agile/1.0/board', version: '' });
    expect(requestLine('GET /rest/api/3/myself')).toBeNull();
    expect(requestLine('- GET https://x.example.com/ → 401')).toBeNull();
    expect(requestLine('FETCH https://x.example.com/')).toBeNull();
    const text = 'FAILING:\n- GET /rest/agile/1.0/board → 401\n\nGET https://api.atlassian.com/ex/jira/abc/rest/agile/1.0/board\nAuthorization: Bearer [valid_oauth_token]\nAccept: application/json\n \nActual Behavior: 401\n';
    const r = readTranscript(text);
    expect(r.format).toBe('raw');
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]).toMatchObject({ method: 'GET', url: 'https://api.atlassian.com/ex/jira/abc/rest/agile/1.0/board', status: 0 });
    expect(r.lacks).toEqual(['response', 'date', 'secret']);
    expect(writeRedactedTranscript(text)).toContain('\nGET https://api.atlassian.com/ex/jira/abc/rest/agile/1.0/board\n');
  });
});

describe('a curl command broken over lines without continuation marks', () => {
  it('goes on while each next line starts with an option; prose, bullets and output end it', () => {
    const text = "```shell\ncurl \n  -v --request POST\n  --header 'Authorization: Basic dXNlckBleGFtcGxlLmNvbTpzM2NyM3Q='\n  --url https://my-domain.atlassian.net:443/rest/api/2/search\n  -d '{\"jql\":\"\"}'\n```\n- and this bullet is prose\n";
    const r = readTranscript(text);
    expect(r.format).toBe('curl-command');
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]).toMatchObject({ method: 'POST', url: 'https://my-domain.atlassian.net/rest/api/2/search' });
    expect(r.exchanges[0]!.requestBody?.text).toBe('{"jql":""}');
    const redacted = writeRedactedTranscript(text);
    expect(redacted).not.toContain('dXNlckBleGFtcGxlLmNvbTpzM2NyM3Q=');
    expect(redacted.split('\n')).toHaveLength(text.split('\n').length);
    // A command whose next line is not an option stays one line.
    expect(readTranscript('curl https://jira.example.com/rest/api/2/myself\n-- not an option\n').exchanges[0]!.url).toBe('https://jira.example.com/rest/api/2/myself');
  });
});

describe('response headers printed as an object', () => {
  const object = "The headers:\n\n ```\n{\n    'content-type': 'application/json;charset=UTF-8',\n    date: 'Tue, 07 Apr 2026 10:39:51 GMT',\n    server: 'AtlassianEdge',\n    'x-seraph-loginreason': 'AUTHENTICATED_FAILED',\n    'set-cookie': [ 'atlassian.xsrf.token=0123456789abcdef_lout; Path=/', 'JSESSIONID=SECRETSESSION42; Path=/' ],\n}\n```\n";

  it('read as a response with its status unknown (0, lacks "status"), never a guessed one', () => {
    expect(detectInput(object)).toBe('headers-object');
    const r = readTranscript(object);
    expect(r.format).toBe('headers-object');
    expect(r.exchanges).toHaveLength(1);
    const e = r.exchanges[0]!;
    expect(e.status).toBe(0);
    expect(e.method).toBe('UNKNOWN');
    expect(e.responseHeaders.filter((h) => h.name === 'set-cookie')).toHaveLength(2);
    expect(e.responseHeaders.find((h) => h.name === 'x-seraph-loginreason')?.value).toBe('AUTHENTICATED_FAILED');
    expect(r.lacks).toEqual(['request', 'status', 'scheme', 'host']);
  });

  it('written back as an object, quotes and commas kept, cookie values redacted', () => {
    const redacted = writeRedactedTranscript(object);
    expect(redacted).not.toContain('SECRETSESSION42');
    expect(redacted).not.toContain('0123456789abcdef');
    expect(redacted).toContain("    'x-seraph-loginreason': 'AUTHENTICATED_FAILED',\n");
    expect(redacted).toMatch(/'set-cookie': \[ 'atlassian\.xsrf\.token=\[redacted \d+\]_lout; Path=\/', 'JSESSIONID=\[redacted \d+\]; Path=\/' \],/);
    expect(readTranscript(redacted).exchanges[0]!.responseHeaders).toHaveLength(6);
  });

  it('not an object of response headers: a request object, values Node did not print, JSON that starts a HAR', () => {
    expect(detectInput("{\n  method: 'GET',\n  url: 'https://x.atlassian.net/rest/api/3/myself'\n}\n")).toBe('har');
    expect(detectInput("res: {\n  headers: [Object: null prototype] {\n    date: [Array],\n    server: [Array],\n  },\n  status: 401\n}\n")).toBe('unknown');
    expect(detectInput('prose\nheaders: {\n  date: [Array],\n  server: [Array]\n}\n')).toBe('unknown');
    expect(detectInput('{"log": {"entries": []}}')).toBe('har');
    // JSON headers at the top are headers, not a HAR.
    expect(detectInput('{\n  "date": "Tue, 07 Apr 2026 10:39:51 GMT",\n  "server": "AtlassianEdge"\n}\n')).toBe('headers-object');
  });
});

describe('a JSON body pasted before the command that got it', () => {
  const body = '{\n    "code": 401,\n    "message": "Unauthorized; scope does not match"\n}';
  const command = "curl --location 'https://api.atlassian.com/ex/confluence/abc/wiki/api/v2/spaces' \\\n--header 'Authorization: Bearer <token>'\n";

  it("is that command's answer when nothing else answers it: status and headers unknown, said so", () => {
    const r = readTranscript(`I get a 401:\n\n${body}\n\nMy call:\n\n${command}`);
    expect(r.exchanges).toHaveLength(1);
    expect(r.exchanges[0]).toMatchObject({ method: 'GET', url: 'https://api.atlassian.com/ex/confluence/abc/wiki/api/v2/spaces', status: 0, responseHeaders: [] });
    expect(r.exchanges[0]!.responseBody?.text).toBe(body);
    expect(r.lacks).toEqual(['status', 'response-headers', 'date', 'secret']);
  });

  it('not when the command has its own output, when two bodies compete, or when it is not JSON', () => {
    const own = readTranscript(`It says:\n${body}\n\n$ ${command.replace(' \\\n', ' -i ')}HTTP/1.1 403 Forbidden\n\n{"x": 1}\n`);
    expect(own.exchanges.map((e) => e.status)).toEqual([403]);
    const two = readTranscript(`It says:\n${body}\n\n{"other": true}\n\n${command}`);
    expect(two.exchanges.map((e) => e.status)).toEqual([0]);
    expect(two.exchanges[0]!.responseBody).toBeUndefined();
    expect(two.lacks).toContain('response');
    const notJson = readTranscript(`It says:\n{\n  this is not JSON\n}\n\n${command}`);
    expect(notJson.lacks).toContain('response');
    // A body with no command after it is not an exchange.
    expect(() => readTranscript(`prose\n${body}\n`)).not.toThrow();
    expect(readTranscript(`prose\n${body}\n`).exchanges).toHaveLength(0);
  });
});
