/** The stories' `Browse` adapter (support/stories.ts) for a puppeteer page: Firefox ESR, and Chromium inside real DevTools. */
import type { Page } from 'puppeteer-core';
import type { Browse } from './stories';

export function puppeteerBrowse(page: Page): Browse {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    submitLogin: async (url, login, password) => {
      await page.goto(url);
      await page.type('input[name="os_username"]', login);
      await page.type('input[name="os_password"]', password);
      await Promise.all([page.waitForNavigation(), page.click('[type="submit"]')]);
    },
    text: async (testId) => {
      const handle = await page.waitForFunction(
        (id) => {
          const el = document.querySelector(`[data-testid="${id}"]`);
          const text = el?.textContent?.trim();
          return text && text !== '…' ? text : null;
        },
        { timeout: 15_000 },
        testId,
      );
      return (await handle.jsonValue()) as string;
    },
    fetchStatus: (url) => page.evaluate(async (u) => (await fetch(u, { credentials: 'include' })).status, url),
  };
}
