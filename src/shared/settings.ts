/**
 * User settings (options page), kept in `storage.local` under one key. Pure: validation and defaults
 * only; reading and writing the storage area is src/platform/settings-store.ts.
 */
export interface Settings {
  /** Self-hosted Atlassian sites (Server / Data Center), as origins: `https://jira.corp.example:8443`. */
  sites: string[];
  /** Captured requests kept per tab (the oldest go first). */
  maxPerTab: number;
  /** Keep a tab's log when it navigates to another page (like the Network panel's "Preserve log"). */
  keepAcrossNavigation: boolean;
}

export const SETTINGS_KEY = 'settings';
export const MAX_PER_TAB_RANGE = { min: 100, max: 20_000 } as const;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  sites: [],
  maxPerTab: 5000,
  keepAcrossNavigation: true,
});

/** Whatever storage holds (older versions, hand edits), as valid settings. */
export function readSettings(stored: unknown): Settings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const sites = new Set<string>();
  for (const x of Array.isArray(s.sites) ? s.sites : []) {
    const site = typeof x === 'string' ? parseSiteInput(x) : null;
    if (site && 'origin' in site) sites.add(site.origin);
  }
  const max = typeof s.maxPerTab === 'number' && Number.isFinite(s.maxPerTab) ? Math.round(s.maxPerTab) : DEFAULT_SETTINGS.maxPerTab;
  return {
    sites: [...sites],
    maxPerTab: Math.min(MAX_PER_TAB_RANGE.max, Math.max(MAX_PER_TAB_RANGE.min, max)),
    keepAcrossNavigation: typeof s.keepAcrossNavigation === 'boolean' ? s.keepAcrossNavigation : DEFAULT_SETTINGS.keepAcrossNavigation,
  };
}

export interface Site {
  /** `scheme://host[:port]`, lower case, default port dropped. */
  origin: string;
  /**
   * The host-permission match pattern to ask for. Match patterns cannot name a port, so a site on
   * :8443 asks for its host on any port.
   */
  pattern: string;
}

/**
 * What a user types into "add a site": a URL (`https://jira.corp.example/secure/Dashboard.jspa`), an origin, or
 * a bare host name (`jira.corp.example`, read as https). Errors say what to type instead.
 */
export function parseSiteInput(text: string): Site | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: 'Type the address of your Jira or Confluence site.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { error: `"${trimmed}" is not a web address. Example: https://jira.example.com` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { error: 'Only http:// and https:// sites can be added.' };
  if (!url.hostname || url.hostname.includes('*')) return { error: 'Name one site; wildcards are not accepted.' };
  if (url.username || url.password) return { error: 'Leave the user name and password out of the address.' };
  return { origin: url.origin, pattern: `${url.protocol}//${url.hostname}/*` };
}
