import type { BrowserContext, Page } from '@playwright/test';
import type { RequestEnvelope } from '../../src/shared/protocol';

/**
 * Stops the extension's service worker through CDP, as Chrome does after 30 s idle; resolves once Chrome
 * reports it stopped. CDP's ServiceWorker domain only sees workers of the page's own storage partition,
 * so it is driven from an extension page.
 */
export async function stopExtensionWorker(context: BrowserContext, extensionId: string): Promise<void> {
  await viaExtensionPage(context, extensionId, async () => undefined);
}

/**
 * Stops the worker as above, then wakes a new one (nothing in memory) with a read-only request from the
 * extension page, as the popup would; resolves once it has answered.
 */
export async function restartExtensionWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const wake: RequestEnvelope<'tab-summary'> = { kind: 'tab-summary', body: { tabId: 0 } }; // checked against the protocol
  await viaExtensionPage(context, extensionId, (page) => page.evaluate((request) => chrome.runtime.sendMessage(request), wake));
}

async function viaExtensionPage(context: BrowserContext, extensionId: string, afterStop: (page: Page) => Promise<unknown>): Promise<void> {
  const page = await context.newPage();
  // The options page: it does not message the worker, so it does not wake it again.
  await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
  const cdp = await context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const ours = versions.filter((v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
      if (ours.length && ours.every((v) => v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
  await afterStop(page);
  await page.close();
}
