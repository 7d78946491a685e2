/**
 * Builds the dev variants of the extension once per test run (set SERAPH_SKIP_BUILD=1 to reuse dist/).
 * The browsers must be Debian's; say so plainly instead of timing out later.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM, FIREFOX, ROOT } from './paths';

export default function globalSetup(): void {
  for (const exe of [CHROMIUM, FIREFOX]) {
    if (!existsSync(exe)) throw new Error(`${exe} is missing: apt-get install -y chromium firefox-esr`);
  }
  if (process.env.SERAPH_SKIP_BUILD) return;
  execFileSync(process.execPath, ['scripts/build.mjs', 'chrome-dev', 'firefox-dev'], { cwd: ROOT, stdio: 'inherit' });
}
