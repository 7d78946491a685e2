/**
 * The one door to the WebExtension APIs. Everything under src/background, src/devtools and the page
 * entry points (never components, never src/engine) goes through here.
 *
 * webextension-polyfill gives Chrome the promise-based `browser.*` namespace Firefox already has.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, WebRequest, Tabs } from 'webextension-polyfill';

export const TARGET: 'chrome' | 'firefox' = __SERAPH_TARGET__;

/**
 * Chrome hides `Cookie` and `Set-Cookie` from webRequest listeners unless they ask for `extraHeaders`
 * (Chrome 72+); Firefox shows them anyway and rejects the unknown option.
 * https://developer.chrome.com/docs/extensions/reference/api/webRequest#life_cycle_of_requests
 */
export function extraInfoSpec<T extends string>(base: T[]): T[] {
  return TARGET === 'chrome' ? [...base, 'extraHeaders' as T] : base;
}
