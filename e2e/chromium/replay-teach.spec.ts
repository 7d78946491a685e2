/**
 * Replay that teaches, in real Chromium against the emulator: each os_authType explained where it is
 * chosen, what will be sent (never the secret) before it goes and what was sent above the result, a verdict
 * sentence after a single replay, and the matrix over the whole panel with the differences from the
 * original marked, a reason on each differing row, stacked rows at 500 px, Tab kept inside, and the "total"
 * column only for a search.
 */
import type { Locator } from '@playwright/test';
import { test, expect } from '../support/chromium';
import { signIn } from '../support/jira';
import { replayFormFor, resultRow } from '../support/replay-form';
import { seriousViolations } from '../support/axe';

const PASSWORD = 'Teach-planted-Secret-55';
test.use({ emulatorOptions: { users: [{ name: 'fred', displayName: 'Fred Sanders', password: PASSWORD }] } });
test.describe.configure({ timeout: 180_000 });


test('each os_authType explained where it is chosen; what will be sent, what was sent, and a verdict sentence after one replay', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url, 'fred', PASSWORD);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  const panel = await openPanel(await tabIdOf(page));
  const replay = await replayFormFor(panel, '/issues/?jql=project%3DABC');

  // One line per value, the chosen one marked.
  const help = replay.getByTestId('auth-type-explanation');
  await expect(help).toHaveCount(4);
  await expect(replay.locator('[data-testid="auth-type-explanation"][data-value="basic"]')).toHaveText(
    'basic: only an Authorization header counts, cookies are ignored; 401 with a Basic challenge when it is missing or wrong.',
  );
  await expect(replay.locator('[data-testid="auth-type-explanation"][data-value="cookie"]')).toHaveText(
    "cookie: only the session cookie counts; 401 when it is missing or no longer valid (tests the browser's session).",
  );
  await expect(replay.locator('[data-testid="auth-type-explanation"][data-value="any"]')).toContainText('401 only when neither works');
  await expect(replay.locator('[data-testid="auth-type-explanation"][data-value="null"]')).toContainText(
    "Seraph's default: a dead session gets 401 under /rest, and is silently served as anonymous everywhere else.",
  );
  await expect(replay.locator('[data-testid="auth-type-explanation"].chosen')).toHaveAttribute('data-value', 'cookie');
  await replay.getByTestId('replay-auth-type').selectOption('basic');
  await expect(replay.locator('[data-testid="auth-type-explanation"].chosen')).toHaveAttribute('data-value', 'basic');
  await expect(replay.getByTestId('replay-auth-type')).toHaveAttribute('aria-describedby', 'auth-type-help');

  // What will be sent follows the form.
  const willSend = replay.getByTestId('replay-will-send');
  await expect(willSend.getByTestId('sent-request')).toHaveText(`GET ${emulator.url}/issues/?jql=project%3DABC&os_authType=basic`);
  await replay.getByTestId('replay-auth-type').selectOption('cookie');
  await expect(willSend.getByTestId('sent-request')).toHaveText(`GET ${emulator.url}/issues/?jql=project%3DABC&os_authType=cookie`);
  await expect(willSend.getByTestId('sent-credentials')).toHaveText(
    `the browser's cookies for ${emulator.url} (the captured request sent: session cookie JSESSIONID); no Authorization header`,
  );

  // One replay: what was sent above the result, the verdict sentence after it, in the matrix's words.
  await replay.getByTestId('replay-run').click();
  const verdict = replay.getByTestId('replay-single-verdict');
  await expect(verdict).toHaveText('Your session cookie is no longer valid: with os_authType=cookie the server answers 401; the original page was served to anonymous.');
  const sent = replay.getByTestId('replay-sent');
  await expect(sent.getByTestId('sent-request')).toHaveText(`GET ${emulator.url}/issues/?jql=project%3DABC&os_authType=cookie`);
  const [sentBox, table, verdictBox] = await Promise.all([sent.boundingBox(), replay.getByTestId('replay-results').boundingBox(), verdict.boundingBox()]);
  expect(sentBox!.y + sentBox!.height).toBeLessThanOrEqual(table!.y);
  expect(table!.y + table!.height).toBeLessThanOrEqual(verdictBox!.y);
  await expect(resultRow(panel, 'os_authType=cookie · browser cookies').locator('[data-field="status"]')).toHaveText('401');
  await expect(resultRow(panel, 'os_authType=cookie · browser cookies').locator('[data-field="status"]')).toHaveClass('diff');
  await panel.screenshot({ path: test.info().outputPath('replay-single.png') });

  // Typed credentials: the user is named, the password never; the verdict says they work.
  await replay.getByTestId('replay-source').selectOption('basic');
  await expect(replay.getByTestId('source-help')).toContainText('tests the account, not the session');
  await replay.getByTestId('replay-username').fill('fred');
  await replay.getByTestId('replay-secret').fill(PASSWORD);
  await replay.getByTestId('replay-auth-type').selectOption('basic');
  await expect(willSend.getByTestId('sent-credentials')).toHaveText(
    'Authorization: Basic as fred, with the password you typed (not shown; forgotten once sent); no cookies',
  );
  await replay.getByTestId('replay-run').click();
  await panel.getByTestId('replay-confirm-send').click(); // plain http://: asked first, as before
  await expect(verdict).toHaveText('The typed credentials work: the server answers as fred.');
  await expect(sent.getByTestId('sent-credentials')).toContainText('Basic as fred');
  await expect(replay.getByTestId('replay-secret')).toHaveValue('');
  const html = await panel.content();
  expect(html).not.toContain(PASSWORD);
  expect(html).not.toContain(Buffer.from(`fred:${PASSWORD}`).toString('base64'));
});

test('the matrix opens over the whole panel: differences marked and explained, stacked at 500 px, no "total" column for a page; Tab stays inside, Esc closes it', async ({ context, emulator, tabIdOf, openExtensionPage }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url, 'fred', PASSWORD);
  emulator.expireAllSessions();
  await page.goto(`${emulator.url}/issues/?jql=project%3DABC`);
  const tabId = await tabIdOf(page);

  for (const theme of ['light', 'dark'] as const) {
    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}${theme === 'dark' ? '&theme=dark' : ''}`);
    await panel.setViewportSize({ width: 1280, height: 800 });
    const replay = await replayFormFor(panel, '/issues/?jql=project%3DABC');
    await replay.getByTestId('replay-matrix').click();
    const view = panel.getByTestId('replay-matrix-view');
    await expect(view).toBeVisible();
    await expect(panel.getByTestId('replay-row')).toHaveCount(9); // the original + 4 modes × 2 sources
    await expect(view.getByTestId('replay-verdict')).toContainText('Your session cookie is no longer valid: with os_authType=cookie the server answers 401');
    await expect(view.getByTestId('matrix-sent')).toContainText(`GET ${emulator.url}/issues/?jql=project%3DABC`);
    await expect(view.getByTestId('matrix-sent')).toContainText('(the captured request sent: session cookie JSESSIONID)');

    if (theme === 'light') {
      // Full width: the overlay spans the panel, not the 40 % side pane.
      const box = (await view.boundingBox())!;
      expect(box.x).toBe(0);
      expect(box.width).toBe(1280);
      // A page is not a search: no "total" column.
      expect(await view.locator('table.replay-results th').allTextContents()).not.toContain('total');
      await expect(view.locator('[data-field="searchTotal"]')).toHaveCount(0);
      // Differences from the original are marked; the original's own row never is.
      await expect(resultRow(panel, 'os_authType=cookie · browser cookies').locator('[data-field="status"]')).toHaveClass('diff');
      await expect(resultRow(panel, 'as captured · no credentials').locator('[data-field="status"]')).not.toHaveClass('diff');
      await expect(resultRow(panel, 'original (captured)').locator('td.diff')).toHaveCount(0);
      // A table at this width: codes never wrap, and nothing is cut.
      await expect(view.locator('table.replay-results thead')).toBeVisible();
      const wraps = await view.locator('td[data-field="status"], td[data-field="loginReason"], td[data-field="challenge"]').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).whiteSpace));
      expect(new Set(wraps)).toEqual(new Set(['nowrap']));
      expect(await nothingCut(view)).toEqual([]);
    }
    // Every row that answered otherwise than the original or its neighbours says why.
    await expect(resultRow(panel, 'os_authType=cookie · browser cookies').getByTestId('replay-reason')).toHaveText(
      "os_authType=cookie takes only a valid session cookie: the browser's session cookie is no longer valid, so 401.",
    );
    await expect(resultRow(panel, 'os_authType=basic · no credentials').getByTestId('replay-reason')).toContainText('os_authType=basic takes only an Authorization header and ignores cookies');
    await panel.screenshot({ path: test.info().outputPath(`matrix-${theme}-1280.png`) });

    // Docked right at 500 px: the rows stack, each cell named, and nothing is cut or scrolled sideways.
    await panel.setViewportSize({ width: 500, height: 800 });
    await expect.poll(async () => (await view.boundingBox())?.width).toBe(500);
    await expect(view.locator('table.replay-results thead')).not.toBeInViewport();
    expect(await nothingCut(view)).toEqual([]);
    const challenge = resultRow(panel, 'os_authType=basic · browser cookies').locator('[data-field="challenge"]');
    await expect(challenge).toBeInViewport({ ratio: 1 });
    expect(await challenge.evaluate((td) => getComputedStyle(td, '::before').content)).toBe('"challenge "');
    await expect(resultRow(panel, 'os_authType=cookie · browser cookies').locator('[data-field="findings"]')).toBeInViewport();
    await panel.screenshot({ path: test.info().outputPath(`matrix-${theme}-500.png`) });
    if (theme === 'dark') expect(await seriousViolations(panel), 'the stacked matrix').toEqual([]);

    // Modal: Tab and Shift+Tab stay inside the matrix.
    await expect(view.getByTestId('matrix-close')).toBeFocused();
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
      await panel.keyboard.press(key);
      expect(await view.evaluate((dialog) => dialog.contains(document.activeElement) && document.activeElement !== dialog)).toBe(true);
    }
    await expect(view.getByRole('region', { name: 'Replay results' })).toBeFocused();
    await panel.keyboard.press('Tab');
    await expect(view.getByTestId('matrix-close')).toBeFocused();

    // Esc closes it, and focus goes back to the button that opened it.
    await panel.keyboard.press('Escape');
    await expect(view).toHaveCount(0);
    await expect(replay.getByTestId('replay-matrix')).toBeFocused();
    await expect(replay.getByTestId('matrix-reopen')).toBeVisible();
    await replay.getByTestId('matrix-reopen').click();
    await expect(view).toBeVisible();
    await view.getByTestId('matrix-close').click();
    await expect(view).toHaveCount(0);
    await panel.close();
  }
});

/** Cells of the matrix whose text is cut (wider than the cell) or that reach past the panel's right edge. */
async function nothingCut(view: Locator): Promise<string[]> {
  return view.locator('table.replay-results td').evaluateAll((tds) =>
    tds.flatMap((td) => {
      const box = td.getBoundingClientRect();
      const label = `${td.closest('tr')?.getAttribute('data-label')} ${td.getAttribute('data-field')}`;
      if (td.scrollWidth > td.clientWidth + 1) return [`${label}: cut`];
      if (box.right > document.documentElement.clientWidth + 1) return [`${label}: past the edge`];
      return [];
    }),
  );
}

test('a search gets the "total" column: anonymous sees 5 issues where the session saw more', async ({ context, emulator, tabIdOf, openPanel }) => {
  const page = await context.newPage();
  await signIn(page, emulator.url, 'fred', PASSWORD);
  // The dashboard asks /rest/api/2/search?jql=&maxResults=0 while signed in.
  await page.goto(`${emulator.url}/secure/Dashboard.jspa`);
  await page.waitForLoadState('networkidle');
  emulator.expireAllSessions();
  const panel = await openPanel(await tabIdOf(page));
  await panel.setViewportSize({ width: 1280, height: 800 });
  const replay = await replayFormFor(panel, '/rest/api/2/search?jql=&maxResults=0');
  await replay.getByTestId('replay-matrix').click();
  const view = panel.getByTestId('replay-matrix-view');
  await expect(panel.getByTestId('replay-row')).toHaveCount(9);
  await expect(view.locator('table.replay-results th', { hasText: 'total' })).toHaveCount(1);
  await expect(resultRow(panel, 'as captured · no credentials').locator('[data-field="searchTotal"]')).toHaveText('5');
  await expect(resultRow(panel, 'os_authType=cookie · browser cookies').locator('[data-field="status"]')).toHaveText('401');
  await panel.screenshot({ path: test.info().outputPath('matrix-search-light-1280.png') });
});
