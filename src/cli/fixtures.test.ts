/**
 * The HAR fixtures recorded from the emulator in real Chromium (e2e/chromium/fixtures.spec.ts), and those of
 * scripts and tokens recorded with fetch (e2e/fixtures/record-tokens.ts, in tokens/), replayed through the CLI
 * exactly as a support engineer would run it, against their committed expected output.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildCliForTest } from './built';

const CLI = buildCliForTest();
const DIR = path.join(ROOT, 'e2e/fixtures');
/** Names relative to DIR: the browser recordings at the top, the script recordings under tokens/. */
const fixtures = [...readdirSync(DIR).filter((f) => f.endsWith('.har')), ...readdirSync(path.join(DIR, 'tokens')).filter((f) => f.endsWith('.har')).map((f) => `tokens/${f}`)];
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('recorded fixtures through the CLI', () => {
  it('there are fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(4));

  it('every script recording that names a code raises it, and its good twin raises nothing', () => {
    for (const har of fixtures.filter((f) => f.startsWith('tokens/'))) {
      const codes = (JSON.parse(readFileSync(path.join(DIR, har.replace(/\.har$/, '.expected.json')), 'utf8')).findings as { code: string }[]).map((x) => x.code);
      const name = path.basename(har, '.har');
      if (name.startsWith('good-')) expect(codes, har).toEqual([]);
      else expect(codes, har).toContain(name.replace(/-(bearer|pat-basic)$/, ''));
    }
  });

  it('no fixture holds a SAML message or an OIDC code: only the facts, in _seraphSso', () => {
    for (const har of fixtures) {
      const text = readFileSync(path.join(DIR, har), 'utf8');
      expect(text, har).not.toMatch(/SAML(?:Request|Response)=(?!%5Bredacted|\[redacted)/);
      expect(text, har).not.toMatch(/[?&]code=(?!%5Bredacted|\[redacted)/);
      if (har.startsWith('sso-')) expect(text, har).toContain('"_seraphSso"');
    }
  });

  for (const har of fixtures) {
    const base = path.join(DIR, har.replace(/\.har$/, ''));
    it(`${har}: --json and the text report match the expected output`, () => {
      const json = cli('analyze', path.join(DIR, har), '--json');
      expect(json.status).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(readFileSync(`${base}.expected.json`, 'utf8')));
      // From the fixture's own folder, as the recorders wrote it: the report's first line names the file.
      const text = spawnSync(process.execPath, [CLI, 'analyze', path.basename(har)], { cwd: path.dirname(path.join(DIR, har)), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(text.stdout).toBe(readFileSync(`${base}.expected.txt`, 'utf8'));
    });
  }

  const contract = path.join(ROOT, '../shared/findings.md');
  it.skipIf(!existsSync(contract))('together they cover every finding code of findings.md', () => {
    // Every "## Codes…" section: the core set and those added since (single sign-on).
    const sections = readFileSync(contract, 'utf8').split(/^## /m).filter((s) => s.startsWith('Codes'));
    const codes = sections.flatMap((s) => [...s.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]));
    expect(codes).toContain('sso-loop');
    const seen = new Set(fixtures.flatMap((f) => (JSON.parse(readFileSync(path.join(DIR, f.replace(/\.har$/, '.expected.json')), 'utf8')).findings as { code: string }[]).map((x) => x.code)));
    for (const code of codes) expect(seen, code).toContain(code);
  });
});
