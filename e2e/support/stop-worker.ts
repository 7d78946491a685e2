import type { BrowserContext } from '@playwright/test';

/**
 * Stops the extension's service worker through CDP, as Chrome does after 30 s idle; resolves once Chrome
 * reports it stopped. CDP's ServiceWorker domain only sees workers of the page's own storage partition,
 * so it is driven from an extension page.
 */
export async function stopExtensionWorker(context: BrowserContext, extensionId: string): Promise<void> {
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
  await page.close();
}
