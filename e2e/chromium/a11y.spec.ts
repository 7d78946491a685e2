/**
 * Accessibility: axe-core (WCAG 2.x A and AA rules) on the panel after an expiry and a CAPTCHA, the popup and the
 * options page, in both themes. No serious or critical violation is allowed; the report names each one.
 */
import { test, expect } from '../support/chromium';
import { expiryAndCaptchaStory } from '../support/look';
import { seriousViolations } from '../support/axe';

for (const theme of ['light', 'dark'] as const) {
  test(`no serious accessibility violation in the panel, popup and options (${theme})`, async ({ context, emulator, tabIdOf, openExtensionPage, openPopup }) => {
    test.setTimeout(180_000); // axe walks the whole document several times
    const page = await expiryAndCaptchaStory(context, emulator);
    const tabId = await tabIdOf(page);

    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=${theme}`);
    await panel.setViewportSize({ width: 1280, height: 800 });
    await expect(panel.locator('[data-testid="finding-group"][data-code="silent-anonymous"]')).toHaveCount(1, { timeout: 20_000 });
    expect(await seriousViolations(panel), 'panel').toEqual([]);
    // The request detail too: its tabs, headers and replay form.
    await panel.getByTestId('request-row').first().dblclick();
    await expect(panel.getByTestId('request-detail')).toBeVisible();
    expect(await seriousViolations(panel), 'panel with the request detail').toEqual([]);

    const popup = await openPopup(tabId);
    await popup.emulateMedia({ colorScheme: theme });
    await expect(popup.getByTestId('origin').first()).toBeVisible({ timeout: 20_000 });
    expect(await seriousViolations(popup), 'popup').toEqual([]);

    const options = await openExtensionPage('src/options/index.html');
    await options.emulateMedia({ colorScheme: theme });
    await expect(options.locator('main, body').first()).toBeVisible();
    expect(await seriousViolations(options), 'options').toEqual([]);
  });
}
