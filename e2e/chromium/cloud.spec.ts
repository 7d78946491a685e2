/**
 * Cloud under its real name: Chromium resolves acme.atlassian.net to the emulator (TLS, self-signed),
 * so the store-build host permission `https://*.atlassian.net/*` is what lets the extension see it.
 */
import { test as base, expect } from '../support/chromium';
import { testTlsFor } from '../emulator/tls';

const HOST = 'acme.atlassian.net';

const test = base.extend({
  emulatorOptions: { mode: 'cloud', tls: testTlsFor(HOST), publicOrigin: `https://${HOST}` },
  chromiumArgs: async ({ emulator }, use) => {
    await use([`--host-resolver-rules=MAP ${HOST}:443 127.0.0.1:${emulator.port}`, '--ignore-certificate-errors']);
  },
});

test('captures a Cloud site by its atlassian.net name: API-token Basic works, a username gets 401', async ({
  context,
  tabIdOf,
  openPanel,
  summaryOf,
}) => {
  const page = await context.newPage();
  await page.goto(`https://${HOST}/secure/Dashboard.jspa`);
  await expect(page.getByTestId('issue-count')).toHaveText('5');
  const tabId = await tabIdOf(page);

  // Scripts call the REST API with Basic credentials: the email + API token pass, the username does not.
  const statuses = await page.evaluate(async () => {
    const call = (user: string, secret: string) =>
      fetch('/rest/api/2/myself', { headers: { Authorization: `Basic ${btoa(`${user}:${secret}`)}` } }).then((r) => r.status);
    return [await call('user@example.com', 'user_api_token'), await call('user', 'user_api_token')];
  });
  expect(statuses).toEqual([200, 401]);

  await expect.poll(() => summaryOf(tabId).then((s) => s.unauthorized)).toBe(1);
  const panel = await openPanel(tabId);
  const myself = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText('/rest/api/2/myself', { exact: true }) });
  await expect(myself.getByTestId('status')).toHaveText(['200', '401']);
  await expect(myself.getByTestId('login-reason')).toHaveText(['OK', 'AUTHENTICATED_FAILED']);

  // The stored log names the Basic user part but never holds the token.
  const log = await panel.evaluate(
    async (id) => JSON.stringify(await chrome.runtime.sendMessage({ kind: 'tab-log', body: { tabId: id } })),
    tabId,
  );
  expect(log).toContain('"user":"user@example.com"');
  expect(log).not.toContain('user_api_token');
  expect(log).not.toContain(Buffer.from('user@example.com:user_api_token').toString('base64'));
});
