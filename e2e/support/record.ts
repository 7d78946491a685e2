/**
 * Records what Chromium really exchanges with the emulator as a HAR file (Playwright's recordHar),
 * for the engine's fixtures. The emulator answers under stable names through host-resolver rules, so
 * recorded URLs do not depend on the port of the run.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';
import { testTlsFor } from '../emulator/tls';
import { CHROMIUM } from './paths';
import { QUIET_CHROMIUM_ARGS } from './launch';

export const SERVER_HOST = 'jira.example.test';
export const CONFLUENCE_SERVER_HOST = 'confluence.example.test';
export const CLOUD_HOST = 'acme.atlassian.net';

export interface Recording {
  emulator: Emulator;
  page: Page;
  origin: string;
}

export async function recordHar(harPath: string, mode: 'server' | 'cloud', scenario: (r: Recording) => Promise<void>, opts: EmulatorOptions = {}): Promise<unknown> {
  const host = mode === 'cloud' ? CLOUD_HOST : opts.product === 'confluence' ? CONFLUENCE_SERVER_HOST : SERVER_HOST;
  const origin = mode === 'cloud' ? `https://${host}` : `http://${host}`;
  const emulator = await startEmulator({ mode, publicOrigin: origin, ...(mode === 'cloud' ? { tls: testTlsFor(host) } : {}), ...opts });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', ...QUIET_CHROMIUM_ARGS, `--host-resolver-rules=MAP ${host}:${mode === 'cloud' ? 443 : 80} 127.0.0.1:${emulator.port}`],
  });
  let context: BrowserContext | null = null;
  try {
    context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' }, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await cancelAuthPrompts(context, page);
    await scenario({ emulator, page, origin });
  } finally {
    await context?.close(); // writes the HAR
    await browser.close();
    await emulator.close();
  }
  return JSON.parse(readFileSync(harPath, 'utf8'));
}

/**
 * A 401 with a Basic challenge makes Chromium wait for a login prompt headless browsers never show.
 * Cancel it through CDP, as a user pressing "Cancel" would; the 401 then reaches the page.
 */
export async function cancelAuthPrompts(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  cdp.on('Fetch.requestPaused', (e: { requestId: string }) => void cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => undefined));
  cdp.on('Fetch.authRequired', (e: { requestId: string }) =>
    void cdp.send('Fetch.continueWithAuth', { requestId: e.requestId, authChallengeResponse: { response: 'CancelAuth' } }).catch(() => undefined),
  );
  await cdp.send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });
}

/** fetch from the page, as its scripts would; returns the status. */
export function pageFetch(page: Page, url: string, init: { method?: string; headers?: Record<string, string>; body?: string; credentials?: RequestCredentials } = {}): Promise<number> {
  return page.evaluate(async ([u, i]) => (await fetch(u, { credentials: 'include', ...i })).status, [url, init] as const);
}
