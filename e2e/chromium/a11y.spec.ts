/**
 * Accessibility: axe-core (WCAG 2.x A and AA rules) on the panel after an expiry and a CAPTCHA, the popup and the
 * options page, in both themes (the dark one for the colour rules only: it changes nothing else). No serious or
 * critical violation is allowed; the report names each one.
 */
import { test, expect } from '../support/chromium';
import { expiryAndCaptchaStory } from '../support/look';
import { seriousViolations } from '../support/axe';

for (const theme of ['light', 'dark'] as const) {
  test(`no serious accessibility violation in the panel, popup and options (${theme})`, async ({ context, emulator, tabIdOf, openExtensionPage, openPopup }) => {
    test.setTimeout(360_000); // axe walks the whole document several times (panel: four states)
    const page = await expiryAndCaptchaStory(context, emulator);
    const tabId = await tabIdOf(page);
    const rules = { coloursOnly: theme === 'dark' };

    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=${theme}`);
    await panel.setViewportSize({ width: 1280, height: 800 });
    await expect(panel.locator('[data-testid="finding-group"][data-code="silent-anonymous"]')).toHaveCount(1, { timeout: 20_000 });
    expect(await seriousViolations(panel, rules), 'panel').toEqual([]);
    // The findings pane, opened from the toolbar.
    await panel.getByTestId('findings-toggle').click();
    await expect(panel.getByTestId('findings-overview')).toBeVisible();
    expect(await seriousViolations(panel, rules), 'panel with the findings').toEqual([]);
    // The request detail too: its tabs, headers and replay form.
    await panel.getByTestId('request-row').first().click();
    await expect(panel.getByTestId('request-detail')).toBeVisible();
    expect(await seriousViolations(panel, rules), 'panel with the request detail').toEqual([]);
    // The help (?): reached by keyboard, focus moves in; clean; Esc closes it and focus returns to the button.
    const help = panel.getByTestId('help-button');
    await help.focus();
    await panel.keyboard.press('Enter');
    await expect(panel.getByTestId('help')).toBeVisible();
    await expect(panel.getByTestId('help')).toBeFocused();
    await expect(panel.getByTestId('help-badges').locator('li')).toHaveCount(7);
    expect(await seriousViolations(panel, rules), 'panel with the help open').toEqual([]);
    await panel.keyboard.press('Escape');
    await expect(panel.getByTestId('help')).toBeHidden();
    await expect(help).toBeFocused();
    // Esc in the detail closes it (the help's Esc did not), and the list has the width again.
    await expect(panel.getByTestId('request-detail')).toBeVisible();
    await panel.getByTestId('detail-close').focus();
    await panel.keyboard.press('Escape');
    await expect(panel.getByTestId('request-detail')).toBeHidden();

    const popup = await openPopup(tabId);
    await popup.emulateMedia({ colorScheme: theme });
    await expect(popup.getByTestId('origin').first()).toBeVisible({ timeout: 20_000 });
    expect(await seriousViolations(popup, rules), 'popup').toEqual([]);

    const options = await openExtensionPage('src/options/index.html');
    await options.emulateMedia({ colorScheme: theme });
    await expect(options.locator('main, body').first()).toBeVisible();
    expect(await seriousViolations(options, rules), 'options').toEqual([]);
  });
}
