/** Options entry: settings from storage.local, host permissions from the browser, clearing through the worker. */
import { render } from 'preact';
import { loadSettings, onSettingsChanged, saveSettings } from '../platform/settings-store';
import { defaultHostPatterns, hasHostPattern, removeHostPattern, requestHostPattern } from '../platform/permissions';
import { request } from '../platform/messaging';
import { parseSiteInput, type Settings } from '../shared/settings';
import { Options, type OptionsActions, type SiteView } from './Options';

let settings: Settings;
const app = document.getElementById('app')!;

async function show(): Promise<void> {
  const sites: SiteView[] = await Promise.all(
    settings.sites.map(async (origin) => ({ origin, granted: await hasHostPattern(patternOf(origin)) })),
  );
  render(<Options settings={settings} sites={sites} defaultHosts={defaultHostPatterns()} actions={actions} />, app);
}

function patternOf(origin: string): string {
  const site = parseSiteInput(origin);
  return 'pattern' in site ? site.pattern : origin;
}

async function save(next: Settings): Promise<void> {
  settings = await saveSettings(next);
  await show();
}

async function ask(pattern: string): Promise<string | null> {
  try {
    return (await requestHostPattern(pattern)) ? null : 'The browser did not grant access, so the site is not watched.';
  } catch (err) {
    return `The browser refused: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const actions: OptionsActions = {
  addSite(input) {
    const site = parseSiteInput(input);
    if ('error' in site) return Promise.resolve(site.error);
    if (settings.sites.includes(site.origin)) return Promise.resolve(`${site.origin} is already in the list.`);
    // Called synchronously from the click: the permission prompt needs the user gesture.
    const granted = ask(site.pattern);
    return granted.then(async (err) => {
      if (err) return err;
      await save({ ...settings, sites: [...settings.sites, site.origin] });
      return null;
    });
  },
  async removeSite(origin) {
    const rest = settings.sites.filter((s) => s !== origin);
    // Another site on the same host (another port) still needs the permission.
    if (!rest.some((s) => patternOf(s) === patternOf(origin))) await removeHostPattern(patternOf(origin));
    await save({ ...settings, sites: rest });
  },
  async grant(origin) {
    const err = await ask(patternOf(origin));
    await show();
    return err;
  },
  setRetention: (maxPerTab) => save({ ...settings, maxPerTab }),
  setKeepAcrossNavigation: (keep) => save({ ...settings, keepAcrossNavigation: keep }),
  clearAll: async () => (await request('clear-all', {})).tabs,
};

void loadSettings().then(async (s) => {
  settings = s;
  onSettingsChanged((next) => {
    settings = next;
    void show();
  });
  await show();
});
