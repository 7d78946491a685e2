/**
 * `npm run package` (issue 18): both store packages built twice from the same sources are byte-identical,
 * carry package.json's version, and hold the store build's files (no sources, no source maps).
 * Builds the store variants twice: ~30-60 s.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain .mjs script without type declarations
import { crc32, unzipEntries, zipEntries } from './zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
type Entries = [string, Buffer][];

describe('zip.mjs', () => {
  it('round-trips entries, sorted, and the same entries always give the same bytes', () => {
    const entries: Entries = [['b/x.js', Buffer.from('x'.repeat(1000))], ['a.json', Buffer.from('{}')], ['ü.txt', Buffer.alloc(0)]];
    const zip = zipEntries(entries) as Buffer;
    expect((unzipEntries(zip) as Entries).map(([n, d]) => [n, d.toString()])).toEqual([['a.json', '{}'], ['b/x.js', 'x'.repeat(1000)], ['ü.txt', '']]);
    expect(zipEntries([...entries].reverse())).toEqual(zip);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    // Readable by unzip(1) as well, where installed.
    const which = spawnSync('unzip', ['-v'], { encoding: 'utf8' });
    if (which.status === 0) {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-zip-')), 't.zip');
      writeFileSync(file, zip);
      expect(spawnSync('unzip', ['-t', file], { encoding: 'utf8' }).status).toBe(0);
    }
  });
});

describe('npm run package', () => {
  const pack = (out: string, ...more: string[]) => {
    const r = spawnSync(process.execPath, ['scripts/package.mjs', '--out', out, ...more], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    return r.stdout;
  };
  it('builds twice to byte-identical Chrome and Firefox zips with the package version, sizes printed', { timeout: 300_000 }, () => {
    const a = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-package-a-'));
    const b = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-package-b-'));
    const printed = pack(a);
    pack(b, '--no-lint'); // the first run linted the Firefox package
    for (const browser of ['chrome', 'firefox']) {
      const name = `seraph-lens-${version}-${browser}.zip`;
      expect(printed).toMatch(new RegExp(`${name}  \\d+\\.\\d KB`));
      const first = readFileSync(path.join(a, name));
      expect(readFileSync(path.join(b, name)).equals(first), `${name} differs between two builds`).toBe(true);
      const entries = unzipEntries(first) as Entries;
      const names = entries.map(([n]) => n);
      expect(names).toEqual([...names].sort());
      const manifest = JSON.parse(entries.find(([n]) => n === 'manifest.json')![1].toString());
      expect(manifest.version).toBe(version);
      expect(manifest.name).toBe('Seraph Lens'); // the store build, not the dev one
      expect(manifest.host_permissions).not.toContain('http://127.0.0.1/*');
      expect(names.some((n) => n.endsWith('.map') || n.endsWith('.ts') || n.startsWith('.'))).toBe(false);
      expect(names).toContain('icons/128.png');
    }
  });
});
