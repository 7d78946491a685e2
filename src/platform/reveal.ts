/**
 * The popup's request links (issue #26). An extension cannot open DevTools, so the popup leaves the wish in
 * storage.session (shared by the extension's pages) and the tab's panel selects the request: at once when it
 * is open, or when it opens. The wish is taken once, and lapses after REVEAL_FRESH_MS.
 */
import { browser } from './browser';
import { freshReveal, revealKey } from '../shared/protocol';

export async function askToReveal(tabId: number, entry: number): Promise<void> {
  await browser.storage.session.set({ [revealKey(tabId)]: { entry, at: Date.now() } });
}

/** Calls `onReveal` with each request asked for this tab (one stored before the panel opened too); returns the stop. */
export function watchReveal(tabId: number, onReveal: (entry: number) => void): () => void {
  const key = revealKey(tabId);
  const take = (value: unknown) => {
    const wish = freshReveal(value, Date.now());
    if (!wish) return;
    void browser.storage.session.remove(key);
    onReveal(wish.entry);
  };
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && key in changes) take(changes[key]!.newValue);
  };
  browser.storage.onChanged.addListener(listener);
  void browser.storage.session.get(key).then((got) => take(got[key]));
  return () => browser.storage.onChanged.removeListener(listener);
}
