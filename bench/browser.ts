/**
 * Chromium through Playwright for the benchmarks that drive extension pages (popup): the same build and flags
 * with or without the extension. Benchmarks that time network traffic use cdp.ts instead.
 */
import { chromium, type BrowserContext, type Worker } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, DIST_CHROME } from '../e2e/support/paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from '../e2e/support/launch';

export interface BenchBrowser {
  context: BrowserContext;
  /** The extension's service worker; null without the extension. */
  worker: Worker | null;
  close(): Promise<void>;
}

/**
 * `withExtension` false loads an empty extension (a manifest, nothing else) instead of Seraph Lens: the same
 * browser with its extension system on, so the comparison measures what Seraph Lens adds. (Playwright
 * starts Chromium with --disable-extensions when no extension is loaded, which is faster still, but no
 * browser a user installs an extension into runs that way.)
 */
export async function launchChromium(withExtension: boolean): Promise<BenchBrowser> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-bench-'));
  const extension = withExtension ? DIST_CHROME : emptyExtension(dir);
  const args = ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_ARGS, ...extensionArgs(extension)];
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 800 }, args });
  const worker = withExtension ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))) : null;
  return {
    context,
    worker,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function emptyExtension(parent: string): string {
  const dir = path.join(parent, 'empty-extension');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1.0' }));
  return dir;
}
