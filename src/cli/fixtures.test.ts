/**
 * The HAR fixtures recorded from the emulator in real Chromium (e2e/chromium/fixtures.spec.ts) replayed
 * through the CLI exactly as a support engineer would run it, against their committed expected output.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildCliForTest } from './built';

const CLI = buildCliForTest();
const DIR = path.join(ROOT, 'e2e/fixtures');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.har'));
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('recorded fixtures through the CLI', () => {
  it('there are fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(4));

  for (const har of fixtures) {
    const base = path.join(DIR, har.replace(/\.har$/, ''));
    it(`${har}: --json and the text report match the expected output`, () => {
      const json = cli('analyze', path.join(DIR, har), '--json');
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')));
      const text = cli('analyze', path.join(DIR, har));
      expect(text.stdout).toBe(readFileSync(`${base}.expected.txt`, 'utf8'));
    });
  }

  const contract = path.join(ROOT, '../shared/findings.md');
  it.skipIf(!existsSync(contract))('together they cover every finding code of findings.md', () => {
    const codes = [...readFileSync(contract, 'utf8').split('## Codes')[1]!.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    const seen = new Set(fixtures.flatMap((f) => (JSON.parse(readFileSync(path.join(DIR, f.replace(/\.har$/, '.expected.json')), 'utf8')).findings as { code: string }[]).map((x) => x.code)));
    for (const code of codes) expect(seen, code).toContain(code);
  });
});
