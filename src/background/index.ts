/**
 * Service worker (Chrome) / event page (Firefox) entry: wiring only. Every listener is registered
 * synchronously on start, so a worker woken by an event after a restart handles that event.
 */
import { browser } from '../platform/browser';
import { loadSettings, onSettingsChanged } from '../platform/settings-store';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { STATUS_KEY_PREFIX } from '../shared/protocol';
import { LogStore } from './log-store';
import { PanelServer } from './panel-server';
import { startCapture } from './capture';
import { TabStatusTracker } from './tab-status';
import { Badges } from './badge';
import { runReplay } from '../platform/replay-fetch';
import { whoAmI } from '../platform/probe';
import { CapturePauses } from './capture-pause';

let settings: Settings = { ...DEFAULT_SETTINGS };

// The record toggle: read from storage.session at once, so a restarted worker knows which tabs are paused.
const pauses = new CapturePauses(browser.storage.session, (tabId, pause) => {
  server.paused(tabId, pause);
  badges.schedule(tabId);
});
async function pauseOf(tabId: number) {
  await pauses.ready;
  return pauses.state(tabId);
}

const store: LogStore = new LogStore(browser.storage.session, {
  maxPerTab: settings.maxPerTab,
  onAppended(tabId, exchanges, summary) {
    server.broadcast(tabId, exchanges, summary);
    void tracker.append(tabId, exchanges).then(() => badges.schedule(tabId));
  },
  onCleared(tabId, summary) {
    server.cleared(tabId, summary);
  },
  onReordered(tabId) {
    // Late records of a stopped worker were merged into the log: panels and the tab's state start from it again.
    tracker.forget(tabId);
    void server.resend(tabId).then(() => badges.schedule(tabId));
  },
});
const tracker = new TabStatusTracker({
  readLog: async (tabId) => (await store.read(tabId)).exchanges,
  analyzerOptions: () => ({ extraAtlassianOrigins: settings.sites }),
  retention: () => settings.maxPerTab,
});
const badges = new Badges(
  (tabId, now) => tracker.statuses(tabId, now),
  (tabId) => store.summary(tabId),
  pauseOf,
);
const server = new PanelServer(store, {
  statuses: (tabId, now) => tracker.statuses(tabId, now),
  async clearAll() {
    const tabs = await store.clearAll();
    const stored = Object.keys(await browser.storage.session.get(null)).filter((k) => k.startsWith(STATUS_KEY_PREFIX));
    await browser.storage.session.remove(stored);
    for (const tabId of tracker.known()) void badges.refresh(tabId);
    tracker.forgetAll();
    return tabs;
  },
  replayWithCookies: runReplay,
  whoAmI,
  pauseState: pauseOf,
  setPaused: (tabId, paused) => pauses.set(tabId, paused),
});

startCapture(store, {
  pauses,
  onNavigation(tabId, at) {
    if (settings.keepAcrossNavigation) return;
    void store.clear(tabId, at);
    tracker.forget(tabId);
  },
});

function applySettings(next: Settings): void {
  const sitesChanged = next.sites.join() !== settings.sites.join();
  settings = next;
  store.setMaxPerTab(next.maxPerTab);
  if (sitesChanged) {
    const tabs = tracker.known();
    tracker.forgetAll();
    for (const tabId of tabs) void badges.refresh(tabId);
  }
}
void loadSettings().then(applySettings, () => undefined);
onSettingsChanged(applySettings);

browser.runtime.onConnect.addListener((port) => server.onConnect(port));
browser.runtime.onMessage.addListener((msg: unknown) => server.handleRequest(msg));
browser.alarms.onAlarm.addListener((alarm) => void badges.onAlarm(alarm.name));

browser.tabs.onRemoved.addListener((tabId) => {
  void store.clear(tabId);
  tracker.forget(tabId);
  badges.forget(tabId);
  pauses.forget(tabId);
});
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'complete') void badges.refresh(tabId);
});
