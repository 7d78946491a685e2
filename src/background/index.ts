/**
 * Service worker (Chrome) / event page (Firefox) entry: wiring only. Every listener is registered
 * synchronously on start, so a worker woken by an event after a restart handles that event.
 */
import { browser } from '../platform/browser';
import { LogStore } from './log-store';
import { PanelServer } from './panel-server';
import { startCapture } from './capture';
import { showSummary } from './badge';

const MAX_PER_TAB = 5000;

const store: LogStore = new LogStore(browser.storage.session, {
  maxPerTab: MAX_PER_TAB,
  onAppended(tabId, exchanges, summary) {
    server.broadcast(tabId, exchanges, summary);
    void showSummary(summary);
  },
});
const server = new PanelServer(store);

startCapture(store);

browser.runtime.onConnect.addListener((port) => server.onConnect(port));
browser.runtime.onMessage.addListener((msg: unknown) => server.handleRequest(msg));

browser.tabs.onRemoved.addListener((tabId) => void store.clear(tabId));
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'complete') void store.summary(tabId).then(showSummary);
});
