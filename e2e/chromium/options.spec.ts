/**
 * The options page: a self-hosted site, retention, keeping the log across navigation, clearing all data.
 *
 * Not automatable: the browser's permission prompt for a host the extension does not hold yet is native
 * UI that no page or CDP call can answer. The dev build already holds http://localhost/* (for the
 * emulator), so `permissions.request` resolves at once without a prompt and the rest of the flow runs
 * for real: the site is stored, the worker takes it as Atlassian, the badge shows it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from '../support/chromium';
import { BADGE_STYLE } from '../../src/background/badge-look';

/** A "self-hosted Jira" with no Atlassian headers at all: only the user's word makes it Atlassian. */
async function plainSite(): Promise<{ url: string; close(): void }> {
  const server: Server = createServer((req, res) => {
    res.writeHead(req.url?.startsWith('/rest/') ? 401 : 200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>intranet</title><p>hello</p>');
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

test('a self-hosted site added in the options is analysed as Atlassian; removing it stops that', async ({ context, openExtensionPage, tabIdOf, badgeLookOf }) => {
  const site = await plainSite();
  try {
    const page = await context.newPage();
    await page.goto(`${site.url}/secure/Dashboard.jspa`);
    const tabId = await tabIdOf(page);
    await page.waitForTimeout(500);
    expect((await badgeLookOf(tabId)).text).toBe('');

    const options = await openExtensionPage('src/options/index.html');
    await expect(options.getByTestId('no-sites')).toBeVisible();
    await options.getByTestId('site-input').fill('ftp://nope');
    await options.getByTestId('add-site').click();
    await expect(options.getByTestId('options-error')).toContainText('Only http:// and https://');
    await options.getByTestId('site-input').fill(`${site.url}/secure/Dashboard.jspa`);
    await options.getByTestId('add-site').click();
    await expect(options.getByTestId('site')).toHaveCount(1);
    await expect(options.getByTestId('site').locator('code')).toHaveText(site.url);
    await expect(options.getByTestId('site-granted')).toHaveText('watching');
    await options.screenshot({ path: test.info().outputPath('options.png') });

    await page.reload();
    await expect.poll(() => badgeLookOf(tabId)).toMatchObject(BADGE_STYLE.anonymous);

    await options.getByTestId('remove-site').click();
    await expect(options.getByTestId('no-sites')).toBeVisible();
    await page.reload();
    await expect.poll(() => badgeLookOf(tabId).then((b) => b.text)).toBe('');
  } finally {
    site.close();
  }
});

test('retention and "keep log across navigation" apply to the capture; clear all empties every tab', async ({ context, emulator, openExtensionPage, tabIdOf, summaryOf }) => {
  const options = await openExtensionPage('src/options/index.html');
  await options.getByTestId('max-per-tab').fill('100');
  await options.getByTestId('max-per-tab').press('Enter');
  await options.getByTestId('max-per-tab').blur();
  await expect(options.getByTestId('options-status')).toHaveText('Saved.');
  await options.getByTestId('keep-log').uncheck();
  await expect(options.getByTestId('keep-log')).not.toBeChecked();

  const page = await context.newPage();
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  const tabId = await tabIdOf(page);
  await page.evaluate(async () => {
    for (let i = 0; i < 300; i++) await fetch(`/rest/api/2/myself?i=${i}`);
  });
  await expect.poll(() => summaryOf(tabId).then((s) => s.dropped)).toBeGreaterThan(0);
  const { captured } = await summaryOf(tabId);
  expect(captured).toBeLessThan(200); // 100 kept, plus at most one batch beyond it

  // A new page: the old log goes.
  await page.goto(`${emulator.url}/browse/ABC-1`);
  await expect.poll(() => summaryOf(tabId).then((s) => s.captured)).toBeLessThan(5);

  const other = await context.newPage();
  await other.goto(`${emulator.url}/rest/api/2/myself`);
  const otherId = await tabIdOf(other);
  await expect.poll(() => summaryOf(otherId).then((s) => s.captured)).toBeGreaterThan(0);

  await options.bringToFront();
  await options.getByTestId('clear-all').click();
  await expect(options.getByTestId('options-status')).toContainText('Deleted the captured requests of');
  expect((await summaryOf(tabId)).captured).toBe(0);
  expect((await summaryOf(otherId)).captured).toBe(0);
});
