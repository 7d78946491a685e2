/** Steps on the emulated Jira that several specs share. */
import { expect, type Page } from '@playwright/test';

/** The login form, as a person fills it; resolves on the dashboard. */
export async function signIn(page: Page, origin: string, user = 'fred', password = user): Promise<void> {
  await page.goto(`${origin}/login.jsp`);
  await page.fill('input[name="os_username"]', user);
  await page.fill('input[name="os_password"]', password);
  await Promise.all([page.waitForURL(/Dashboard\.jspa/), page.click('[type="submit"]')]);
  await expect(page.getByTestId('current-user')).toContainText(user);
}
