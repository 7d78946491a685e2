/**
 * Optional host permissions for self-hosted sites. `request` must run in a page, inside the click that
 * asked for it (browsers refuse permission prompts without a user gesture), so the options page calls it
 * directly rather than through the worker.
 */
import { browser } from './browser';

export function requestHostPattern(pattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [pattern] });
}

export function hasHostPattern(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] });
}

/** Gives the permission back; false when the browser keeps it (a required host of the manifest). */
export async function removeHostPattern(pattern: string): Promise<boolean> {
  try {
    return await browser.permissions.remove({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The host patterns the manifest grants at install (Atlassian Cloud): watched without asking. */
export function defaultHostPatterns(): string[] {
  return [...(browser.runtime.getManifest().host_permissions ?? [])];
}
