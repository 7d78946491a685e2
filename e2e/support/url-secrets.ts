/**
 * Secrets that travel in URLs (issue 16: the live Firefox build once stored `oauth_verifier` and `session=`
 * values from a URL in storage.session): each planted value goes to the emulator in a query parameter whose
 * name makes it secret, and the specs then search everything the extension stored for it.
 * Each value is unique and unlike anything else the emulator sends, so a hit means it was kept.
 */

/** Parameter name → planted value. */
export const URL_SECRETS: Record<string, string> = {
  oauth_verifier: 'OvPlanted4q7Zt',
  session: 'SessPlanted9w3Xk',
  PHPSESSID: 'PhpPlanted2m8Rv',
  sid: 'SidPlanted6n1Jd',
  key: 'KeyPlanted5b2Qy',
  pat: 'PatPlanted3c9Hs',
  RelayState: 'RelayPlanted8d4Lm',
};
/** Sent as the user part of a URL (`https://TOKEN@host/`): the browser strips it from what it sends. */
export const USERINFO_TOKEN = 'UserinfoPlanted7e5Gx';

/** Paths of the emulator, each carrying one or more planted values (also one with all of them). */
export function urlSecretPaths(): string[] {
  const one = Object.entries(URL_SECRETS).map(([name, value], i) => `/rest/api/2/serverInfo?leak=${i}&${name}=${value}`);
  const all = `/plugins/servlet/oauth/authorize?${Object.entries(URL_SECRETS).map(([n, v]) => `${n}=${v}`).join('&')}`;
  return [...one, all];
}

/** Script for page.evaluate (a string: no bundler helper leaks into the page): fetches every path once. */
export function fetchAllScript(paths: string[]): string {
  return `Promise.all(${JSON.stringify(paths)}.map((p) => fetch(p, { cache: 'no-store' }).then((r) => r.status, () => 0)))`;
}

/** Where a planted value (as itself or URL-encoded) occurs in `text`: one line per hit. */
export function plantedHits(where: string, text: string): string[] {
  const values = [...Object.values(URL_SECRETS), USERINFO_TOKEN];
  return values.filter((v) => text.includes(v) || text.includes(encodeURIComponent(v))).map((v) => `${where}: ${v}`);
}

/** The URLs a stored log holds whose query names each planted parameter (to prove the requests were logged). */
export function loggedNames(urls: string[]): string[] {
  return Object.keys(URL_SECRETS).filter((name) => urls.some((u) => new RegExp(`[?&]${name}=`).test(u)));
}
