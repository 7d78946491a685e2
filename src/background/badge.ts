/**
 * Toolbar badge per tab. For now: the number of 401s seen in the tab (the full status badge builds on
 * the engine later). Chrome clears a tab's badge when a navigation commits, which can be after a 401
 * was recorded, so `refresh` re-applies it from stored state when the tab finishes loading.
 */
import { browser } from '../platform/browser';
import type { TabSummary } from '../shared/protocol';

export async function showSummary(summary: TabSummary): Promise<void> {
  const text = summary.unauthorized > 0 ? String(summary.unauthorized) : '';
  try {
    await browser.action.setBadgeBackgroundColor({ tabId: summary.tabId, color: '#c9372c' });
    await browser.action.setBadgeText({ tabId: summary.tabId, text });
    await browser.action.setTitle({
      tabId: summary.tabId,
      title: summary.unauthorized > 0 ? `Seraph Lens: ${summary.unauthorized} × 401 in this tab` : 'Seraph Lens',
    });
  } catch {
    // The tab closed between the response and the badge update: nothing to show.
  }
}
