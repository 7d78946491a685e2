/**
 * Playwright fixture: the built extension (dist/chrome-dev) in Debian's Chromium, a fresh emulator per
 * test, and helpers to reach the extension the way a user's browser would.
 *
 * One Chromium per Playwright worker (issue 28.3: a launch costs ~3 s, and there are a hundred tests). Each
 * test gets it back as a fresh profile would be: its tabs closed, no cookies, the extension's storage,
 * alarms and granted origins cleared, and the extension reloaded (a new service worker with nothing in
 * memory). A test that needs its own flags (`chromiumArgs`) gets its own browser, as before.
 */
import { test as base, chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';
import type { RequestEnvelope, TabSummary } from '../../src/shared/protocol';
import { CHROMIUM, DIST_CHROME } from './paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from './launch';
import { restartExtensionWorker, stopExtensionWorker } from './stop-worker';
import { forgetExtensionState } from './extension-state';

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
  /** An extension page in a new tab, e.g. `src/panel/index.html?tabId=3`. */
  openExtensionPage: (pathAndQuery: string) => Promise<Page>;
  /** The panel as an extension page for a tab (`panel.html?tabId=N`). */
  openPanel: (tabId: number) => Promise<Page>;
  openPopup: (tabId: number) => Promise<Page>;
  summaryOf: (tabId: number) => Promise<TabSummary>;
  badgeOf: (tabId: number) => Promise<string>;
  /** Text, background colour (#rrggbb) and tooltip of the tab's toolbar badge. */
  badgeLookOf: (tabId: number) => Promise<{ text: string; color: string; title: string }>;
  /** Stops the extension's service worker through CDP, as Chrome does after 30 s idle; resolves once stopped. */
  stopWorkers: () => Promise<void>;
}

export const test = base.extend<ExtensionFixtures, { sharedChromium: SharedChromium }>({
  emulatorOptions: [{}, { option: true }],
  chromiumArgs: [[], { option: true }],

  emulator: async ({ emulatorOptions }, use) => {
    const emu = await startEmulator(emulatorOptions);
    await use(emu);
    await emu.close();
  },

  sharedChromium: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const shared = new SharedChromium();
      await use(shared);
      await shared.close();
    },
    { scope: 'worker' },
  ],

  context: async ({ chromiumArgs, sharedChromium }, use) => {
    if (chromiumArgs.length) {
      const own = await launchWithExtension(chromiumArgs);
      await use(own.context);
      await own.close();
    } else {
      await use(await sharedChromium.fresh());
    }
  },

  extensionId: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(sw.url()).host);
  },

  worker: async ({ context, extensionId }, use) => {
    await use(async () => {
      const alive = context.serviceWorkers().filter((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return alive.at(-1) ?? context.waitForEvent('serviceworker');
    });
  },

  tabIdOf: async ({ worker }, use) => {
    await use(async (page) => {
      const url = page.url();
      const id = await (await worker()).evaluate(
        async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? null,
        url,
      );
      if (id === null) throw new Error(`no tab found for ${url}`);
      return id;
    });
  },

  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (pathAndQuery) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${pathAndQuery}`);
      return page;
    });
  },

  openPanel: async ({ openExtensionPage }, use) => {
    await use((tabId) => openExtensionPage(`src/panel/index.html?tabId=${tabId}`));
  },

  openPopup: async ({ openExtensionPage }, use) => {
    await use((tabId) => openExtensionPage(`src/popup/index.html?tabId=${tabId}`));
  },

  summaryOf: async ({ openPopup }, use) => {
    let page: Page | null = null;
    await use(async (tabId) => {
      // Ask through the same typed request the popup uses, from an extension page.
      page ??= await openPopup(tabId);
      const request: RequestEnvelope<'tab-summary'> = { kind: 'tab-summary', body: { tabId } };
      return page.evaluate((r) => chrome.runtime.sendMessage(r) as Promise<TabSummary>, request);
    });
  },

  badgeOf: async ({ worker }, use) => {
    await use(async (tabId) => (await worker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId));
  },

  badgeLookOf: async ({ worker }, use) => {
    await use(async (tabId) =>
      (await worker()).evaluate(async (id) => {
        const [r, g, b] = await chrome.action.getBadgeBackgroundColor({ tabId: id });
        const hex = (n: number) => n.toString(16).padStart(2, '0');
        return {
          text: await chrome.action.getBadgeText({ tabId: id }),
          color: `#${hex(r!)}${hex(g!)}${hex(b!)}`,
          title: await chrome.action.getTitle({ tabId: id }),
        };
      }, tabId),
    );
  },

  stopWorkers: async ({ context, extensionId }, use) => {
    await use(() => stopExtensionWorker(context, extensionId));
  },
});

export { expect } from '@playwright/test';

interface Launched {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with the extension in a new profile; resolves once the worker listens. */
async function launchWithExtension(chromiumArgs: string[]): Promise<Launched> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_ARGS, ...extensionArgs(DIST_CHROME), ...chromiumArgs],
  });
  await untilListening(context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits for the worker's capture listeners before any navigation, or the first responses are missed: the
 * worker target shows up before its script has run, and webRequest.addListener is itself an API call to the
 * browser. The extension API call after it is answered once the browser has handled the registration.
 */
async function untilListening(sw: Worker): Promise<void> {
  await sw.evaluate(async () => {
    while (!chrome.webRequest.onHeadersReceived.hasListeners()) await new Promise((r) => setTimeout(r, 20));
    await chrome.storage.session.get('idx');
  });
}

/** The worker's browser, handed to each test as new; launched again if a test left it broken. */
class SharedChromium {
  private launched: Launched | null = null;

  async fresh(): Promise<BrowserContext> {
    if (this.launched) {
      try {
        await resetProfile(this.launched.context);
        return this.launched.context;
      } catch {
        await this.close(); // a crashed browser or extension: start over
      }
    }
    this.launched = await launchWithExtension([]);
    return this.launched.context;
  }

  async close(): Promise<void> {
    const launched = this.launched;
    this.launched = null;
    await launched?.close().catch(() => undefined);
  }
}

/**
 * What a new profile would give the next test: one blank tab, no cookies, the extension's storage, alarms and
 * granted origins cleared, and a new service worker (nothing in memory). `chrome.runtime.reload()` would be
 * closer to a new install, but Chromium leaves an extension loaded with --load-extension disabled after it.
 * Proven by e2e/chromium/fresh-profile.spec.ts.
 */
async function resetProfile(context: BrowserContext): Promise<void> {
  const blank = await context.newPage();
  for (const page of context.pages()) if (page !== blank) await page.close();
  await context.clearCookies();
  const sw = context.serviceWorkers().filter((w) => w.url().startsWith('chrome-extension://')).at(-1) ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate(forgetExtensionState);
  await restartExtensionWorker(context, new URL(sw.url()).host);
  // Playwright keeps the same Worker handle for the restarted worker (no new 'serviceworker' event).
  await untilListening(context.serviceWorkers().at(-1) ?? (await context.waitForEvent('serviceworker')));
}
