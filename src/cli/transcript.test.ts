/** analyze and redact on pasted transcripts, through main(): detection, --input, `-` for stdin, the report's input block. */
import { describe, expect, it } from 'vitest';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from './main';
import { parseArgs } from './args';
import { readStdin } from './inputs';
import * as S from '../engine/test-support/transcripts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-transcript-'));
const write = (name: string, text: string) => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

function call(argv: string[], stdin?: string) {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), isTTY: false, env: {}, cwd: dir, ...(stdin === undefined ? {} : { stdin: () => stdin }) };
  return { code: main(argv, io), out, err };
}

const expectNoSecret = (text: string) => {
  for (const s of S.SECRETS) expect(text).not.toContain(s);
};

describe('seraph-lens analyze <transcript>', () => {
  it('--json: the findings.md schema, input.format and input.lacks added', () => {
    const { code, out, err } = call(['analyze', write('v.txt', S.CURL_VERBOSE), '--json']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const report = JSON.parse(out);
    expect(report.input).toEqual({ entries: 1, skipped: 0, format: 'curl', lacks: [] });
    expect(report.origins[0]).toMatchObject({ origin: 'https://jira.example.com', atlassian: true });
    expect(report.findings.map((f: { code: string }) => f.code)).toContain('session-expired');
    expectNoSecret(out);
  });

  it('a HAR report is unchanged: no format or lacks', () => {
    const har = JSON.stringify({ log: { entries: [{ request: { method: 'GET', url: 'https://jira.example.com/', headers: [] }, response: { status: 200, headers: [] } }] } });
    const report = JSON.parse(call(['analyze', write('a.har', har), '--json']).out);
    expect(report.input).toEqual({ entries: 1, skipped: 0 });
  });

  it('text: says how it was read and what the transcript lacked', () => {
    const { code, out } = call(['analyze', write('h.txt', S.HTTPIE.slice(S.HTTPIE.indexOf('\n') + 1))]);
    expect(code).toBe(0);
    expect(out).toContain('Read as raw HTTP messages.');
    expect(out).toContain('The transcript did not show: the scheme (shown as unknown://).');
    expect(out).toContain('unknown://jira.example.com');
    expectNoSecret(out);
  });

  it('- reads standard input; --input names the format', () => {
    const piped = call(['analyze', '-', '--json'], S.TRACE);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.out).input.format).toBe('curl-trace');
    const named = call(['analyze', '-', '--json', '--input', 'raw'], S.HTTPIE);
    expect(JSON.parse(named.out).input.format).toBe('raw');
    const asCurl = call(['analyze', '-', '--json', '--input=curl'], S.COMMAND);
    expect(JSON.parse(asCurl.out).input).toMatchObject({ format: 'curl-command', lacks: ['response', 'date', 'secret'] });
    // Among several operands, `-` is one of them.
    const several = call(['analyze', '-', write('i.txt', S.CURL_I), '--format', 'ndjson'], S.RAW_H2);
    expect(several.out.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual(['-', 'i.txt']);
  });

  it('unreadable input: exit 2, one line, no stack trace', () => {
    const cases: [string[], string | undefined, RegExp][] = [
      [['analyze', write('prose.txt', 'It does not work.\nPlease help.\n')], undefined, /^seraph-lens: prose\.txt: neither a HAR file nor a transcript/],
      [['analyze', write('p2.txt', 'no http here\n'), '--input', 'raw'], undefined, /^seraph-lens: p2\.txt: no HTTP request or response found \(read as raw\)/],
      [['analyze', '-'], '   \n', /^seraph-lens: -: standard input is empty/],
      [['analyze', write('v.har', S.CURL_VERBOSE), '--input', 'har'], undefined, /^seraph-lens: v\.har: not JSON/],
      [['redact', '-', '-o', '-'], 'prose only\n', /neither a HAR file nor a transcript/],
    ];
    for (const [argv, stdin, want] of cases) {
      const r = call(argv, stdin);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(want);
    }
    expect(call(['analyze', '-', '--input', 'wget'], 'x').err).toContain('--input must be har, curl, httpie or raw');
    // Transcripts have a lower limit of their own; --max-size lifts it.
    const big = `HTTP/1.1 200 OK\n\n${'x'.repeat(129 * 1024 * 1024)}`;
    expect(call(['analyze', '-'], big).err).toBe('seraph-lens: -: a transcript larger than 128 MB (the limit for transcripts; --max-size MB raises it)\n');
    expect(call(['analyze', '-', '--json', '--max-size', '200'], big).code).toBe(0);
  });
});

describe('seraph-lens redact <transcript>', () => {
  it('writes the same format back, without the planted secrets, and it analyses to the same findings', () => {
    const text = `${S.CURL_VERBOSE}\n$ curl -u fred:hunter2-pw --data-raw '{"password":"json-pw-000"}' https://jira.example.com/rest/auth/1/session\n`;
    const input = write('both.txt', text);
    const r = call(['redact', input, '-o', 'both.redacted.txt']);
    expect(r).toMatchObject({ code: 0, err: 'seraph-lens: wrote both.redacted.txt\n' });
    const redacted = readFileSync(path.join(dir, 'both.redacted.txt'), 'utf8');
    expectNoSecret(redacted);
    expect(redacted).toContain('> GET /rest/api/2/myself HTTP/1.1');
    const before = JSON.parse(call(['analyze', input, '--json']).out);
    const after = JSON.parse(call(['analyze', 'both.redacted.txt', '--json']).out);
    expect(after.findings).toEqual(before.findings);
    // The copy lacks, honestly, the secret it no longer has (the -u password is REDACTED now).
    expect(after.input).toEqual({ ...before.input, lacks: [...before.input.lacks, 'secret'] });
  });

  it('from standard input to standard output', () => {
    const r = call(['redact', '-', '-o', '-'], S.TRACE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('=> Send header, ');
    expectNoSecret(r.out);
  });
});

describe('parseArgs --input', () => {
  it('is kept only when given', () => {
    expect(parseArgs(['analyze', 'a.txt', '--input', 'httpie'])).toMatchObject({ input: 'httpie' });
    expect(parseArgs(['redact', '-', '-o', '-', '--input=raw'])).toMatchObject({ file: '-', input: 'raw' });
    expect(parseArgs(['analyze', 'a.har'])).not.toHaveProperty('input');
    expect(() => parseArgs(['analyze', 'a', '--input', 'har', '--input', 'raw'])).toThrow('--input given twice');
    expect(() => parseArgs(['analyze', '-', '-'])).toThrow('standard input) given twice');
  });
});

describe('readStdin', () => {
  it('reads a descriptor to its end, refuses past the limit and when empty', () => {
    const fd = (text: string) => openSync(path.join(dir, write(`fd-${text.length}.txt`, text)), 'r');
    const ok = fd(S.CURL_I);
    expect(readStdin('-', { maxBytes: 1e6 }, ok)).toBe(S.CURL_I);
    closeSync(ok);
    const big = fd('x'.repeat(200_000));
    expect(() => readStdin('-', { maxBytes: 100_000 }, big)).toThrow('-: larger than 0.1 MB');
    closeSync(big);
    const empty = fd(' \n');
    expect(() => readStdin('-', { maxBytes: 100 }, empty)).toThrow('standard input is empty');
    closeSync(empty);
  });
});
