/**
 * The silent-anonymous story on each emulated product (Jira and Confluence, Data Center and Cloud), written once
 * for both browsers: sign in on the product's own login form, the server forgets the session, pages keep
 * "working" as anonymous content, and the product's REST API answers 401. Each browser's spec drives it through
 * a small `Browse` adapter (Playwright's page in Chromium, puppeteer's in Firefox) and checks the extension.
 */
import { expect, type Page } from '@playwright/test';
import type { Emulator, EmulatorOptions, Product } from '../emulator/server';

export const CLOUD_HOST = 'acme.atlassian.net';

export interface StoryProfile {
  /** For test titles: "Jira DC", "Confluence Cloud", … */
  title: string;
  product: Product;
  mode: 'server' | 'cloud';
  /** The login the product's form takes (Cloud: the account e-mail) and its password. */
  login: string;
  password: string;
  /** The name the page header shows once signed in, and the user the engine names (Cloud: the account id). */
  shownName: string;
  engineUser: string;
  /** Public pages an anonymous visitor may read: after the session died, they are served without a word. */
  anonymousPages: [string, string];
  /** The product's REST call that a page's script makes: 401 once the session is dead. */
  rest: string;
}

const CLOUD_ACCOUNT = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';

export const STORY_PROFILES: readonly StoryProfile[] = [
  {
    title: 'Jira DC',
    product: 'jira',
    mode: 'server',
    login: 'fred',
    password: 'fred',
    shownName: 'fred',
    engineUser: 'fred',
    anonymousPages: ['/issues/?jql=project%3DABC', '/browse/ABC-7'],
    rest: '/rest/api/2/search?jql=project%3DABC',
  },
  {
    title: 'Confluence DC',
    product: 'confluence',
    mode: 'server',
    login: 'fred',
    password: 'fred',
    shownName: 'fred',
    engineUser: 'fred',
    anonymousPages: ['/display/PUB/Welcome', '/display/PUB/FAQ'],
    rest: '/rest/api/content?limit=25',
  },
  {
    title: 'Jira Cloud',
    product: 'jira',
    mode: 'cloud',
    login: 'user@example.com',
    password: 'secret',
    shownName: 'user',
    engineUser: CLOUD_ACCOUNT,
    anonymousPages: ['/issues/?jql=project%3DABC', '/browse/ABC-7'],
    rest: '/rest/api/2/search?jql=project%3DABC',
  },
  {
    title: 'Confluence Cloud',
    product: 'confluence',
    mode: 'cloud',
    login: 'user@example.com',
    password: 'secret',
    shownName: 'user',
    engineUser: CLOUD_ACCOUNT,
    anonymousPages: ['/wiki/spaces/PUB/pages/65537/Welcome', '/wiki/spaces/PUB/pages/65538/FAQ'],
    rest: '/wiki/rest/api/content?limit=25',
  },
];

/** A Cloud token of an hour: long enough for any slow run, short enough that its countdown reads m:ss. */
export const CLOUD_SESSION_LIFETIME_SEC = 3600;

/** Emulator options for a profile; Cloud answers as https://acme.atlassian.net (the caller adds `tls`). */
export function storyEmulatorOptions(p: StoryProfile): EmulatorOptions {
  return p.mode === 'cloud'
    ? { product: p.product, mode: 'cloud', publicOrigin: `https://${CLOUD_HOST}`, sessionLifetimeSec: CLOUD_SESSION_LIFETIME_SEC }
    : { product: p.product, mode: 'server' };
}

/** What the story needs from a browser tab, whichever driver runs it. */
export interface Browse {
  goto(url: string): Promise<void>;
  /** Fills the login form at `url` and submits it; resolves on the page the login leads to. */
  submitLogin(url: string, login: string, password: string): Promise<void>;
  /** Text of the first `[data-testid=…]` of the current page, once it stops showing "…". */
  text(testId: string): Promise<string>;
  /** fetch from the page with its cookies, as the product's scripts do; the status. */
  fetchStatus(url: string): Promise<number>;
}

/** Signs in on the product's own form and waits until the home page's REST call has answered. */
export async function signInStory(b: Browse, emulator: Emulator, p: StoryProfile, origin: string): Promise<void> {
  await b.submitLogin(`${origin}${emulator.profile.loginPath}`, p.login, p.password);
  expect(await b.text('current-user')).toContain(`Signed in as ${p.shownName}`);
  // The home page's script asks REST for the same list; let it answer so the log is complete.
  const count = p.product === 'jira' ? 'issue-count' : 'rest-count';
  expect(await b.text(count)).toMatch(p.product === 'jira' ? /^200$/ : /^5$/);
}

/** The session dies on the server; two public pages still "work" (anonymous content); REST answers 401. */
export async function sessionDiesStory(b: Browse, emulator: Emulator, p: StoryProfile, origin: string): Promise<void> {
  emulator.expireAllSessions();
  for (const path of p.anonymousPages) {
    await b.goto(`${origin}${path}`);
    expect(await b.text('current-user')).toMatch(/^Anonymous/);
  }
  // Jira: 5 public issues instead of 200; Confluence: the public page still shows.
  if (p.product === 'jira') expect(await b.text('issue-count')).toBe('5');
  else expect(await b.text('page-title')).toBe('FAQ');
  expect(await b.fetchStatus(`${origin}${p.rest}`)).toBe(401);
}

/** The story steps in a Playwright page (Chromium); Firefox specs drive puppeteer (puppeteer-browse.ts). */
export function playwrightBrowse(page: Page): Browse {
  return {
    goto: async (url) => {
      await page.goto(url);
    },
    submitLogin: async (url, login, password) => {
      await page.goto(url);
      await page.fill('input[name="os_username"]', login);
      await page.fill('input[name="os_password"]', password);
      await Promise.all([page.waitForURL((u) => !/login\.(jsp|action)/.test(u.pathname)), page.click('[type="submit"]')]);
    },
    text: async (testId) => {
      const el = page.getByTestId(testId).first();
      await expect(el).not.toHaveText(/^…$/);
      return (await el.textContent())!.trim();
    },
    fetchStatus: (url) => page.evaluate(async (u) => (await fetch(u, { credentials: 'include' })).status, url),
  };
}
