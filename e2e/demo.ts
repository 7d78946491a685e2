/**
 * `npm start`: the emulator plus Chromium with the freshly built extension (dist/chrome-dev), on the
 * demo site. Without a display (CI boxes, SSH) Chromium runs headless and the demo takes screenshots.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator/server';
import { CHROMIUM, DIST_CHROME, ROOT } from './support/paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from './support/launch';

const port = Number(process.env.PORT ?? 8090);
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: run "bash scripts/setup-browsers.sh" first.`);
  process.exit(1);
}

const emulator = await startEmulator({ port, sessionTimeoutSec: 120, cookieMaxAgeSec: 600 });
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-demo-')), {
  executablePath: CHROMIUM,
  headless,
  viewport: null,
  args: [
    ...QUIET_CHROMIUM_ARGS,
    ...extensionArgs(DIST_CHROME),
    ...(headless ? ['--no-sandbox', '--disable-gpu'] : ['--auto-open-devtools-for-tabs']),
  ],
});
if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
const extensionId = new URL(context.serviceWorkers()[0]!.url()).host;

const control = context.pages()[0] ?? (await context.newPage());
await control.goto(`${emulator.url}/__emulator/`);
const jira = await context.newPage();
await jira.goto(`${emulator.url}/login.jsp`);

console.log(`
Seraph Lens demo
  Jira emulator:   ${emulator.url}   (controls: ${emulator.url}/__emulator/)
  Extension id:    ${extensionId}

Try this:
  1. Sign in as fred / fred on the login page.
  2. Browse: the dashboard, ${emulator.url}/issues/?jql=  and  ${emulator.url}/browse/ABC-7
  3. On the control page, expire all sessions (the server-side timeout is 120 s anyway).
  4. Reload the issue search: it still "works", but as anonymous (5 issues instead of 200).
  5. Open DevTools → "Seraph Lens": the 401s and the anonymous pages are listed; the toolbar badge counts 401s.
Press Ctrl+C to stop.`);

if (headless) {
  // Nobody can look at a headless browser: walk the scenario and leave screenshots instead.
  const out = path.join(ROOT, 'test-results/demo');
  mkdirSync(out, { recursive: true });
  await jira.fill('input[name="os_username"]', 'fred');
  await jira.fill('input[name="os_password"]', 'fred');
  await Promise.all([jira.waitForURL(/Dashboard/), jira.click('[type="submit"]')]);
  emulator.expireAllSessions();
  await jira.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  await jira.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await jira.waitForTimeout(500);
  const sw = context.serviceWorkers()[0]!;
  const tabId = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, jira.url());
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 1100, height: 500 });
  await panel.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=${tabId}`);
  await panel.waitForSelector('[data-testid="request-row"]');
  await jira.screenshot({ path: path.join(out, 'jira.png') });
  await panel.screenshot({ path: path.join(out, 'panel.png') });
  console.log(`\nNo display found: ran headless and saved screenshots to ${path.relative(ROOT, out)}/`);
  if (process.env.SERAPH_DEMO_EXIT) {
    await context.close();
    await emulator.close();
    process.exit(0);
  }
}

const stop = async () => {
  await context.close().catch(() => undefined);
  await emulator.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
context.on('close', () => void stop());
