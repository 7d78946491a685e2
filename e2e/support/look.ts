/**
 * What the look-and-feel specs share: a tab that lived through the story a user debugs (signed in, the session
 * expired on the server, pages served as anonymous, a REST call refused, three failed logins and the CAPTCHA),
 * and a check that essential text is never cut without a tooltip.
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import type { Emulator } from '../emulator/server';
import { signIn } from './jira';

export async function expiryAndCaptchaStory(context: BrowserContext, emulator: Emulator): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, emulator.url);
  emulator.expireAllSessions();
  for (const path of ['/issues/?jql=project%3DABC', '/browse/ABC-1', '/browse/ABC-2']) await page.goto(`${emulator.url}${path}`);
  expect(await page.evaluate(async () => (await fetch('/rest/api/2/search?jql=', { credentials: 'include' })).status)).toBe(401);
  // Three wrong passwords: the third answer and later ones carry AUTHENTICATION_DENIED (the CAPTCHA).
  const statuses = await page.evaluate(async () => {
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await fetch('/rest/auth/1/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'wrong' }),
        credentials: 'omit',
      });
      out.push(r.status);
    }
    return out;
  });
  expect(statuses.every((s) => s === 401 || s === 403)).toBe(true);
  return page;
}

export interface Truncation {
  testId: string;
  text: string;
  title: string | null;
}

/**
 * Elements marked essential (status, login reason, user, finding code) whose text is cut (scrollWidth beyond
 * clientWidth) and that have no title carrying the whole text: the user could not read them at all.
 */
export async function cutWithoutTooltip(page: Page, testIds: readonly string[]): Promise<Truncation[]> {
  return page.evaluate((ids) => {
    const out: { testId: string; text: string; title: string | null }[] = [];
    for (const id of ids) {
      for (const el of document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue; // not rendered (virtualised away, closed group)
        const cut = el.scrollWidth > el.clientWidth + 1;
        const title = el.getAttribute('title') ?? el.closest('[title]')?.getAttribute('title') ?? null;
        const text = (el.textContent ?? '').trim();
        if (cut && (!title || !title.includes(text))) out.push({ testId: id, text, title });
      }
    }
    return out;
  }, testIds);
}

/**
 * Elements that must be read whole, not in a tooltip (the status and the user of a row: what the list is
 * scanned for): those whose text is cut at all, with their text.
 */
export async function cutAtAll(page: Page, testIds: readonly string[]): Promise<Truncation[]> {
  return page.evaluate((ids) => {
    const out: { testId: string; text: string; title: string | null }[] = [];
    for (const id of ids) {
      for (const el of document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (el.scrollWidth > el.clientWidth + 1) out.push({ testId: id, text: (el.textContent ?? '').trim(), title: el.getAttribute('title') });
      }
    }
    return out;
  }, testIds);
}

/** The request list's share of the panel's width (0..1). */
export async function listShare(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('.list')!.getBoundingClientRect().width / document.documentElement.clientWidth);
}
