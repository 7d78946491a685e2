/** Chromium for the benchmarks: the same build and flags with or without the extension, and CDP on its worker. */
import { chromium, type BrowserContext, type CDPSession, type Worker } from '@playwright/test';
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

/**
 * CDP commands on the extension's service worker. Playwright opens CDP sessions on pages only, so this
 * attaches to the worker target through a page's session and relays messages (Target.sendMessageToTarget).
 */
export async function workerCdp(context: BrowserContext): Promise<{ call<T = unknown>(method: string, params?: object): Promise<T>; detach(): Promise<void> }> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!target) throw new Error('no extension service worker to attach to');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 0;
  return {
    call<T>(method: string, params: object = {}) {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        const onMessage = (e: { sessionId?: string; message: string }) => {
          if (e.sessionId !== sessionId) return;
          const msg = JSON.parse(e.message) as { id?: number; result?: T; error?: { message: string } };
          if (msg.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          if (msg.error) reject(new Error(msg.error.message));
          else resolve(msg.result as T);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      });
    },
    async detach() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await page.close();
    },
  };
}

/** Records the worker numbered in storage.session (all appended, across tabs, including dropped ones). */
export async function capturedCount(worker: Worker): Promise<number> {
  return worker.evaluate(async () => {
    const { idx } = (await chrome.storage.session.get('idx')) as { idx?: Record<string, { seq: number }> };
    return Object.values(idx ?? {}).reduce((sum, tab) => sum + tab.seq, 0);
  });
}
