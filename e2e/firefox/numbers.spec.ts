/**
 * The request numbers people see (issue #26) in Firefox ESR: the flow of support/numbers.ts is numbered exactly
 * as in Chromium (e2e/chromium/numbers.spec.ts), and the panel's # column and story links say the same #n.
 */
import { test, expect } from '@playwright/test';
import { useEmulatorAndFirefox, openPanelFor } from '../support/firefox';
import { puppeteerBrowse } from '../support/puppeteer-browse';
import { STORY_PROFILES, signInStory, sessionDiesStory } from '../support/stories';
import { FIRST_ANONYMOUS, NUMBERED_FLOW, numbered } from '../support/numbers';
import type { CapturedExchange } from '../../src/shared/protocol';

const session = useEmulatorAndFirefox();

test('the same flow is numbered as in Chromium: log, # column and story links', async () => {
  test.setTimeout(120_000); // Firefox, the emulator and the panel on two shared cores
  const emulator = session.emulator();
  const firefox = session.firefox();
  const profile = STORY_PROFILES[0]!;
  const page = await firefox.browser.newPage();
  await signInStory(puppeteerBrowse(page), emulator, profile, emulator.url);
  await sessionDiesStory(puppeteerBrowse(page), emulator, profile, emulator.url);
  const { panel, tabId } = await openPanelFor(firefox, `${emulator.url}/__emulator/`, `${emulator.url}${profile.anonymousPages[1]}`);
  const log = () => panel.evaluate(async (id) => ((await (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: CapturedExchange[] }).exchanges, tabId);
  await expect.poll(async () => numbered(await log())).toEqual(NUMBERED_FLOW);

  const firstAnonymousIndex = '[data-testid="request-row"].silent-anonymous [data-testid="index"]';
  await panel.waitForSelector(firstAnonymousIndex, { timeout: 20_000 });
  expect(await panel.$eval(firstAnonymousIndex, (el) => el.textContent)).toBe(FIRST_ANONYMOUS.slice(1));
  await panel.waitForSelector('[data-testid="story-entry"]', { timeout: 20_000 });
  expect(await panel.$eval('[data-testid="story-entry"]', (el) => el.textContent)).toBe(FIRST_ANONYMOUS);
  await panel.click('[data-testid="story-entry"]');
  const selected = '[data-testid="request-row"][aria-selected="true"] [data-testid="index"]';
  await panel.waitForSelector(selected, { timeout: 10_000 });
  expect(await panel.$eval(selected, (el) => el.textContent)).toBe(FIRST_ANONYMOUS.slice(1));
});
