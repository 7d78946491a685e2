/**
 * The panel inside real DevTools: headed Chromium on a virtual display (Xvfb), DevTools opened on the tab by
 * `--auto-open-devtools-for-tabs`, its theme set to dark and docked bottom through the profile's preferences
 * (../shared/browser-testing.md). The test clicks the "Seraph Lens" tab as a user would and reads the panel's
 * document, which DevTools hosts as a chrome-extension:// frame. Playwright does not expose DevTools' own
 * targets, so this one spec drives Chromium with puppeteer-core (as the Firefox specs do).
 */
import { test, expect } from '@playwright/test';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { ARTIFACTS, CHROMIUM, DIST_CHROME } from '../support/paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from '../support/launch';
import { startXvfb, type VirtualDisplay } from '../support/xvfb';
import { STORY_PROFILES, signInStory, sessionDiesStory } from '../support/stories';
import { puppeteerBrowse } from '../support/puppeteer-browse';

const JIRA_DC = STORY_PROFILES.find((p) => p.title === 'Jira DC')!;

let display: VirtualDisplay;
let emulator: Emulator;
let browser: Browser;
let userDataDir: string;

test.beforeEach(async () => {
  display = await startXvfb(1600, 1000);
  emulator = await startEmulator({});
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-devtools-'));
  mkdirSync(path.join(userDataDir, 'Default'));
  // DevTools keeps its settings in the profile as JSON-encoded strings.
  writeFileSync(
    path.join(userDataDir, 'Default/Preferences'),
    JSON.stringify({ devtools: { preferences: { 'ui-theme': '"dark"', currentDockState: '"bottom"' } } }),
  );
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: false,
    userDataDir,
    defaultViewport: null,
    ignoreDefaultArgs: ['--disable-extensions'],
    env: { ...process.env, DISPLAY: display.display },
    args: ['--no-sandbox', '--disable-gpu', '--window-size=1600,1000', '--auto-open-devtools-for-tabs', ...QUIET_CHROMIUM_ARGS, ...extensionArgs(DIST_CHROME)],
  });
});

test.afterEach(async () => {
  await browser?.close();
  await emulator?.close();
  await display?.close();
  rmSync(userDataDir, { recursive: true, force: true });
});

/** The DevTools window of the first tab, as a page whose document is DevTools' own UI. */
async function devtoolsOf(b: Browser): Promise<Page> {
  const target = await b.waitForTarget((t) => t.url().startsWith('devtools://devtools/'), { timeout: 30_000 });
  return (await target.asPage())!;
}

/** Centre of DevTools' "Seraph Lens" tab (inside DevTools' shadow roots), once DevTools has added it. */
async function seraphTabCentre(devtools: Page): Promise<[number, number]> {
  const handle = await devtools.waitForFunction(
    `(() => {
      const find = (root) => {
        for (const el of root.querySelectorAll('[role=tab]')) if (el.getAttribute('aria-label') === 'Seraph Lens') return el;
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
        return null;
      };
      const tab = find(document);
      if (!tab) return null;
      const r = tab.getBoundingClientRect();
      return r.width > 0 ? [r.x + r.width / 2, r.y + r.height / 2] : null;
    })()`,
    { timeout: 30_000, polling: 250 },
  );
  return (await handle.jsonValue()) as [number, number];
}

async function panelFrame(devtools: Page): Promise<Frame> {
  for (let i = 0; i < 120; i++) {
    const frame = devtools.frames().find((f) => f.url().includes('/src/panel/index.html'));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no panel frame in DevTools; frames: ${devtools.frames().map((f) => f.url()).join(', ')}`);
}

test('the Seraph Lens tab in real DevTools tells the expiry story and follows the dark theme', async () => {
  const page = (await browser.pages()).find((p) => !p.url().startsWith('devtools://'))!;

  const devtools = await devtoolsOf(browser);
  const [x, y] = await seraphTabCentre(devtools);
  await devtools.mouse.click(x, y);
  const panel = await panelFrame(devtools);

  // The theme comes from DevTools (devtools.panels.themeName), not from the system.
  await panel.waitForFunction(`document.documentElement.dataset.theme === 'dark'`, { timeout: 15_000 });
  const background = await panel.evaluate(`getComputedStyle(document.body).backgroundColor`);
  const [r, g, b] = String(background).match(/\d+/g)!.map(Number);
  expect(r! + g! + b!, `panel background ${background} should be dark`).toBeLessThan(3 * 80);

  // The panel has its first snapshot from the worker: the worker is up, its capture listeners with it.
  await panel.waitForFunction(`document.body.innerText.includes('0 requests')`, { timeout: 15_000 });
  const story = puppeteerBrowse(page);
  await signInStory(story, emulator, JIRA_DC, emulator.url);
  await sessionDiesStory(story, emulator, JIRA_DC, emulator.url);

  const header = await panel.waitForFunction(
    `(() => { const t = document.querySelector('[data-testid="story-line"][data-current="true"]')?.textContent; return t && t.includes('2 pages served as anonymous') ? t : null; })()`,
    { timeout: 20_000, polling: 250 },
  );
  expect(await header.jsonValue()).toMatch(/^Signed in as fred at .+ \(cookie JSESSIONID\); .+, then 2 pages served as anonymous .+ · Fix: Sign in again\.$/);

  mkdirSync(ARTIFACTS, { recursive: true });
  await devtools.screenshot({ path: path.join(ARTIFACTS, 'devtools-dark-bottom.png') });
});
