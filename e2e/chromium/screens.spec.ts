/**
 * The panel as users see it, in the three shapes DevTools gives it (undocked or wide 1280×800, docked right
 * 500×800, docked bottom 1280×300) and both themes, after a session expired and a CAPTCHA: a screenshot of each
 * (test-results/…/screens-*.png, looked at by a person), and a check that no essential text (status, login reason,
 * user, finding code) is cut without a tooltip that carries it whole.
 */
import { test, expect } from '../support/chromium';
import { cutWithoutTooltip, expiryAndCaptchaStory } from '../support/look';

const SHAPES = [
  { name: 'wide', width: 1280, height: 800 },
  { name: 'docked-right', width: 500, height: 800 },
  { name: 'docked-bottom', width: 1280, height: 300 },
] as const;
const ESSENTIAL = ['status', 'login-reason', 'user', 'finding-code'] as const;

for (const theme of ['light', 'dark'] as const) {
  test(`panel screenshots in ${theme}: essential text never cut without a tooltip`, async ({ context, emulator, tabIdOf, openExtensionPage }, testInfo) => {
    test.setTimeout(180_000);
    const page = await expiryAndCaptchaStory(context, emulator);
    const tabId = await tabIdOf(page);
    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=${theme}`);
    await expect(panel.locator('[data-testid="finding-group"][data-code="silent-anonymous"]')).toHaveCount(1, { timeout: 20_000 });
    await expect(panel.locator('[data-testid="login-reason"]', { hasText: 'AUTHENTICATION_DENIED' }).first()).toBeAttached();
    for (const shape of SHAPES) {
      await panel.setViewportSize({ width: shape.width, height: shape.height });
      await panel.screenshot({ path: testInfo.outputPath(`screens-${shape.name}-${theme}.png`) });
      // Each essential field is on screen in every shape (in a row or in the findings), and none is unreadable.
      for (const id of ['status', 'user', 'login-reason'] as const) {
        await expect(panel.getByTestId(id).first(), `${id} visible at ${shape.name}`).toBeVisible();
      }
      expect(await cutWithoutTooltip(panel, ESSENTIAL), `cut text at ${shape.name} ${theme}`).toEqual([]);
    }
  });
}
