/**
 * The story header's core in Firefox ESR: sign in, the server forgets the session, a page is served as
 * anonymous and REST refuses → the panel's first line says who was signed in, when the session was lost,
 * what it cost and what to do; signing in again resolves it.
 */
import { test, expect } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { signInFirefox, useEmulatorAndFirefox, openPanelFor } from '../support/firefox';

const session = useEmulatorAndFirefox();

const CURRENT = '[data-testid="story-line"][data-current="true"]';

/** The current story line once its text includes `includes` (the panel updates live). */
async function currentWhen(panel: Page, includes: string): Promise<{ text: string; severity: string | null; kind: string | null }> {
  await panel.waitForFunction((sel, s) => document.querySelector(sel)?.textContent?.includes(s) ?? false, { timeout: 45_000 }, CURRENT, includes).catch(async (e: unknown) => {
    // Say what the panel showed instead.
    throw new Error(`${String(e)}; the story showed: ${await panel.evaluate(() => document.querySelector('[data-testid="story"]')?.textContent ?? '(none)')}`);
  });
  return panel.$eval(CURRENT, (el) => ({ text: el.textContent ?? '', severity: el.getAttribute('data-severity'), kind: el.getAttribute('data-kind') }));
}

test('Firefox: the story says the session was lost, what it cost and what to do; a new sign-in resolves it', async () => {
  test.setTimeout(180_000); // two sign-ins and a live panel in Firefox on a loaded machine
  const emulator = session.emulator();
  const firefox = session.firefox();
  const page = await firefox.browser.newPage();
  await signInFirefox(page, emulator.url);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  expect(await page.evaluate(async () => (await fetch('/rest/api/2/search?jql=')).status)).toBe(401);

  const { panel } = await openPanelFor(firefox, `${emulator.url}/__emulator/`, `${emulator.url}/issues/`);

  const lost = await currentWhen(panel, 'REST call refused');
  expect(lost.kind).toBe('session');
  expect(lost.severity).toBe('error');
  expect(lost.text).toMatch(/^Signed in as fred at .+? \(cookie JSESSIONID\); by .+? the server had dropped the session \(no sign-out: it timed out or was ended on the server\), then 1 page served as anonymous \(#\d+\) and 1 REST call refused \(401\) \(#\d+\) · Fix: Sign in again\.$/);
  await panel.screenshot({ path: test.info().outputPath('firefox-story-lost.png') });

  // The findings grouped by code and cause, worst first, one explanation per group.
  const groups = await panel.$$eval('[data-testid="finding-group"]', (els) =>
    els.map((el) => ({
      code: el.getAttribute('data-code'),
      count: el.getAttribute('data-count'),
      headline: el.querySelector('[data-testid="finding-group-headline"]')?.textContent?.trim(),
      messages: el.querySelectorAll('[data-testid="finding-group-message"]').length,
    })),
  );
  expect(groups.slice(0, 2)).toEqual([
    { code: 'silent-anonymous', count: '1', headline: '1 × served as anonymous', messages: 1 },
    { code: 'session-expired', count: '1', headline: '1 × refused (401): session expired', messages: 1 },
  ]);

  await signInFirefox(page, emulator.url);
  const back = await currentWhen(panel, 'Signed in as fred');
  await panel.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-severity') === 'ok', { timeout: 15_000 }, CURRENT);
  expect(back.kind).toBe('session');
  await panel.click('[data-testid="story-earlier"]');
  await panel.waitForSelector('[data-testid="story-resolved"]', { timeout: 15_000 });
  const resolved = await panel.$eval('[data-testid="story-line"][data-current="false"] [data-testid="story-resolved"]', (el) => el.textContent ?? '');
  expect(resolved).toMatch(/Signed in again at ./);
  await panel.screenshot({ path: test.info().outputPath('firefox-story-resolved.png') });
});
