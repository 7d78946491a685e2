/**
 * The CLI reads HAR files in chunks (inputs.ts readInputChunks) and streams them (har-stream.ts,
 * redact-stream.ts): the same output as the whole-document path, the same one-line errors.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main, type Io } from './main';
import { STREAM_CHUNK_BYTES, readInputChunks } from './inputs';
import { redactHar } from '../engine/redact/redact';
import { readHar } from '../engine/har/har';
import { analyze } from '../engine/analysis/analyzer';
import { jsonReport } from './report-json';
import { makeWellFormed } from './well-formed';

const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-stream-'));
const FIXTURE = path.resolve(__dirname, '../../e2e/fixtures/session-expiry.har');

function call(argv: string[]) {
  let out = '';
  let err = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (err += s), isTTY: false, stderrIsTTY: false, env: {}, cwd: dir };
  return { code: main(argv, io), out, err };
}
const write = (name: string, text: string | Buffer) => {
  writeFileSync(path.join(dir, name), text);
  return name;
};

/** A HAR of several megabytes (many chunks) with a secret found only in its last entry, present in its first and in log.comment. */
function bigHar(): string {
  const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  type Entry = { request: { headers: object[] }; response: { content: object } };
  const entries: (Entry | string | object)[] = Array.from({ length: 300 }, () => doc.log.entries as Entry[]).flat().map((e) => structuredClone(e));
  const last = entries[entries.length - 1] as Entry;
  const first = entries[0] as Entry;
  const secret = 'Zq8vT1pLmN3rXw7YbK2d';
  last.request.headers.push({ name: 'Authorization', value: `Bearer ${secret}` });
  first.response.content = { mimeType: 'text/plain', text: `copied: ${secret} — ünïcödé 😀`.repeat(20) };
  entries.splice(3, 0, 'not an entry', { request: 'no' });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, comment: `see ${secret}`, entries, pages: [] }, extra: secret }, null, 1);
}

describe('streamed CLI', () => {
  const text = bigHar();
  const name = write('big.har', text);
  const old = JSON.stringify(redactHar(makeWellFormed(JSON.parse(text))), null, 2) + '\n';

  it('the file is read in chunks of a megabyte, characters split between chunks kept whole', () => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * STREAM_CHUNK_BYTES);
    const chunks: string[] = [];
    readInputChunks({ name, at: path.join(dir, name) }, { maxBytes: 1e9 }, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(STREAM_CHUNK_BYTES);
    expect(chunks.join('')).toBe(text);
  });

  it('chunks decode as the whole file does: split characters, broken and unfinished UTF-8 sequences', () => {
    // Every 1 MB boundary falls inside a 4-byte character, and then inside lone and truncated sequences.
    const parts: Buffer[] = [];
    for (let k = 0; k < 5; k++) parts.push(Buffer.alloc(STREAM_CHUNK_BYTES - 2 - (k ? 2 : 0), 'a'), Buffer.from(k % 2 ? [0xf0, 0x9f, 0x98, 0x80] : [0xe2, 0x82, 0xff, 0xc3]));
    parts.push(Buffer.from([0xf0, 0x9f]));
    const bytes = Buffer.concat(parts);
    const name = write('odd-utf8.har', bytes);
    const chunks: string[] = [];
    readInputChunks({ name, at: path.join(dir, name) }, { maxBytes: 1e9 }, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThan(4);
    expect(chunks.join('') === bytes.toString('utf8')).toBe(true);
  });

  it('redact -o - and -o file: byte-identical to the whole-document redactor, the late secret swept everywhere', () => {
    const r = call(['redact', name, '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.out === old).toBe(true);
    expect(r.out).not.toContain('Zq8vT1pLmN3rXw7YbK2d');
    const f = call(['redact', name, '-o', 'out.har']);
    expect(f.code).toBe(0);
    expect(f.err).toBe('seraph-lens: wrote out.har\n');
    expect(readFileSync(path.join(dir, 'out.har'), 'utf8') === old).toBe(true);
  }, 60_000); // two whole redactions of a multi-megabyte file: ~5 s idle, over 20 s when the machine is busy

  it('analyze: the same report as the whole-document reader, malformed entries skipped and counted', () => {
    const r = call(['analyze', name, '--json']);
    expect(r.code).toBe(0);
    const { exchanges, entries, skipped } = readHar(text);
    expect(skipped).toBe(2);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(JSON.stringify(jsonReport(analyze(exchanges), { entries, skipped }))));
  });

  it('broken JSON: one line with line and column, exit 2, no output file', () => {
    const at = text.indexOf('"request":', 2_500_000) + '"request":'.length;
    const broken = write('broken.har', text.slice(0, at) + ':' + text.slice(at));
    const line = text.slice(0, at).split('\n').length;
    for (const argv of [['analyze', broken], ['redact', broken, '-o', 'never.har']]) {
      const r = call(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^seraph-lens: broken\\.har: not JSON: line ${line}, column \\d+\\n$`));
    }
    expect(existsSync(path.join(dir, 'never.har'))).toBe(false);
    expect(call(['analyze', write('cut.har', text.slice(0, 1_500_000))]).err).toMatch(/^seraph-lens: cut\.har: not JSON: .*\n$/);
    expect(call(['analyze', write('blank.har', ' \n\t ')]).err).toBe('seraph-lens: blank.har: the file is empty\n');
    expect(call(['redact', write('v3.har', '{"log":{"version":"3.0","entries":[]}}'), '-o', '-']).err).toBe('seraph-lens: v3.har: unsupported HAR version "3.0" (expected 1.x)\n');
  });

  it('a shape the stream hands back (entries twice) still gives the whole-document answer', () => {
    const odd = '{"log":{"entries":[{"request":{"url":"https://j.example.com/?token=Zq8vT1pLmN3rXw7YbK2d"}}],"entries":[]}}';
    const r = call(['redact', write('odd.har', odd), '-o', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(JSON.stringify(redactHar(JSON.parse(odd)), null, 2) + '\n');
  });
});
