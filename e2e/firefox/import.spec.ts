/**
 * HAR import in Firefox ESR: the module worker the panel starts runs there too (moz-extension origin), the
 * file ends up on screen, and a broken file gets its one-line error.
 */
import { test, expect } from '@playwright/test';
import { useEmulatorAndFirefox } from '../support/firefox';
import { generateHarEntries } from '../../bench/har-generator';

const session = useEmulatorAndFirefox();

test('Firefox: a HAR is imported through the worker; a broken one gets one line', async () => {
  const emulator = session.emulator();
  const panel = await session.firefox().openExtensionPage('src/panel/index.html?tabId=1', `${emulator.url}/__emulator/`);
  await panel.waitForSelector('[data-testid="import-har"]', { timeout: 15_000 });
  const importText = (name: string, text: string) =>
    panel.evaluate(
      (n, t) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="import-har"]')!;
        const dt = new DataTransfer();
        dt.items.add(new File([t], n, { type: 'application/json' }));
        input.files = dt.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      },
      name,
      text,
    );
  const har = generateHarEntries(300);
  await importText('ok.har', har);
  await panel.waitForFunction(() => document.querySelector('[data-testid="imported"]')?.textContent?.includes('ok.har'), { timeout: 30_000 });
  expect(await panel.$eval('[data-testid="summary"]', (el) => el.textContent)).toContain('300 requests');

  await importText('broken.har', har.slice(0, 1000));
  await panel.waitForSelector('[data-testid="error"]', { timeout: 30_000 });
  expect(await panel.$eval('[data-testid="error"]', (el) => el.textContent)).toMatch(/^broken\.har: .+/);
  expect(await panel.$eval('[data-testid="imported"]', (el) => el.textContent)).toContain('ok.har');
});
