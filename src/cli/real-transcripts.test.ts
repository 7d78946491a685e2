/**
 * The real published transcripts of e2e/fixtures/transcripts/ (verbatim, with a source sidecar, a HAR twin
 * and expected.json) through the CLI as it is shipped: each one reads, or is listed below as a shape we do
 * not read (and then fails cleanly); its codes are expected.json's and its twin's (differences listed,
 * with the reason); and `redact` writes it back in its own format, analysed the same, without a credential.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, buildCliForTest } from './built';
import { isMasked } from '../engine/transcript/lines';

const CLI = buildCliForTest();
const DIR = path.join(ROOT, 'e2e/fixtures/transcripts');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-real-transcripts-'));
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.slice(0, -4))
  .sort();
const expected = JSON.parse(readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, { codes: string[]; reason: string }>;
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: DIR, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

interface Report {
  input: { entries: number; format?: string; lacks?: string[] };
  findings: { code: string }[];
}
function analyze(file: string): Report {
  const r = cli('analyze', file, '--json');
  expect({ file, status: r.status, stderr: r.stderr }).toEqual({ file, status: 0, stderr: '' });
  return JSON.parse(r.stdout) as Report;
}
const codesOf = (r: Report) => r.findings.map((f) => f.code).sort();

/** Shapes read on purpose, each named with the format the reader reports for it. */
const SHAPES: Record<string, { shape: string; format: string }> = {
  'kb-confluence-authentication-denied-curl-v': { shape: 'curl -v', format: 'curl' },
  'jit-10-curl-D-prompt-cloud-404': { shape: 'curl -D- after a prompt (command and response)', format: 'curl' },
  'gojira-8-raw-response-denied': { shape: 'raw response', format: 'raw' },
  'id-6351-cloud-response-only-authfailed': { shape: 'raw response', format: 'raw' },
  'jit-12-response-prefix-captcha': { shape: 'labelled raw response (`Response: HTTP/1.1 …`)', format: 'raw' },
  'mark-102-tool-trace-basic-deprecated': { shape: "tool trace: log head before the status line, hanging indent, chunk sizes", format: 'raw' },
  'community-3062781-raw-request-only': { shape: 'raw request: absolute URI, no HTTP version', format: 'raw' },
  'elastic-3684-curl-command-only': { shape: 'curl command', format: 'curl-command' },
  'doctoolchain-1458-curl-bearer-pat-body': { shape: 'curl command', format: 'curl-command' },
  'community-3089340-curl-masked-body-only': { shape: 'curl command', format: 'curl-command' },
  'orgjira-340-curl-v-command-multiline': { shape: 'curl command over lines without continuation marks', format: 'curl-command' },
  'jirajs-418-node-headers-object-expired-token': { shape: 'response headers as a JS object (status unknown)', format: 'headers-object' },
  'community-3094683-curl-then-json-scope-mismatch': { shape: 'JSON body pasted before the curl command that got it', format: 'curl-command' },
};

/** Shapes not read, on purpose: each still fails cleanly (exit 2, one line on stderr). */
const UNSUPPORTED: Record<string, string> = {
  'gajira-59-node-error-object-401':
    'a Node.js error object (util.inspect): every header value is `[Array]` and the request headers are not shown; read as an exchange it would say "no credentials sent" where the paste says nothing, and the engine has no "request headers unknown"',
  'swingbit-15-requests-error-and-quoted-body':
    'a python-requests HTTPError line and a Markdown-quoted body: no HTTP text; the same "credentials unknown, not none" problem',
  'lesstif-528-client-log-connect-token':
    "a PHP client library's exception text (`Status Code : 403, URL:…`, `Error Message : {…}`): a log format of one library, no HTTP text",
};

/**
 * Read, but the codes differ from expected.json (judged by a reader who takes the status from prose or the
 * body) and from the twin (which states that status): none since a body without its status line counts.
 */
const STATUS_NOT_SHOWN: Record<string, { codes: string[]; reason: string }> = {};

/** Twins that cannot say what the transcript leaves unknown (besides the unsupported ones). */
const TWIN_DIFFERS: Record<string, string> = {};

/**
 * Redacted copies that are not line for line: the poster's quote is not closed (`--header 'Authorization:
 * Basic *********** \` runs into the next line), so the redactor cannot swap the words in place and
 * writes the command again on one line (write.ts's fallback); still a curl command, read the same.
 */
const ONE_LINE_COMMAND: Record<string, string> = {
  'community-3089340-curl-masked-body-only': "an unclosed quote in the pasted command (`'Authorization: Basic *********** \\`)",
};

const supported = names.filter((n) => !(n in UNSUPPORTED));

/** Credential values a text shows: Authorization credentials, cookie values, and `-u user:password` passwords. */
function credentials(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/authorization['"]?\s*:\s*['"]?([A-Za-z]+)[ \t]+([^\s'",]+(?: user=[^\]\s]+)?(?: shape=[^\]\s]+)?\]?)/gi)) out.push(m[2]!);
  for (const m of text.matchAll(/(?:^|['"\s])(?:set-)?cookie['"]?\s*:\s*['"]?([^\r\n'"]*)/gim)) {
    const set = /set-cookie/i.test(m[0]);
    const pairs = set ? [m[1]!.split(';')[0]!] : m[1]!.split(';');
    for (const p of pairs) {
      const eq = p.indexOf('=');
      if (eq > 0) out.push(p.slice(eq + 1).trim());
    }
  }
  for (const m of text.matchAll(/(?:^|\s)(?:-u|--user)\s+['"]?[^\s'":]+:([^\s'"]+)/g)) out.push(m[1]!);
  return out.filter((v) => v !== '');
}
/** A value the redacted copy may show: our marker (perhaps with a kept suffix such as `_lout`), or the poster's mask. */
const shownSafely = (v: string) => v.startsWith('[redacted') || isMasked(v) || /^REDACTED(?:-[a-z0-9-]+)?$/.test(v) || /^[.…]+_lout$/.test(v) || /\.\.\.(?:_lout)?$/.test(v);

describe('real published transcripts through the CLI', () => {
  it('every fixture is either read (with its shape named) or listed as unsupported, with its sidecar, twin and expected codes', () => {
    expect(names.length).toBe(16);
    for (const n of names) {
      expect(n in SHAPES !== n in UNSUPPORTED, n).toBe(true);
      expect(expected[n], n).toBeDefined();
      expect(readFileSync(path.join(DIR, `${n}.source.md`), 'utf8').length, n).toBeGreaterThan(0);
      expect(readFileSync(path.join(DIR, `${n}.har`), 'utf8').length, n).toBeGreaterThan(0);
    }
    expect(Object.keys(SHAPES).sort()).toEqual(supported);
  });

  it('at least 12 are read, of at least 6 different shapes', () => {
    expect(supported.length).toBe(13);
    expect(supported.length).toBeGreaterThanOrEqual(12);
    expect(new Set(supported.map((n) => SHAPES[n]!.shape)).size).toBeGreaterThanOrEqual(6);
  });

  for (const n of Object.keys(UNSUPPORTED)) {
    it(`${n}: not read (${UNSUPPORTED[n]!.slice(0, 40)}…), and it fails cleanly`, () => {
      for (const args of [['analyze', `${n}.txt`, '--json'], ['redact', `${n}.txt`, '-o', '-']]) {
        const r = cli(...args);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^seraph-lens: .*neither a HAR file nor a transcript/);
      }
    });
  }

  for (const n of supported) {
    it(`${n}: read as ${SHAPES[n]!.shape}; codes as expected and as its twin's; redacted in the same format`, () => {
      const report = analyze(`${n}.txt`);
      expect(report.input.format).toBe(SHAPES[n]!.format);
      expect(report.input.entries).toBeGreaterThan(0);
      // input.lacks stays a list of words.
      for (const l of report.input.lacks ?? []) expect(l).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
      const codes = codesOf(report);

      const gap = STATUS_NOT_SHOWN[n];
      if (gap) {
        expect(codes).toEqual(gap.codes);
        expect(report.input.lacks).toContain('status');
        expect(expected[n]!.codes.sort()).not.toEqual(gap.codes); // still a difference: remove the entry when it is gone
      } else expect(codes).toEqual(expected[n]!.codes.slice().sort());

      const twin = codesOf(analyze(`${n}.har`));
      if (n in TWIN_DIFFERS) expect(twin).not.toEqual(codes);
      else expect(codes).toEqual(twin);

      const r = cli('redact', `${n}.txt`, '-o', '-');
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      const redacted = r.stdout;
      const copy = path.join(OUT, `${n}.txt`);
      writeFileSync(copy, redacted);
      const again = analyze(copy);
      expect(again.input.format).toBe(report.input.format);
      expect(again.input.entries).toBe(report.input.entries);
      expect(codesOf(again)).toEqual(codes);
      // Same format: the same lines, in the same order (only values change).
      const original = readFileSync(path.join(DIR, `${n}.txt`), 'utf8');
      if (n in ONE_LINE_COMMAND) expect(redacted.split('\n').length).toBeLessThan(original.split('\n').length);
      else expect(redacted.split('\n').length).toBe(original.split('\n').length);
      // No credential value: every Authorization credential, cookie value and -u password is a marker or a mask.
      for (const v of credentials(redacted)) expect(shownSafely(v), `${n}: ${v}`).toBe(true);
      for (const v of credentials(original)) if (!shownSafely(v) && v.length > 4) expect(redacted, n).not.toContain(v);
    });
  }
});
