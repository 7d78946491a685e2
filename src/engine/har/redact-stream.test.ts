/**
 * The streaming redactor writes, byte for byte, what the CLI wrote from the whole document:
 * `JSON.stringify(redactHar(makeWellFormed(doc)), null, 2) + '\n'`, for every recorded fixture and for
 * documents whose secrets are found in one entry and occur in others and in the fields around the entries.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fuzz } from '../test-support/fuzz';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { redactHarFound } from '../redact/redact';
import { HarChangedError, redactHarStream } from './redact-stream';
import { HarStreamFallback } from './har-stream';
import { makeWellFormed } from '../../cli/well-formed';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, 'e2e/fixtures');
const fixtures = [...readdirSync(DIR).filter((f) => f.endsWith('.har')), ...readdirSync(path.join(DIR, 'tokens')).filter((f) => f.endsWith('.har')).map((f) => `tokens/${f}`)];

function inMemory(text: string): { out: string; found: Set<string> } {
  const { har, found } = redactHarFound(makeWellFormed(JSON.parse(text.replace(/^\ufeff/, ''))));
  return { out: JSON.stringify(har, null, 2) + '\n', found };
}

function streamed(text: string, chunk: number, slice?: number): { out: string; found: Set<string>; writes: number } {
  let out = '';
  let writes = 0;
  const source = (push: (s: string) => void) => {
    for (let i = 0; i < text.length; i += chunk) push(text.slice(i, i + chunk));
  };
  const { found } = redactHarStream(source, (s) => ((out += s), writes++), { prepare: makeWellFormed, ...(slice ? { sliceChars: slice } : {}) });
  return { out, found, writes };
}

function same(text: string, label: string, chunks = [1 << 20, 4096, 97], slices = [undefined, 1, 3000]): void {
  const want = inMemory(text);
  for (const chunk of chunks)
    for (const slice of slices) {
      const got = streamed(text, chunk, slice);
      expect(got.out === want.out, `${label}: chunk ${chunk} slice ${slice}`).toBe(true);
      expect([...got.found].sort(), label).toEqual([...want.found].sort());
    }
}

/** A fixture with secrets spread: found in the last entry, present in the first, in pages, creator, comment and a top-level field. */
function spread(text: string): string {
  const doc = JSON.parse(text);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a fixture's entries, edited freely
  const entries = doc.log.entries as Record<string, any>[];
  const secret = 'Zq8vT1pLmN3rXw7YbK2d';
  const cookie = 'ckV4lue9Hh2Jj5Kk8Ll';
  const last = entries[entries.length - 1]!;
  last.request.headers.push({ name: 'Authorization', value: `Bearer ${secret}` }, { name: 'Cookie', value: `JSESSIONID=${cookie}` });
  entries[0]!.response.content = { mimeType: 'text/html', text: `<p>${secret}</p> ${encodeURIComponent(cookie)} ${Buffer.from(secret).toString('base64')}` };
  entries[0]!.comment = `copied ${secret}`;
  doc.log.pages = [...(doc.log.pages ?? []), { id: 'page_9', title: `https://jira.example.com/?t=${secret}` }];
  doc.log.creator = { name: 'x', version: '1', comment: cookie };
  doc.log.comment = `password=hunter2hunter2 and ${secret}`;
  doc.extra = { note: `session ${cookie}`, lone: 'a\ud800b' };
  // log's own keys after the entries, and an entry that is not an object
  entries.push('a bare string entry ' + secret as never, 42 as never, null as never);
  const log = doc.log;
  delete doc.log;
  doc.log = { ...log, _after: { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl' } };
  return JSON.stringify(doc, null, 2);
}

describe('redactHarStream', () => {
  it('has fixtures to check', () => expect(fixtures.length).toBeGreaterThan(20));

  for (const f of fixtures) {
    it(`${f}: byte-identical to the in-memory redactor, also with its secrets spread across entries and log fields`, () => {
      const text = readFileSync(path.join(DIR, f), 'utf8');
      same(text, f, [1 << 20, 333], [undefined, 1]);
      const s = spread(text);
      const want = inMemory(s);
      expect(want.found.size).toBeGreaterThan(2);
      expect(want.out).not.toContain('Zq8vT1pLmN3rXw7YbK2d');
      same(s, `${f} spread`, [1 << 20, 97], [undefined, 1]);
    });
  }

  it('minified, a byte-order mark, no entries, entries in the middle of log, non-ASCII', () => {
    const base = readFileSync(path.join(DIR, fixtures[0]!), 'utf8');
    const doc = JSON.parse(spread(base));
    same(JSON.stringify(doc), 'minified');
    same('\ufeff' + JSON.stringify(doc), 'bom');
    same(JSON.stringify({ log: { version: '1.2', comment: 'Bearer Zq8vT1pLmN3rXw7YbK2d', entries: [] } }), 'empty');
    same(JSON.stringify({ log: { entries: [{ request: { url: 'https://x/ä😀?token=Zq8vT1pLmN3rXw7YbK2d', headers: [] } }], pages: [{ title: 'ä Zq8vT1pLmN3rXw7YbK2d' }] } }), 'unicode');
  });

  it('writes in pieces, not once at the end', () => {
    const base = JSON.parse(readFileSync(path.join(DIR, fixtures[0]!), 'utf8'));
    const many = { log: { ...base.log, entries: Array.from({ length: 400 }, () => base.log.entries).flat() } };
    const text = JSON.stringify(many);
    expect(text.length).toBeGreaterThan(3 << 20);
    const got = streamed(text, 1 << 20);
    expect(got.writes).toBeGreaterThan(2);
    expect(got.out === inMemory(text).out).toBe(true);
  });

  it('any entries and fields around them, in any chunks and slices: the same bytes (property)', () => {
    const secret = fc.constantFrom('Zq8vT1pLmN3rXw7YbK2d', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl', 'ghp_0123456789abcdefABCDEF0123456789abcd', 'p\u00e4ssw0rd!!xyz');
    const entryOf = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        request: fc.record({ url: secret.map((s) => `https://jira.example.com/rest?token=${encodeURIComponent(s)}`), headers: fc.constant([{ name: 'Authorization', value: 'Bearer Zq8vT1pLmN3rXw7YbK2d' }]), cookies: secret.map((s) => [{ name: 'JSESSIONID', value: s }]) }),
        response: fc.record({ status: fc.constant(200), content: fc.record({ mimeType: fc.constant('application/json'), text: secret.map((s) => JSON.stringify({ echo: s, note: `has ${s}` })) }) }),
        comment: fc.oneof(secret, fc.string(), fc.constant('lone \ud800 surrogate')),
      }),
    );
    fc.assert(
      fc.property(fc.array(entryOf, { maxLength: 8 }), fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(secret, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 3 }), fc.boolean(), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 500 }), (entries, around, pretty, chunk, slice) => {
        const log = { version: '1.2', ...around, entries, comment: 'x' };
        const text = JSON.stringify({ log, extra: around }, null, pretty ? 2 : undefined);
        expect(streamed(text, chunk, slice).out).toBe(inMemory(text).out);
      }),
      fuzz(2511, 150),
    );
  });

  it('not JSON or not a HAR: handed back before anything is written', () => {
    for (const text of ['{"log": {"entries": [1,}', '[]', '{"log": {"version": "3", "entries": []}}', '{"log": {"entries": [{}]}} x']) {
      let wrote = false;
      expect(() => redactHarStream((push) => push(text), () => (wrote = true))).toThrow(HarStreamFallback);
      expect(wrote).toBe(false);
    }
  });

  it('a text that changes between the passes is an error, not a silently different file', () => {
    let pass = 0;
    const source = (push: (s: string) => void) => push(JSON.stringify({ log: { entries: pass++ === 0 ? [{ a: 1 }, { b: 2 }] : [{ a: 1 }] } }));
    expect(() => redactHarStream(source, () => {})).toThrow(HarChangedError);
  });
});
