/**
 * The CLI in pipelines (issue 18) and against hostile input (issue 16), through main() with a fake
 * terminal: several files and folders, --format text|json|ndjson, --fail-on, colour, the progress line,
 * non-regular and oversized files.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from './main';
import { USAGE } from './args';

const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-pipeline-'));
const write = (name: string, text: string) => {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, text);
  return p;
};
const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } });
const entry = (url: string, status: number, response: { name: string; value: string }[], request: { name: string; value: string }[] = []) => ({
  startedDateTime: '2026-11-24T10:00:00Z',
  request: { method: 'GET', url, headers: request },
  response: { status, headers: response },
});
/** An error finding (session-expired, with a warning beside it). */
const ERRORS = har([entry('https://jira.example.com/rest/api/2/myself', 401, [{ name: 'X-AUSERNAME', value: 'anonymous' }], [{ name: 'Cookie', value: 'JSESSIONID=x' }])]);
/** A warning and nothing worse (a Cloud Basic login with a username). */
const WARNING = har([
  entry('https://acme.atlassian.net/rest/api/2/myself', 401, [], [{ name: 'Authorization', value: `Basic ${Buffer.from('fred:pw').toString('base64')}` }]),
]);
/** Nothing to say. */
const CLEAN = har([entry('https://jira.example.com/secure/Dashboard.jspa', 200, [{ name: 'X-AUSERNAME', value: 'fred' }])]);

write('errors.har', ERRORS);
write('warning.har', WARNING);
write('clean.har', CLEAN);
write('captures/b.har', CLEAN);
write('captures/A.HAR', WARNING);
write('captures/notes.txt', 'not a capture');
write('captures/deeper/c.har', ERRORS);
mkdirSync(path.join(dir, 'empty-folder'), { recursive: true });

function call(argv: string[], opts: { isTTY?: boolean; stderrIsTTY?: boolean; env?: Record<string, string> } = {}) {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), isTTY: opts.isTTY ?? false, stderrIsTTY: opts.stderrIsTTY ?? false, env: opts.env ?? {}, cwd: dir };
  return { code: main(argv, io), out, err };
}
const lines = (s: string) => s.trim().split('\n');

describe('several files and folders', () => {
  it('ndjson: one object per file, in order, folders walked for *.har (any case) sorted, recursively', () => {
    const r = call(['analyze', 'errors.har', 'captures', 'clean.har', '--format', 'ndjson']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const records = lines(r.out).map((l) => JSON.parse(l));
    expect(records.map((x) => x.file)).toEqual(['errors.har', path.join('captures', 'A.HAR'), path.join('captures', 'b.har'), path.join('captures', 'deeper', 'c.har'), 'clean.har']);
    for (const x of records) expect(Object.keys(x)).toEqual(['file', 'version', 'input', 'origins', 'sessions', 'findings']);
    expect(records[0].findings.map((f: { code: string }) => f.code)).toContain('session-expired');
  });
  it('json: an array of the same objects; one file alone keeps the findings.md schema, no "file" key', () => {
    const many = JSON.parse(call(['analyze', 'errors.har', 'clean.har', '--json']).out);
    expect(many.map((x: { file: string }) => x.file)).toEqual(['errors.har', 'clean.har']);
    const one = JSON.parse(call(['analyze', 'errors.har', '--json']).out);
    expect(Object.keys(one)).toEqual(['version', 'input', 'origins', 'sessions', 'findings']);
    const { file: _file, ...rest } = many[0];
    expect(rest).toEqual(one);
  });
  it('text: each report with its file name, then one summary line', () => {
    const r = call(['analyze', 'errors.har', 'warning.har', 'clean.har']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^errors\.har: 1 entry, 1 origin, 1 error/);
    expect(r.out).toMatch(/\nwarning\.har: 1 entry, 1 origin, 0 errors, [1-9]\d* warnings?/);
    expect(r.out).toMatch(/\nclean\.har: 1 entry/);
    expect(lines(r.out).at(-1)).toMatch(/^3 files analysed: 1 error, \d+ warnings?, \d+ info$/);
  });
  it('an unreadable file is reported (stderr, and as {"file", "error"}) and the others still are; exit 2', () => {
    write('broken.har', '{"log": ');
    const r = call(['analyze', 'errors.har', 'broken.har', 'missing.har', 'empty-folder', 'clean.har', '--format', 'ndjson']);
    expect(r.code).toBe(2);
    expect(lines(r.err)).toEqual([
      'seraph-lens: broken.har: not JSON: unexpected end of the file',
      'seraph-lens: missing.har: no such file',
      'seraph-lens: empty-folder: a folder with no .har file in it',
    ]);
    const records = lines(r.out).map((l) => JSON.parse(l));
    expect(records.map((x) => [x.file, x.error ?? 'ok'])).toEqual([
      ['errors.har', 'ok'],
      ['broken.har', 'not JSON: unexpected end of the file'],
      ['missing.har', 'no such file'],
      ['empty-folder', 'a folder with no .har file in it'],
      ['clean.har', 'ok'],
    ]);
    expect(lines(call(['analyze', 'clean.har', 'missing.har']).out).at(-1)).toBe('1 file analysed, 1 file not: 0 errors, 0 warnings, 0 info');
  });
});

describe('--fail-on', () => {
  it('exit 1 when a finding of the level (or worse) exists, 0 otherwise, 2 beats it for unreadable input', () => {
    expect(call(['analyze', 'errors.har', '--fail-on', 'error']).code).toBe(1);
    expect(call(['analyze', 'warning.har', '--fail-on', 'error']).code).toBe(0);
    expect(call(['analyze', 'warning.har', '--fail-on', 'warning']).code).toBe(1);
    expect(call(['analyze', 'errors.har', '--fail-on', 'warning']).code).toBe(1);
    expect(call(['analyze', 'clean.har', '--fail-on', 'warning']).code).toBe(0);
    expect(call(['analyze', 'clean.har', 'captures', '--fail-on', 'error', '--json']).code).toBe(1); // captures/deeper/c.har
    expect(call(['analyze', 'clean.har', 'warning.har', '--fail-on', 'error']).code).toBe(0);
    expect(call(['analyze', 'errors.har', 'missing.har', '--fail-on', 'error']).code).toBe(2);
    expect(call(['analyze', 'errors.har']).code).toBe(0); // no --fail-on: findings are not failures
  });
});

describe('terminal', () => {
  it('colour only on a TTY, never with NO_COLOR, never in JSON', () => {
    expect(call(['analyze', 'errors.har'], { isTTY: true }).out).toContain('\x1b[31m[error]');
    expect(call(['analyze', 'errors.har', 'clean.har'], { isTTY: true }).out).toContain('\x1b[31m[error]');
    expect(call(['analyze', 'errors.har'], { isTTY: false }).out).not.toContain('\x1b[');
    expect(call(['analyze', 'errors.har', 'clean.har'], { isTTY: true, env: { NO_COLOR: '1' } }).out).not.toContain('\x1b[');
    expect(call(['analyze', 'errors.har', '--format', 'ndjson'], { isTTY: true }).out).not.toContain('\x1b[');
  });
  it('a progress line on stderr for a file over 50 MB when stderr is a TTY, erased at the end; none otherwise', () => {
    // 51 MB of one entry's padding: still a HAR with one entry.
    const big = { ...JSON.parse(CLEAN).log.entries[0], _padding: 'x'.repeat(51 * 1024 * 1024) };
    write('big.har', har([big]));
    const tty = call(['analyze', 'big.har', '--json'], { stderrIsTTY: true });
    expect(tty.code).toBe(0);
    // Streamed: the file is analysed as it is read.
    expect(tty.err.startsWith('\r\x1b[Kseraph-lens: big.har: analysing 16 of 51 MB')).toBe(true);
    expect(tty.err).toContain('seraph-lens: big.har: analysing 48 of 51 MB');
    expect(tty.err.endsWith('\r\x1b[K')).toBe(true);
    expect(JSON.parse(tty.out).input).toEqual({ entries: 1, skipped: 0 });
    expect(call(['analyze', 'big.har', '--json'], { stderrIsTTY: false }).err).toBe('');
    expect(call(['analyze', 'clean.har', '--json'], { stderrIsTTY: true }).err).toBe('');
  });
});

describe('files that are not HAR files (issue 16)', () => {
  const refused = (argv: string[], want: RegExp) => {
    const r = call(argv);
    expect(r.code, argv.join(' ')).toBe(2);
    expect(r.out).toBe('');
    expect(lines(r.err), argv.join(' ')).toHaveLength(1);
    expect(r.err.trimEnd()).toMatch(want);
  };
  it('devices, FIFOs and sockets are refused before they are read, with exit 2 and one line', () => {
    refused(['analyze', '/dev/urandom'], /^seraph-lens: \/dev\/urandom: a character device, not a HAR file$/);
    refused(['analyze', '/dev/zero', '--json'], /\/dev\/zero: a character device/);
    refused(['redact', '/dev/urandom', '-o', '-'], /\/dev\/urandom: a character device/);
    const fifo = path.join(dir, 'pipe.har');
    execFileSync('mkfifo', [fifo]);
    // Opening a FIFO for reading would wait for a writer forever: this returns at once.
    refused(['analyze', fifo], /pipe\.har: a FIFO \(named pipe\), not a HAR file/);
    refused(['redact', fifo, '-o', '-'], /pipe\.har: a FIFO/);
    const link = path.join(dir, 'link-to-zero.har');
    symlinkSync('/dev/zero', link);
    refused(['analyze', link], /link-to-zero\.har: a character device/);
  });
  it('a folder where one file is expected (redact), files over the stated size', () => {
    refused(['redact', 'captures', '-o', '-'], /captures: is a directory, not a HAR file/);
    write('two-mb.har', har([{ ...JSON.parse(CLEAN).log.entries[0], _padding: 'x'.repeat(2 * 1024 * 1024) }]));
    refused(['analyze', 'two-mb.har', '--max-size', '1'], /^seraph-lens: two-mb\.har: larger than 1 MB \(the limit; --max-size MB raises it\)$/);
    refused(['redact', 'two-mb.har', '-o', '-', '--max-size', '1.5'], /two-mb\.har: larger than 1\.5 MB/);
    expect(call(['analyze', 'two-mb.har', '--max-size', '3']).code).toBe(0);
    expect(USAGE).toContain('--max-size MB  refuse larger files (default 500)');
  });
});

describe('--version, --help', () => {
  it('prints the package version and the usage, exit 0', () => {
    const v = call(['--version']);
    expect(v).toMatchObject({ code: 0, err: '' });
    expect(v.out).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?\n$/);
    expect(call(['--help']).out).toContain('--format text|json|ndjson');
  });
});
