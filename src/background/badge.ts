/**
 * Applies the badge per tab (badge-look.ts decides what it shows). Updates are coalesced per tab, and
 * an alarm wakes the worker when a status changes by time alone (a session entering its last 5 minutes,
 * or expiring), so the badge is right even when the page is idle and the worker was asleep.
 *
 * Chrome resets a tab's badge when a navigation commits, which can be after its responses were seen,
 * so the worker refreshes again when the tab finishes loading. A tab whose page is not on a host the
 * extension may see (tab.url hidden) or not an Atlassian origin of the tab shows nothing.
 */
import { browser } from '../platform/browser';
import { nextStatusChange, type OriginStatus } from '../engine/analysis/status';
import { urlParts } from '../engine/ground/atlassian';
import { badgeLook, NO_BADGE, pausedLook, type BadgeLook } from './badge-look';
import { statusKey, type PauseState, type TabStatusReply, type TabSummary } from '../shared/protocol';

const ALARM_PREFIX = 'status/';
const COALESCE_MS = 150;

export class Badges {
  private readonly pending = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly statusesOf: (tabId: number, now: number) => Promise<OriginStatus[]>,
    private readonly summaryOf: (tabId: number) => Promise<TabSummary>,
    private readonly pauseOf: (tabId: number) => Promise<PauseState>,
  ) {}

  /** Refresh soon (several stored batches in a burst make one update). */
  schedule(tabId: number): void {
    if (this.pending.has(tabId)) return;
    this.pending.set(tabId, setTimeout(() => {
      this.pending.delete(tabId);
      void this.refresh(tabId);
    }, COALESCE_MS));
  }

  async refresh(tabId: number): Promise<void> {
    try {
      const now = Date.now();
      const statuses = await this.statusesOf(tabId, now);
      // The popup renders from this copy at once, then asks for a fresh one.
      const pause = await this.pauseOf(tabId);
      const reply: TabStatusReply = { tabId, statuses, summary: await this.summaryOf(tabId), now, pause };
      await browser.storage.session.set({ [statusKey(tabId)]: reply }).catch(() => undefined);
      const tab = await browser.tabs.get(tabId);
      const pageOrigin = tab.url ? (urlParts(tab.url)?.origin ?? null) : null;
      const onAtlassianPage = pageOrigin !== null && statuses.some((s) => s.origin === pageOrigin);
      // A paused tab says so on any page: the user chose it, and it explains a log that stopped growing.
      await apply(tabId, pause.paused ? pausedLook(pause, onAtlassianPage ? statuses : [], now, clock) : onAtlassianPage ? badgeLook(statuses, now, clock) : NO_BADGE);
      const next = onAtlassianPage ? nextStatusChange(statuses, now) : null;
      if (next !== null) browser.alarms.create(ALARM_PREFIX + tabId, { when: next + 1000 });
      else await browser.alarms.clear(ALARM_PREFIX + tabId);
    } catch {
      // The tab closed meanwhile: nothing to show.
    }
  }

  /** Handles the alarm set by `refresh`; false when the alarm is not one of ours. */
  onAlarm(name: string): boolean {
    if (!name.startsWith(ALARM_PREFIX)) return false;
    const tabId = Number(name.slice(ALARM_PREFIX.length));
    if (Number.isInteger(tabId)) void this.refresh(tabId);
    return true;
  }

  forget(tabId: number): void {
    void browser.alarms.clear(ALARM_PREFIX + tabId);
    void browser.storage.session.remove(statusKey(tabId));
  }
}

async function apply(tabId: number, look: BadgeLook): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ tabId, color: look.color });
  await browser.action.setBadgeText({ tabId, text: look.text });
  await browser.action.setTitle({ tabId, title: look.title });
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}
