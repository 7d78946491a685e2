// `npm run package`: the store packages, from the store builds (dist/chrome, dist/firefox), into
// dist/packages/:
//   seraph-lens-<version>-chrome.zip    for the Chrome Web Store, or "Load unpacked" after unzipping
//   seraph-lens-<version>-firefox.zip   made by `web-ext build`, for addons.mozilla.org
// Reproducible: the same commit gives byte-identical archives (sorted entries, one fixed timestamp; the
// web-ext archive, whose entries carry the build time, is rewritten the same way with exactly its files).
// Validated: both manifests carry package.json's version, every file the manifest names is in the
// archive, and `web-ext lint` of the unpacked Firefox package has 0 errors (scripts/lint-extension.mjs).
//
//   node scripts/package.mjs [--out DIR] [--skip-build] [--no-lint]   (--skip-build: reuse dist/chrome and dist/firefox)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesOf, unzipEntries, zipEntries } from './zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const OUT = path.resolve(ROOT, outArg >= 0 ? args[outArg + 1] : 'dist/packages');
const skipBuild = args.includes('--skip-build');
const lint = !args.includes('--no-lint');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

const run = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', ...opts });

if (!skipBuild) run(process.execPath, ['scripts/build.mjs', 'chrome', 'firefox'], { stdio: 'inherit' });
mkdirSync(OUT, { recursive: true });

/** Checks an archive's entries: the version, and that every file the manifest names is there. */
function check(entries, label) {
  const files = new Map(entries);
  const manifest = JSON.parse(files.get('manifest.json')?.toString('utf8') ?? 'null');
  if (!manifest) throw new Error(`${label}: no manifest.json`);
  if (manifest.version !== version) throw new Error(`${label}: manifest version ${manifest.version}, package.json says ${version}`);
  const named = [
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.devtools_page,
    manifest.action?.default_popup,
    manifest.options_ui?.page,
    ...Object.values(manifest.icons ?? {}),
    ...Object.values(manifest.action?.default_icon ?? {}),
  ].filter(Boolean);
  for (const f of named) if (!files.has(f)) throw new Error(`${label}: the manifest names ${f}, which is not in the archive`);
  if (entries.some(([n]) => n.endsWith('.map') || n.startsWith('src/') && n.endsWith('.ts'))) throw new Error(`${label}: source maps or sources in the archive`);
}

function write(name, zip) {
  const at = path.join(OUT, name);
  writeFileSync(at, zip);
  return at;
}

// Chrome: the store build as it is.
const chromeEntries = filesOf(path.join(ROOT, 'dist/chrome'));
check(chromeEntries, 'chrome');
const chrome = write(`seraph-lens-${version}-chrome.zip`, zipEntries(chromeEntries));

// Firefox: web-ext build chooses the files (its own filter), then the archive is made reproducible.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-package-'));
let firefox;
try {
  run('npx', ['--no-install', 'web-ext', 'build', '--source-dir', 'dist/firefox', '--artifacts-dir', tmp, '--filename', 'web-ext.zip', '--overwrite-dest', '--no-config-discovery'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const entries = unzipEntries(readFileSync(path.join(tmp, 'web-ext.zip')));
  check(entries, 'firefox');
  firefox = write(`seraph-lens-${version}-firefox.zip`, zipEntries(entries));
  // Lint what is shipped: the package unpacked.
  if (lint) lintPackage(firefox, tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function lintPackage(firefox, tmp) {
  const unpacked = path.join(tmp, 'firefox');
  for (const [name, data] of unzipEntries(readFileSync(firefox))) {
    mkdirSync(path.dirname(path.join(unpacked, name)), { recursive: true });
    writeFileSync(path.join(unpacked, name), data);
  }
  run(process.execPath, ['scripts/lint-extension.mjs', unpacked], { stdio: 'inherit' });
}

for (const file of [chrome, firefox]) console.log(`${path.relative(process.cwd(), file)}  ${(statSync(file).size / 1024).toFixed(1)} KB`);
