/**
 * Findings grouped by code and cause after a session expiry against the emulator: the panel lists
 * "3 × served as anonymous: #…" first with one explanation and fix, expandable to the requests; the popup
 * names the silent-anonymous pages first even when newer, milder findings came after them. Screenshots of
 * both, light and dark.
 */
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';

test('after an expiry: grouped findings in the panel, the popup names the silent-anonymous pages first', async ({ context, emulator, tabIdOf, openPanel, openPopup, openExtensionPage }, testInfo) => {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  const tabId = await tabIdOf(page);
  emulator.expireAllSessions();
  for (const path of ['/issues/?jql=project%3DABC', '/browse/ABC-1', '/browse/ABC-2']) await page.goto(`${emulator.url}${path}`);
  await page.goto(`${emulator.url}/rest/api/2/search?jql=`);
  // Newer and milder: a script's calls without credentials (401, only an OAuth challenge) are the newest three findings.
  const statuses = await page.evaluate(async () => {
    const out: number[] = [];
    for (const i of [1, 2, 3]) out.push((await fetch(`/rest/api/2/myself?try=${i}`, { credentials: 'omit' })).status);
    return out;
  });
  expect(statuses).toEqual([401, 401, 401]);

  const panel = await openPanel(tabId);
  // The findings pane opens from the toolbar (the list has the width until asked).
  await panel.getByTestId('findings-toggle').click();
  const groups = panel.getByTestId('finding-group');
  const first = groups.first();
  await expect(first).toHaveAttribute('data-code', 'silent-anonymous', { timeout: 20_000 });
  await expect(first).toHaveAttribute('data-count', '3');
  await expect(first.getByTestId('finding-group-headline')).toHaveText('3 × served as anonymous');
  await expect(first.getByTestId('finding-group-fix')).toContainText('Fix: Sign in again');
  // One explanation for the group; its requests listed under it, each with its own message.
  await expect(first.getByTestId('finding-group-message')).toHaveCount(1);
  await expect(first.getByTestId('finding')).toHaveCount(3);
  await expect(first.locator('[data-testid="finding"][data-code="silent-anonymous"]').first()).toBeVisible();
  await expect(first.getByTestId('finding').first()).toContainText('/issues/?jql=project%3DABC');
  await expect(groups.nth(1)).toHaveAttribute('data-code', 'session-expired');
  await expect(groups.nth(2)).toHaveAttribute('data-code', 'auth-required-no-challenge');
  await expect(groups.nth(2)).toHaveAttribute('data-count', '3');
  expect(await groups.evaluateAll((els) => els.map((el) => el.getAttribute('data-severity')))).toEqual(['error', 'error', 'warning']);
  await expect(panel.getByTestId('findings-overview')).toHaveText('Findings: 4 errors and 3 warnings in 3 groups');

  // The other groups start closed and open on a click; their requests are links.
  const expired = groups.nth(1);
  await expect(expired.getByTestId('finding').first()).toBeHidden();
  await expired.getByTestId('finding-group-toggle').click();
  await expect(expired.getByTestId('finding').first()).toBeVisible();
  await expect(expired.getByTestId('finding').first()).toContainText('JSESSIONID');
  await expired.getByTestId('finding-group-toggle').click();
  await panel.setViewportSize({ width: 1280, height: 800 });
  await panel.screenshot({ path: testInfo.outputPath('findings-panel-light.png') });
  await panel.setViewportSize({ width: 500, height: 800 }); // docked right
  await expect(first.getByTestId('finding-group-headline')).toBeVisible();
  await panel.screenshot({ path: testInfo.outputPath('findings-panel-500-light.png') });
  await panel.setViewportSize({ width: 1280, height: 800 });

  const dark = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=dark`);
  await dark.setViewportSize({ width: 1280, height: 800 });
  await expect(dark.getByTestId('finding-group').first()).toHaveAttribute('data-code', 'silent-anonymous', { timeout: 20_000 });
  await dark.getByTestId('findings-toggle').click();
  await dark.screenshot({ path: testInfo.outputPath('findings-panel-dark.png') });
  await dark.close();

  // A request link in a group's line opens that request.
  const entry = await first.getByTestId('finding').first().getAttribute('data-entry');
  await first.getByTestId('finding-group-entry').filter({ hasText: new RegExp(`^#${Number(entry) + 1}$`) }).click();
  await expect(panel.getByTestId('request-detail')).toBeVisible();

  const popup = await openPopup(tabId);
  await popup.setViewportSize({ width: 400, height: 600 });
  const origin = popup.getByTestId('origin');
  await expect(origin).toHaveAttribute('data-kind', 'expired');
  const items = origin.getByTestId('popup-finding');
  await expect(items.first()).toHaveAttribute('data-code', 'silent-anonymous');
  await expect(items.first()).toContainText('3 × served as anonymous');
  await expect(items.first()).toContainText('Fix: Sign in again');
  await expect(items.nth(1)).toHaveAttribute('data-code', 'session-expired');
  await expect(items).toHaveCount(3);
  await expect(popup.getByTestId('popup-captured')).toContainText(/\d+ requests captured/);
  await popup.screenshot({ path: testInfo.outputPath('findings-popup-light.png') });
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.screenshot({ path: testInfo.outputPath('findings-popup-dark.png') });
});

test('options: every default host pattern of the manifest is named; "Clear all captured data" reads in dark mode', async ({ openExtensionPage }, testInfo) => {
  const options = await openExtensionPage('src/options/index.html');
  const manifest = await options.evaluate(() => chrome.runtime.getManifest().host_permissions ?? []);
  expect(manifest).toContain('https://*.atlassian.net/*');
  await expect(options.getByTestId('default-host')).toHaveText(manifest);
  await options.setViewportSize({ width: 800, height: 700 });
  for (const scheme of ['light', 'dark'] as const) {
    await options.emulateMedia({ colorScheme: scheme });
    const button = options.getByTestId('clear-all');
    await expect(button).toHaveText('Clear all captured data');
    const [fg, bg] = await button.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    expect(contrast(fg!, bg!), `${scheme}: ${fg} on ${bg}`).toBeGreaterThanOrEqual(4.5);
    await options.screenshot({ path: testInfo.outputPath(`options-${scheme}.png`) });
  }
});

/** WCAG contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
