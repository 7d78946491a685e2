/**
 * The pasted-transcript import in Firefox ESR: the dialog, the worker reading a `curl -v` transcript, the
 * story naming the refused API token; the token appears nowhere on the page.
 */
import { test, expect } from '@playwright/test';
import { useEmulatorAndFirefox } from '../support/firefox';
import { expiredTokenTranscript } from '../fixtures/paste/transcript';

const session = useEmulatorAndFirefox();

test('Firefox: a pasted curl -v transcript is analysed and its story shown', async () => {
  const { text, token } = expiredTokenTranscript();
  const emulator = session.emulator();
  const panel = await session.firefox().openExtensionPage('src/panel/index.html?tabId=1', `${emulator.url}/__emulator/`);
  await panel.waitForSelector('[data-testid="paste-transcript-button"]', { timeout: 15_000 });
  await panel.click('[data-testid="paste-transcript-button"]');
  await panel.waitForSelector('[data-testid="paste-text"]');
  // Typing 1 KB key by key is slow over BiDi: set the value and tell Preact as an input event would.
  await panel.$eval(
    '[data-testid="paste-text"]',
    (el, t) => {
      (el as HTMLTextAreaElement).value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    },
    text,
  );
  await panel.click('[data-testid="paste-analyse"]');
  await panel.waitForFunction(() => document.querySelector('[data-testid="imported"]')?.textContent?.includes('pasted text'), { timeout: 30_000 });
  await panel.waitForFunction(() => document.querySelector('[data-testid="story-line"]')?.textContent?.includes('API token'), { timeout: 30_000 });
  const story = await panel.$eval('[data-testid="story-line"]', (el) => el.textContent ?? '');
  expect(story).toContain('acme.atlassian.net');
  expect(await panel.$eval('[data-testid="imported"]', (el) => el.textContent)).toContain('curl');
  await panel.screenshot({ path: test.info().outputPath('firefox-paste-story.png') });
  const html = await panel.content();
  expect(html).not.toContain(token);
  expect(html).not.toContain(token.slice(12, 40));
});
