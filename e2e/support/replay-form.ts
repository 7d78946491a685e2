/** The panel's replay form, as the replay specs reach it: the row's context menu → Replay…. */
import type { Page } from '@playwright/test';

/** Turns off the auth-only filter and opens the replay form of the row whose path is `path`. */
export async function replayFormFor(panel: Page, path: string) {
  await panel.getByTestId('filter-auth-only').uncheck();
  const row = panel.getByTestId('request-row').filter({ has: panel.getByTestId('url').getByText(path, { exact: true }) }).first();
  await row.click({ button: 'right' });
  await panel.getByTestId('menu-replay').click();
  return panel.getByTestId('replay');
}

/** A row of the replay matrix by its label ("os_authType=basic · typed credentials"). */
export const resultRow = (panel: Page, label: string) => panel.locator(`[data-testid="replay-row"][data-label="${label}"]`);
