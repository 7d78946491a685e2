/**
 * `npm start [-- --product jira|confluence] [--mode server|cloud]`: the emulator plus Chromium with the freshly
 * built extension (dist/chrome-dev), on the demo site. Cloud answers as https://acme.atlassian.net (Confluence
 * under /wiki): Chromium maps that name to the local emulator with --host-resolver-rules and accepts its
 * self-signed certificate; every other name fails to resolve, so the demo never reaches any network but 127.0.0.1.
 * Without a display (CI boxes, SSH) Chromium runs headless and the demo takes screenshots.
 */
import { chromium } from '@playwright/test';
import { existsSync, mkdtempSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROFILE_USAGE, profileFromArgs } from './emulator/cli-args';
import { CONFLUENCE_PAGES, pageUrl } from './emulator/confluence';
import { startEmulator, type EmulatorOptions, type Profile } from './emulator/server';
import { testTlsFor } from './emulator/tls';
import { CHROMIUM, DIST_CHROME, ROOT } from './support/paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from './support/launch';

const CLOUD_HOST = 'acme.atlassian.net';

function usage(message: string): never {
  console.error(`${message}\nusage: npm start -- ${PROFILE_USAGE}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { product: { type: 'string' }, mode: { type: 'string' } } }));
} catch (err) {
  usage(err instanceof Error ? err.message : String(err));
}
const chosen = profileFromArgs(values);
if (typeof chosen === 'string') usage(chosen);

const port = Number(process.env.PORT ?? 8090);
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: run "bash scripts/setup-browsers.sh" first.`);
  process.exit(1);
}

const cloud = chosen.mode === 'cloud';
// Server/DC: a cookie for 10 minutes; Cloud: a browser-session cookie whose token says 10 minutes. Either way the
// server forgets an idle session after 2 minutes, so the story does not need the control page.
const options: EmulatorOptions = { ...chosen, port, sessionTimeoutSec: 120, ...(cloud ? { sessionLifetimeSec: 600 } : { cookieMaxAgeSec: 600 }) };
if (cloud) Object.assign(options, { tls: testTlsFor(CLOUD_HOST), publicOrigin: `https://${CLOUD_HOST}` });
const emulator = await startEmulator(options);
const site = emulator.origin; // what the browser types: http://127.0.0.1:8090 or https://acme.atlassian.net

/** What to do on each product, signed in as whom, and which pages show the silent fallback. */
function script(profile: Profile) {
  const user = cloud ? { login: 'user@example.com', password: 'secret' } : { login: 'fred', password: 'fred' };
  if (profile.product === 'jira') {
    return {
      user,
      pages: ['/issues/?jql=project%3DABC', '/secure/Dashboard.jspa'],
      browse: `${site}/issues/?jql=  and  ${site}/browse/ABC-7`,
      anonymousTell: 'as anonymous (5 issues instead of 200)',
    };
  }
  const publicPage = pageUrl(CONFLUENCE_PAGES[0]!, profile);
  return {
    user,
    pages: [publicPage, profile.home],
    browse: `${site}${publicPage}  and the private  ${site}${pageUrl(CONFLUENCE_PAGES[2]!, profile)}`,
    anonymousTell: 'as anonymous (2 pages instead of 5; private pages send you to the login)',
  };
}
const demo = script(emulator.profile);

const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-demo-')), {
  executablePath: CHROMIUM,
  headless,
  viewport: null,
  ignoreHTTPSErrors: cloud,
  args: [
    ...QUIET_CHROMIUM_ARGS,
    ...extensionArgs(DIST_CHROME),
    // The Cloud name leads to the emulator, 127.0.0.1 stays itself, and nothing else resolves.
    `--host-resolver-rules=${cloud ? `MAP ${CLOUD_HOST}:443 127.0.0.1:${emulator.port}, ` : ''}MAP * ~NOTFOUND, EXCLUDE 127.0.0.1`,
    ...(cloud ? ['--ignore-certificate-errors'] : []),
    ...(headless ? ['--no-sandbox', '--disable-gpu'] : ['--auto-open-devtools-for-tabs']),
  ],
});
if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
const extensionId = new URL(context.serviceWorkers()[0]!.url()).host;

const control = context.pages()[0] ?? (await context.newPage());
await control.goto(`${site}/__emulator/`);
const app = await context.newPage();
await app.goto(`${site}${emulator.profile.loginPath}`);

console.log(`
Seraph Lens demo
  ${emulator.profile.title} emulator:   ${site}   (controls: ${site}/__emulator/)${site !== emulator.url ? `\n  served from:     ${emulator.url} (Chromium maps ${CLOUD_HOST} there)` : ''}
  Extension id:    ${extensionId}

Try this:
  1. Sign in as ${demo.user.login} / ${demo.user.password} on the login page.
  2. Browse: ${site}${emulator.profile.home},  ${demo.browse}
  3. On the control page, expire all sessions (the server-side timeout is 120 s anyway).
  4. Reload the page: it still "works", but ${demo.anonymousTell}.
  5. Open DevTools → "Seraph Lens": the 401s and the anonymous pages are listed; the toolbar badge
     turns to a red EXP (session expired), and its tooltip names the site.
Press Ctrl+C to stop.`);

if (headless) {
  // Nobody can look at a headless browser: walk the scenario and leave screenshots instead.
  const out = path.join(ROOT, 'test-results/demo');
  mkdirSync(out, { recursive: true });
  await app.fill('input[name="os_username"]', demo.user.login);
  await app.fill('input[name="os_password"]', demo.user.password);
  await Promise.all([app.waitForURL((u) => u.pathname === emulator.profile.home), app.click('[type="submit"]')]);
  emulator.expireAllSessions();
  for (const p of demo.pages) await app.goto(`${site}${p}`);
  await app.waitForTimeout(500);
  const sw = context.serviceWorkers()[0]!;
  const tabId = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, app.url());
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 1100, height: 500 });
  await panel.goto(`chrome-extension://${extensionId}/src/panel/index.html?tabId=${tabId}`);
  await panel.waitForSelector('[data-testid="request-row"]');
  const name = `${emulator.profile.product}-${emulator.profile.mode}`;
  await app.screenshot({ path: path.join(out, `${name}.png`) });
  await panel.screenshot({ path: path.join(out, `${name}-panel.png`) });
  console.log(`\nNo display found: ran headless and saved screenshots to ${path.relative(ROOT, out)}/${name}*.png`);
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
