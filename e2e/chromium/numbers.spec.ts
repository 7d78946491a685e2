/**
 * The request numbers people see (issue #26) in Chromium: the flow of support/numbers.ts is numbered exactly as
 * in Firefox (e2e/firefox/numbers.spec.ts), and the panel's # column and story links say the same #n.
 */
import { test, expect } from '../support/chromium';
import { STORY_PROFILES, playwrightBrowse, signInStory, sessionDiesStory } from '../support/stories';
import { FIRST_ANONYMOUS, NUMBERED_FLOW, numbered } from '../support/numbers';
import type { CapturedExchange } from '../../src/shared/protocol';


test('the same flow is numbered as in Firefox: log, # column, story links; the popup\'s links select the request in the panel', async ({ context, emulator, tabIdOf, openPanel, openPopup }, testInfo) => {
  test.setTimeout(120_000); // a browser, the emulator and the panel on two shared cores
  const profile = STORY_PROFILES[0]!;
  const page = await context.newPage();
  await signInStory(playwrightBrowse(page), emulator, profile, emulator.url);
  await sessionDiesStory(playwrightBrowse(page), emulator, profile, emulator.url);
  const tabId = await tabIdOf(page);

  // The popup's numbers are links: DevTools cannot be opened for the user, so the panel selects the request when it opens…
  const popup = await openPopup(tabId);
  await popup.getByTestId('popup-entry').filter({ hasText: new RegExp(`^${FIRST_ANONYMOUS}$`) }).click();
  await expect(popup.getByTestId('popup-revealed')).toHaveText(`${FIRST_ANONYMOUS} is selected in DevTools → Seraph Lens (F12 or Ctrl+Shift+I, ⌥⌘I on a Mac).`);
  await popup.screenshot({ path: testInfo.outputPath('popup-links.png') });
  const panel = await openPanel(tabId);
  await panel.setViewportSize({ width: 1280, height: 800 });
  const selectedIndex = panel.locator('[data-testid="request-row"][aria-selected="true"] [data-testid="index"]');
  await expect(selectedIndex).toHaveText(FIRST_ANONYMOUS.slice(1));
  await expect(panel.getByTestId('request-detail')).toBeVisible();
  // …and an open panel follows the next link at once.
  await popup.getByTestId('popup-entry').filter({ hasText: /^#7$/ }).click();
  await expect(selectedIndex).toHaveText('7');

  const log = () => panel.evaluate(async (id) => ((await chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })) as { exchanges: CapturedExchange[] }).exchanges, tabId);
  await expect.poll(async () => numbered(await log())).toEqual(NUMBERED_FLOW);

  const firstAnonymous = panel.locator('[data-testid="request-row"].silent-anonymous').first();
  await expect(firstAnonymous.getByTestId('index')).toHaveText(FIRST_ANONYMOUS.slice(1));
  const link = panel.getByTestId('story-entry').first();
  await expect(link).toHaveText(FIRST_ANONYMOUS);
  await link.click();
  await expect(selectedIndex).toHaveText(FIRST_ANONYMOUS.slice(1));
  await panel.screenshot({ path: testInfo.outputPath('panel-numbers.png') });
});
