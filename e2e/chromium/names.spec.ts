/**
 * Display of server-controlled text in Chromium: Arabic and CJK user names, URL-encoded as Jira sends them
 * and as raw UTF-8, are shown as the names they are; a name with a bidi override shows the override escaped
 * (`\u202E`) in the list and in the details, so it cannot reverse the text after it.
 * e2e/firefox/names.spec.ts is the same in Firefox ESR.
 */
import { test, expect } from '../support/chromium';
import { NAMED_PATHS, RLO, RLO_SHOWN, startNamesServer, type NamesServer } from '../support/names';

let names: NamesServer;
test.beforeEach(async () => {
  names = await startNamesServer();
});
test.afterEach(async () => {
  await names.close();
});

test('Arabic and CJK user names (URL-encoded and raw UTF-8) show right; a U+202E user name shows escaped', async ({ context, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await page.goto(`${names.url}/`);
  await expect(page.locator('#state')).toHaveText('done');
  const panel = await openPanel(await tabIdOf(page));
  await panel.getByTestId('filter-auth-only').uncheck();
  for (const [path, [name]] of Object.entries(NAMED_PATHS)) {
    const row = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText(path, { exact: true }) });
    await expect(row.getByTestId('user')).toHaveText(name === RLO ? RLO_SHOWN : name);
  }
  // No cell of the panel holds the raw override anywhere.
  expect(await panel.locator('#app').evaluate((el) => el.textContent!.includes('\u202E'))).toBe(false);
  // The details: the decoded name, and the header as sent, escaped too.
  const rlo = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/rest/api/2/myself/rlo-raw', { exact: true }) });
  await rlo.dblclick();
  await expect(panel.getByTestId('detail-user')).toHaveText(RLO_SHOWN);
  await expect(panel.getByTestId('detail-headers')).toContainText(RLO_SHOWN);
  expect(await panel.locator('#app').evaluate((el) => el.textContent!.includes('\u202E'))).toBe(false);
  await panel.screenshot({ path: test.info().outputPath('names.png') });
});
