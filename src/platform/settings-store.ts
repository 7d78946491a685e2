/** Settings in `storage.local` (src/shared/settings.ts validates them). Used by the worker and the options page. */
import { browser } from './browser';
import { SETTINGS_KEY, readSettings, type Settings } from '../shared/settings';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  return readSettings(got[SETTINGS_KEY]);
}

/** Stores valid settings; a full quota rejects with the browser's message (the caller shows it). */
export async function saveSettings(settings: Settings): Promise<Settings> {
  const valid = readSettings(settings);
  await browser.storage.local.set({ [SETTINGS_KEY]: valid });
  return valid;
}

/**
 * Listens to `storage.local` only: the global `storage.onChanged` would also deliver every write of the
 * capture log in `storage.session` (a copy of each chunk, per write) to this context.
 */
export function onSettingsChanged(listener: (settings: Settings) => void): void {
  browser.storage.local.onChanged.addListener((changes) => {
    if (SETTINGS_KEY in changes) listener(readSettings(changes[SETTINGS_KEY]!.newValue));
  });
}
