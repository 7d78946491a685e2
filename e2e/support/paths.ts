import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** SERAPH_CHROME_EXTENSION: another unpacked extension, e.g. the Chrome zip's contents (scripts/e2e-package.mjs). */
export const DIST_CHROME = process.env.SERAPH_CHROME_EXTENSION ? path.resolve(process.env.SERAPH_CHROME_EXTENSION) : path.join(ROOT, 'dist/chrome-dev');
export const DIST_FIREFOX = path.join(ROOT, 'dist/firefox-dev');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const ARTIFACTS = path.join(ROOT, 'test-results/artifacts');
