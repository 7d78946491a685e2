/**
 * No "internal error" for any HAR a fuzzer can produce (issue 16): documents whose entries hold header
 * values of every JSON type, lone surrogates in names, values, URLs and bodies, and odd shapes anywhere.
 * analyze and redact must answer 0 (or 2 with one line), never 70, and a redacted file must analyse again.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from './main';
import { fuzz } from '../engine/test-support/fuzz';

const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-fuzz-'));

function call(argv: string[]) {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), isTTY: false, stderrIsTTY: false, env: {}, cwd: dir };
  return { code: main(argv, io), out, err };
}

/** Strings that carry lone surrogates and the characters header parsers split on. */
const LONE = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'];
const nasty = fc
  .array(fc.oneof(fc.constantFrom(...LONE, '=', ';', ',', ':', '"', ' ', 'Basic ', 'Bearer ', 'JSESSIONID=', 'eyJ', '.', '%', '\\', '\u202e', '\u0000'), fc.string({ maxLength: 6 })), { maxLength: 12 })
  .map((parts) => parts.join(''));
/** Any JSON value, header values included: the reported crash was a JSON object as a header value. */
const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nasty,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(nasty, fc.constantFrom('name', 'value', 'text', 'password', 'token')), tie('value'), { maxKeys: 3 }),
  ),
})).value;

const headerName = fc.oneof(
  fc.constantFrom('Authorization', 'Cookie', 'Set-Cookie', 'X-AUSERNAME', 'X-AACCOUNTID', 'WWW-Authenticate', 'X-Seraph-LoginReason', 'X-Authentication-Denied-Reason', 'Location', 'Content-Type', 'X-AREQUESTID', 'Proxy-Authorization', 'X-Atlassian-Token'),
  nasty,
  anyJson,
);
const header = fc.oneof(fc.record({ name: headerName, value: anyJson }), anyJson);
const headers = fc.oneof(fc.array(header, { maxLength: 6 }), anyJson);
const url = fc.oneof(
  fc.tuple(fc.constantFrom('https://jira.example.com', 'https://acme.atlassian.net', 'http://j'), nasty, nasty).map(([o, p, q]) => `${o}/${p}?os_authType=${q}&token=${q}`),
  anyJson,
);
const body = fc.oneof(
  fc.record({ mimeType: fc.oneof(fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/html'), anyJson), text: fc.oneof(nasty, anyJson.map((v) => JSON.stringify(v) ?? ''), anyJson) }, { requiredKeys: [] }),
  fc.record({ mimeType: fc.constant('application/json'), encoding: fc.constant('base64'), text: fc.oneof(nasty, anyJson) }),
  anyJson,
);
const entry = fc.oneof(
  { weight: 5, arbitrary: fc.record(
    {
      startedDateTime: fc.oneof(fc.constant('2026-11-24T10:00:00Z'), anyJson),
      time: anyJson,
      request: fc.oneof(fc.record({ method: fc.oneof(fc.constantFrom('GET', 'POST', 'DELETE'), anyJson), url, headers, cookies: anyJson, queryString: anyJson, postData: body }, { requiredKeys: ['url'] }), anyJson),
      response: fc.oneof(fc.record({ status: fc.oneof(fc.constantFrom(200, 302, 401, 403), anyJson), headers, cookies: anyJson, content: body, redirectURL: anyJson }, { requiredKeys: [] }), anyJson),
      _webSocketMessages: anyJson,
    },
    { requiredKeys: ['request'] },
  ) },
  { weight: 1, arbitrary: anyJson },
);
const doc = fc.record({ log: fc.record({ version: fc.constantFrom('1.2', undefined), entries: fc.array(entry, { maxLength: 5 }) }, { requiredKeys: ['entries'] }) });

describe('fuzzed HAR files through the CLI', () => {
  it('analyze and redact never answer "internal error"; the redacted file analyses again', () => {
    let n = 0;
    fc.assert(
      fc.property(doc, (d) => {
        const name = `f${n++}.har`;
        writeFileSync(path.join(dir, name), JSON.stringify(d));
        const a = call(['analyze', name, '--json']);
        expect(a.err).toBe('');
        expect(a.code).toBe(0);
        const r = call(['redact', name, '-o', `${name}.out`]);
        expect(r.err).not.toContain('internal error');
        expect(r.code).toBe(0);
        const again = call(['analyze', `${name}.out`, '--format', 'ndjson']);
        expect(again.code).toBe(0);
        expect(JSON.parse(again.out).input.entries).toBe(JSON.parse(a.out).input.entries);
      }),
      fuzz(1816, 300),
    );
  });

  it('the two reported cases: a header value that is a JSON object, and lone surrogates', () => {
    const cases = {
      'object-value.har': { log: { version: '1.2', entries: [{ startedDateTime: '2026-11-24T10:00:00Z', request: { method: 'GET', url: 'https://jira.example.com/', headers: [{ name: 'Authorization', value: { scheme: 'Basic', token: 'c2VjcmV0' } }, { name: 'Cookie', value: { JSESSIONID: 'abc' } }] }, response: { status: 401, headers: [{ name: 'Set-Cookie', value: { JSESSIONID: 'abc' } }, { name: 'X-AUSERNAME', value: ['fred', { a: 1 }] }] } }] } },
      'surrogate.har': { log: { version: '1.2', entries: [{ startedDateTime: '2026-11-24T10:00:00Z', request: { method: 'GET', url: 'https://jira.example.com/\ud800?token=secret-\udfff-value-1234', headers: [{ name: 'Cookie', value: 'JSESSIONID=\ud83d; x\udc00=1' }, { name: 'Authorization\ud800', value: 'Basic \udbff' }] }, response: { status: 200, headers: [{ name: 'X-AUSERNAME', value: 'fr\ud800ed' }, { name: 'Set-Cookie', value: 'JSESSIONID=\udfff; Path=/' }] } }] } },
    };
    for (const [name, d] of Object.entries(cases)) {
      writeFileSync(path.join(dir, name), JSON.stringify(d));
      expect(call(['analyze', name]).code, name).toBe(0);
      const r = call(['redact', name, '-o', `${name}.out`]);
      expect(r.code, `${name}: ${r.err}`).toBe(0);
      const text = readFileSync(path.join(dir, `${name}.out`), 'utf8');
      expect(text).not.toContain('c2VjcmV0');
      expect(call(['analyze', `${name}.out`]).code, name).toBe(0);
    }
    // Surrogates encoded raw (CESU-8 bytes ED A0 80): decoded as U+FFFD, still read.
    const raw = Buffer.concat([Buffer.from('{"log":{"entries":[{"request":{"url":"https://jira.example.com/'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('","headers":[]},"response":{"status":200,"headers":[]}}]}}')]);
    writeFileSync(path.join(dir, 'cesu.har'), raw);
    expect(call(['analyze', 'cesu.har', '--json'])).toMatchObject({ code: 0, err: '' });
    expect(call(['redact', 'cesu.har', '-o', '-']).code).toBe(0);
  });
});

describe('makeWellFormed', () => {
  it('replaces lone surrogates in strings and keys, keeps pairs and lengths, survives deep nesting', async () => {
    const { makeWellFormed } = await import('./well-formed');
    const d = { 'a\ud800': ['x\udc00y', '😀', { k: '\ud83d' }], ok: 'fine' };
    expect(makeWellFormed(d)).toEqual({ 'a\ufffd': ['x\ufffdy', '😀', { k: '\ufffd' }], ok: 'fine' });
    let deep: unknown = '\udfff';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    let inner = makeWellFormed(deep);
    while (Array.isArray(inner)) inner = inner[0];
    expect(inner).toBe('\ufffd');
  });
});
