// `web-ext lint` of the Firefox store build: fails on any error, and on any warning that is not listed
// below with the reason it is acceptable. Run after `npm run build`.
//   node scripts/lint-extension.mjs [sourceDir]   (default dist/firefox; scripts/package.mjs lints the unpacked package)
import { execFileSync } from 'node:child_process';

const sourceDir = process.argv[2] ?? 'dist/firefox';

/** Warnings we accept, each with why. Keyed by code and the file it is reported in. */
const ACCEPTED = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^assets\/jsxRuntime-[\w-]+\.js$/,
    why: "preact's support for dangerouslySetInnerHTML; our code never uses it (ESLint forbids the attribute)",
  },
];

let report;
try {
  report = execFileSync('npx', ['--no-install', 'web-ext', 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
} catch (err) {
  // web-ext exits 1 when there are errors; the JSON is still on stdout.
  report = err.stdout;
}
const result = JSON.parse(report);
const unexpected = result.warnings.filter((w) => !ACCEPTED.some((a) => a.code === w.code && a.file.test(w.file ?? '')));
for (const e of result.errors) console.error(`error ${e.code} ${e.file ?? ''}: ${e.message}`);
for (const w of unexpected) console.error(`warning ${w.code} ${w.file ?? ''}: ${w.message}`);
const accepted = result.warnings.length - unexpected.length;
console.log(`web-ext lint of ${sourceDir}: ${result.errors.length} errors, ${result.warnings.length} warnings (${accepted} accepted: ${ACCEPTED.map((a) => a.why).join('; ')}), ${result.notices.length} notices`);
process.exit(result.errors.length || unexpected.length ? 1 : 0);
