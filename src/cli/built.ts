/**
 * For tests: the CLI compiled as it is shipped (scripts/build-cli.mjs), once per test file, into a
 * folder of its own so parallel test files never share a half-written build.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the CLI into a fresh temp folder; returns the path of its seraph-lens.mjs. */
export function buildCliForTest(): string {
  const out = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-cli-build-'));
  const r = spawnSync(process.execPath, ['scripts/build-cli.mjs', out], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/build-cli.mjs failed: ${r.stderr || r.stdout}`);
  return path.join(out, 'seraph-lens.mjs');
}
