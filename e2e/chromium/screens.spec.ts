/**
 * The panel as users see it, in the three shapes DevTools gives it (undocked or wide 1280×800, docked right
 * 500×800, docked bottom 1280×300) and both themes, after a session expired and a CAPTCHA: screenshots with
 * nothing selected, with the findings shown and with a row selected (test-results/…/screens-*.png, looked at by
 * a person). With nothing asked for, the list has the width (≥ 90 %), as the Network panel's list does; a
 * selected row opens its detail beside the list (below it when docked right) and Esc gives the width back.
 * Status and user are never cut; other essential text (login reason, finding code) only with a tooltip
 * that carries it whole.
 */
import { test, expect } from '../support/chromium';
import { cutAtAll, cutWithoutTooltip, expiryAndCaptchaStory, listShare } from '../support/look';

const SHAPES = [
  { name: 'wide', width: 1280, height: 800, side: 'beside' },
  { name: 'docked-right', width: 500, height: 800, side: 'below' },
  { name: 'docked-bottom', width: 1280, height: 300, side: 'beside' },
] as const;
/** Read whole in every shape: never cut, tooltip or not. */
const WHOLE = ['status', 'user'] as const;
/** Cut only with the whole text in a tooltip. */
const ESSENTIAL = ['status', 'login-reason', 'user', 'finding-code'] as const;

for (const theme of ['light', 'dark'] as const) {
  test(`panel screenshots in ${theme}: the list owns the width until asked, essential text never cut`, async ({ context, emulator, tabIdOf, openExtensionPage }, testInfo) => {
    test.setTimeout(240_000);
    const page = await expiryAndCaptchaStory(context, emulator);
    const tabId = await tabIdOf(page);
    const panel = await openExtensionPage(`src/panel/index.html?tabId=${tabId}&theme=${theme}`);
    await expect(panel.locator('[data-testid="finding-group"][data-code="silent-anonymous"]')).toHaveCount(1, { timeout: 20_000 });
    await expect(panel.locator('[data-testid="login-reason"]', { hasText: 'AUTHENTICATION_DENIED' }).first()).toBeAttached();
    const split = panel.getByTestId('split');
    const detail = panel.getByTestId('request-detail');
    for (const shape of SHAPES) {
      const at = `${shape.name} ${theme}`;
      await panel.setViewportSize({ width: shape.width, height: shape.height });
      // Nothing selected: no side pane, the list keeps (nearly) the whole width.
      await expect(split).toHaveAttribute('data-side', 'none');
      await expect(panel.locator('[data-testid="finding-group"]').first()).toBeHidden();
      expect(await listShare(panel), `list share at ${at}`).toBeGreaterThanOrEqual(0.9);
      await panel.screenshot({ path: testInfo.outputPath(`screens-${shape.name}-${theme}.png`) });
      for (const id of ['status', 'user', 'login-reason'] as const) {
        await expect(panel.getByTestId(id).first(), `${id} visible at ${at}`).toBeVisible();
      }
      expect(await cutAtAll(panel, WHOLE), `status or user cut at ${at}`).toEqual([]);
      expect(await cutWithoutTooltip(panel, ESSENTIAL), `cut text at ${at}`).toEqual([]);

      // The findings toggle opens the findings pane; pressed again, the width is back.
      const toggle = panel.getByTestId('findings-toggle');
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      await expect(split).toHaveAttribute('data-side', shape.side);
      await expect(panel.locator('[data-testid="finding-group"][data-code="silent-anonymous"]')).toBeVisible();
      await panel.screenshot({ path: testInfo.outputPath(`screens-${shape.name}-${theme}-findings.png`) });
      expect(await cutWithoutTooltip(panel, ESSENTIAL), `cut text with the findings at ${at}`).toEqual([]);
      await toggle.click();
      await expect(split).toHaveAttribute('data-side', 'none');

      // A selected row opens its detail; Esc closes it and the list has the width again.
      const row = panel.locator('[data-testid="request-row"][aria-rowindex="2"]');
      await row.click();
      await expect(detail).toBeVisible();
      await expect(split).toHaveAttribute('data-side', shape.side);
      const [list, side] = [(await panel.locator('.list').boundingBox())!, (await panel.locator('aside.side').boundingBox())!];
      if (shape.side === 'beside') expect(side.x, `detail beside the list at ${at}`).toBeGreaterThanOrEqual(list.x + list.width - 1);
      else expect(side.y, `detail below the list at ${at}`).toBeGreaterThanOrEqual(list.y + list.height - 1);
      await panel.screenshot({ path: testInfo.outputPath(`screens-${shape.name}-${theme}-selected.png`) });
      expect(await cutAtAll(panel, WHOLE), `status or user cut with the detail at ${at}`).toEqual([]);
      await panel.keyboard.press('Escape');
      await expect(detail).toBeHidden();
      await expect(split).toHaveAttribute('data-side', 'none');
      expect(await listShare(panel), `list share after Esc at ${at}`).toBeGreaterThanOrEqual(0.9);
    }
    // The help (?) over the panel, docked right: it fits the width.
    await panel.setViewportSize({ width: 500, height: 800 });
    await panel.getByTestId('help-button').click();
    const help = (await panel.getByTestId('help').boundingBox())!;
    expect(help.x).toBeGreaterThanOrEqual(0);
    expect(help.x + help.width).toBeLessThanOrEqual(500);
    await panel.screenshot({ path: testInfo.outputPath(`screens-help-${theme}.png`) });
    await panel.keyboard.press('Escape');
    await expect(panel.getByTestId('help')).toBeHidden();
  });
}
