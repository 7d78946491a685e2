/**
 * The text report of each real recording in ../shared/real-traffic (made by others, outside this repository),
 * run through the compiled CLI as a support engineer would, against its reviewed snapshot in
 * __snapshots__/real-traffic/. A changed report fails until the snapshot is reviewed and updated (`-u`).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, buildCliForTest } from './built';

const DIR = path.resolve(ROOT, '../shared/real-traffic');
const present = existsSync(DIR);

describe.skipIf(!present)('the text report of the real recordings', () => {
  const CLI = buildCliForTest();
  const recordings = readdirSync(DIR).filter((f) => f.endsWith('.har')).sort();

  it('there are recordings', () => expect(recordings.length).toBeGreaterThanOrEqual(8));

  for (const har of recordings) {
    it(har, async () => {
      const run = spawnSync(process.execPath, [CLI, 'analyze', har], { cwd: DIR, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(run.status, run.stderr).toBe(0);
      // Every finding names its request as people count it (#1 is the file's first entry), with method and path.
      for (const line of run.stdout.split('\n').filter((l) => /^ {4}\[(error|warning|info)\]/.test(l))) expect(line).toMatch(/\] #[1-9]\d* [A-Z]+ \//);
      await expect(run.stdout).toMatchFileSnapshot(path.join('__snapshots__/real-traffic', har.replace(/\.har$/, '.txt')));
    });
  }
});
