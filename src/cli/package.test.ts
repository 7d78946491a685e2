/**
 * The CLI as a user installs it (issue 18): `npm pack`, the tarball installed into an empty folder with
 * no registry (the package has no runtime dependency), then `npx seraph-lens` there. Takes ~10-30 s.
 */
import { describe, expect, it } from 'vitest';
import { execFile, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './built';
import { FRED_PAT, startEmulator } from '../../e2e/emulator/server';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; files: string[]; bin: Record<string, string>; dependencies?: object };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-pack-'));
// No npm_config_* of an outer `npm test` (its prefix, its cwd) may leak into the user's npm.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const sh = (cmd: string, args: string[], opts: SpawnSyncOptions = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: 120_000, ...opts });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
};

const HAR = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2026-11-24T10:00:00Z',
        request: { method: 'GET', url: 'https://jira.example.com/rest/api/2/myself', headers: [{ name: 'Cookie', value: 'JSESSIONID=SESSION-SECRET-42' }] },
        response: { status: 401, headers: [{ name: 'X-AUSERNAME', value: 'anonymous' }] },
      },
    ],
  },
});

describe('the npm package', () => {
  it('declares no runtime dependency and whitelists its files', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ 'seraph-lens': 'dist/cli/seraph-lens.mjs' });
  });

  it('packs, installs from the tarball without a registry, and runs with npx', { timeout: 240_000 }, async () => {
    const pack = sh('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: ROOT });
    expect(pack.code, pack.err).toBe(0);
    const [packed] = JSON.parse(pack.out) as { filename: string; files: { path: string }[] }[];
    expect(packed!.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    // Only what a user needs: no sources, tests, fixtures, CI or scripts.
    expect(packed!.files.map((f) => f.path).sort()).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli/seraph-lens.mjs', 'docs/PRIVACY.md', 'package.json']);

    const app = path.join(tmp, 'app');
    mkdirSync(app);
    const install = sh('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, packed!.filename)], { cwd: app });
    expect(install.code, install.err).toBe(0);
    writeFileSync(path.join(app, 'capture.har'), HAR);

    const npx = (...args: string[]) => sh('npx', ['--offline', '--no-install', 'seraph-lens', ...args], { cwd: app });
    const version = npx('--version');
    expect(version.code, version.err).toBe(0);
    expect(version.out).toBe(`${pkg.version}\n`);
    const help = npx('--help');
    expect(help.code).toBe(0);
    expect(help.out).toContain('usage:');

    const text = npx('analyze', 'capture.har');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^capture\.har: 1 entry, 1 origin, 1 error/);
    const json = npx('analyze', 'capture.har', '--json', '--fail-on', 'error');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out).findings.map((f: { code: string }) => f.code)).toContain('session-expired');

    const redact = npx('redact', 'capture.har', '-o', 'safe.har');
    expect(redact.code, redact.err).toBe(0);
    const safe = readFileSync(path.join(app, 'safe.har'), 'utf8');
    expect(safe).not.toContain('SESSION-SECRET-42');
    expect(safe).toContain('JSESSIONID=[redacted');

    // Nothing of the project was needed: the installed package is one file and its package.json.
    const bad = npx('analyze', 'missing.har');
    expect(bad).toMatchObject({ code: 2, out: '' });
    expect(bad.err).toBe('seraph-lens: missing.har: no such file\n');

    // doctor: the plan alone, then one real check against the emulator (asynchronously: it answers in this process).
    const dry = npx('doctor', 'https://jira.example.com/jira', '--dry-run');
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain('GET https://jira.example.com/jira/rest/applinks/1.0/manifest');
    const emu = await startEmulator({ mode: 'server' });
    try {
      const check = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
        execFile('npx', ['--offline', '--no-install', 'seraph-lens', 'doctor', emu.url, '--allow-http', '--format', 'json'],
          { cwd: app, env: { ...env, NO_COLOR: '1', JIRA_USER: 'fred', JIRA_TOKEN: FRED_PAT }, timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 70) : 0, out: stdout, err: stderr }));
      });
      expect(check.code, check.err).toBe(0);
      expect(check.out).not.toContain(FRED_PAT);
      expect(JSON.parse(check.out).verdict.code).toBe('healthy');
    } finally {
      await emu.close();
    }
  });
});
