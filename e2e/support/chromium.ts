/**
 * Playwright fixture: the built extension (dist/chrome-dev) in Debian's Chromium, a fresh emulator per
 * test, and helpers to reach the extension the way a user's browser would.
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';
import type { TabSummary } from '../../src/shared/protocol';
import { CHROMIUM, DIST_CHROME } from './paths';

export interface ExtensionFixtures {
  emulatorOptions: EmulatorOptions;
  emulator: Emulator;
  /** Extra Chromium flags for a test (e.g. host-resolver rules for Cloud names). */
  chromiumArgs: string[];
  context: BrowserContext;
  extensionId: string;
  /** The extension's current service worker (a new one after a restart). */
  worker: () => Promise<Worker>;
  /** Browser tab id of a page, as the extension sees it. */
  tabIdOf: (page: Page) => Promise<number>;
  /** The panel as an extension page for a tab (`panel.html?tabId=N`). */
  openPanel: (tabId: number) => Promise<Page>;
  openPopup: (tabId: number) => Promise<Page>;
  summaryOf: (tabId: number) => Promise<TabSummary>;
  badgeOf: (tabId: number) => Promise<string>;
  /** Stops every service worker through CDP, as Chrome does after 30 s idle. */
  stopWorkers: () => Promise<void>;
}

export const test = base.extend<ExtensionFixtures>({
  emulatorOptions: [{}, { option: true }],
  chromiumArgs: [[], { option: true }],

  emulator: async ({ emulatorOptions }, use) => {
    const emu = await startEmulator(emulatorOptions);
    await use(emu);
    await emu.close();
  },

  context: async ({ chromiumArgs }, use) => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disable-extensions-except=${DIST_CHROME}`,
        `--load-extension=${DIST_CHROME}`,
        ...chromiumArgs,
      ],
    });
    // Wait for the worker before any navigation, or the first responses can be missed.
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },

  extensionId: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(sw.url()).host);
  },

  worker: async ({ context, extensionId }, use) => {
    await use(async () => {
      const alive = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (alive.length) return alive[alive.length - 1]!;
      return context.waitForEvent('serviceworker');
    });
  },

  tabIdOf: async ({ worker }, use) => {
    await use(async (page) => {
      const sw = await worker();
      const url = page.url();
      const id = await sw.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? null;
      }, url);
      if (id === null) throw new Error(`no tab found for ${url}`);
      return id;
    });
  },

  openPanel: async ({ context, extensionId }, use) => {
    await use(async (tabId) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=${tabId}`);
      return page;
    });
  },

  openPopup: async ({ context, extensionId }, use) => {
    await use(async (tabId) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html?tabId=${tabId}`);
      return page;
    });
  },

  summaryOf: async ({ context, extensionId }, use) => {
    let page: Page | null = null;
    await use(async (tabId) => {
      // Ask through the same typed request the popup uses, from an extension page.
      if (!page) {
        page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/src/popup/index.html?tabId=${tabId}`);
      }
      return page.evaluate(
        (id) => chrome.runtime.sendMessage({ kind: 'tab-summary', body: { tabId: id } }) as Promise<TabSummary>,
        tabId,
      );
    });
  },

  badgeOf: (tabId: number) => Promise<string>;
  /** Stops every service worker through CDP, as Chrome does after 30 s idle. */
  stopWorkers: () => Promise<void>;
}

export const test = base.extend<ExtensionFixtures>({
  emulatorOptions: [{}, { option: true }],
  chromiumArgs: [[], { option: true }],

  emulator: async ({ emulatorOptions }, use) => {
    const emu = await startEmulator(emulatorOptions);
    await use(emu);
    await emu.close();
  },

  context: async ({ chromiumArgs }, use) => {
    const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--disable-extensions-except=${DIST_CHROME}`,
        `--load-extension=${DIST_CHROME}`,
        ...chromiumArgs,
      ],
    });
    // Wait for the worker before any navigation, or the first responses can be missed.
    if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
    await use(context);
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  },

  extensionId: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(sw.url()).host);
  },

  worker: async ({ context, extensionId }, use) => {
    await use(async () => {
      const alive = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (alive.length) return alive[alive.length - 1]!;
      return context.waitForEvent('serviceworker');
    });
  },

  tabIdOf: async ({ worker }, use) => {
    await use(async (page) => {
      const sw = await worker();
      const url = page.url();
      const id = await sw.evaluate(async (u) => {
        const tabs = await chrome.tabs.query({});
        return tabs.find((t) => t.url === u)?.id ?? null;
      }, url);
      if (id === null) throw new Error(`no tab found for ${url}`);
      return id;
    });
  },

  openPanel: async ({ context, extensionId }, use) => {
    await use(async (tabId) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=${tabId}`);
      return page;
    });
  },

  openPopup: async ({ context, extensionId }, use) => {
    await use(async (tabId) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/src/popup/index.html?tabId=${tabId}`);
      return page;
    });
  },

  summaryOf: async ({ worker }, use) => {
    await use(async (tabId) => {
      const sw = await worker();
      // Through the same protocol the popup uses, from an extension context.
      return sw.evaluate(async (id) => {
        const { idx } = await chrome.storage.session.get('idx');
        const tab = (idx as Record<string, { chunks: [number, number][]; unauthorized: number; dropped: number }>)?.[id];
        return {
          tabId: id,
          captured: tab ? tab.chunks.reduce((s, [, n]) => s + n, 0) : 0,
          unauthorized: tab?.unauthorized ?? 0,
          dropped: tab?.dropped ?? 0,
        };
      }, tabId);
    });
  },

  badgeOf: async ({ worker }, use) => {
    await use(async (tabId) => (await worker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId));
  },

  stopWorkers: async ({ context }, use) => {
    await use(async () => {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    });
  },
});

export { expect } from '@playwright/test';
