// The Chromium stories against what users install: the unpacked contents of the Chrome store zip
// (dist/packages/seraph-lens-<version>-chrome.zip, made by scripts/package.mjs; made here if missing).
//  - the Cloud story (e2e/chromium/cloud.spec.ts) on the zip's files exactly as they are: the store
//    manifest's own host permission (https://*.atlassian.net/*) is what lets it see the emulator;
//  - the capture and panel stories on the same files with one change, in manifest.json only: the
//    loopback host permissions (http://127.0.0.1/*, http://localhost/*) that the dev build adds and the
//    store build must not ask for, because those stories run the emulator on 127.0.0.1.
// Run by `npm test` after the build; SERAPH_SKIP_BUILD is set for Playwright (the zip is what is tested).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipEntries } from './zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const zip = path.join(ROOT, 'dist/packages', `seraph-lens-${version}-chrome.zip`);
if (!existsSync(zip)) execFileSync(process.execPath, ['scripts/package.mjs', '--skip-build'], { cwd: ROOT, stdio: 'inherit' });

const base = path.join(ROOT, 'dist/package-e2e');
const pristine = path.join(base, 'chrome');
const loopback = path.join(base, 'chrome-loopback');
rmSync(base, { recursive: true, force: true });
for (const dir of [pristine, loopback]) {
  for (const [name, data] of unzipEntries(readFileSync(zip))) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
}
const manifestAt = path.join(loopback, 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestAt, 'utf8'));
manifest.host_permissions = [...manifest.host_permissions, 'http://127.0.0.1/*', 'http://localhost/*'];
writeFileSync(manifestAt, JSON.stringify(manifest, null, 2));
console.log(`e2e of ${path.relative(ROOT, zip)}, unpacked into ${path.relative(ROOT, base)}/`);

const playwright = (dir, specs) => {
  const r = spawnSync('npx', ['--no-install', 'playwright', 'test', '--project=chromium', ...specs], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, SERAPH_SKIP_BUILD: '1', SERAPH_CHROME_EXTENSION: dir },
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
playwright(pristine, ['e2e/chromium/cloud.spec.ts']);
playwright(loopback, ['e2e/chromium/capture.spec.ts', 'e2e/chromium/panel.spec.ts']);
