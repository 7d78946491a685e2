/**
 * The pages' typed client of the background worker (src/shared/protocol.ts). UI components never see
 * `browser.*`: they get data from these functions through their entry module.
 */
import { browser, type Runtime } from './browser';
import {
  PORT_NAME,
  PROTOCOL_VERSION,
  isWorkerToPanel,
  type PanelToWorker,
  type RequestMap,
  type RequestType,
  type WorkerToPanel,
} from '../shared/protocol';

export async function request<K extends RequestType>(
  kind: K,
  body: RequestMap[K]['request'],
): Promise<RequestMap[K]['response']> {
  return (await browser.runtime.sendMessage({ kind, body })) as RequestMap[K]['response'];
}

export interface TabFeed {
  clear(): void;
  close(): void;
}

/**
 * Subscribes to a tab's capture log: a snapshot first, then appends. When the service worker stops,
 * the port disconnects; the feed reconnects and the fresh snapshot replaces the old state, so a
 * restart loses nothing on screen either.
 */
export function subscribeTab(tabId: number, onMessage: (msg: WorkerToPanel) => void): TabFeed {
  let port: Runtime.Port | null = null;
  let closed = false;

  const connect = () => {
    if (closed) return;
    port = browser.runtime.connect({ name: PORT_NAME });
    port.onMessage.addListener((msg: unknown) => {
      if (isWorkerToPanel(msg) && msg.tabId === tabId) onMessage(msg);
    });
    port.onDisconnect.addListener(() => {
      port = null;
      setTimeout(connect, 100);
    });
    post({ type: 'subscribe', version: PROTOCOL_VERSION, tabId });
  };
  const post = (msg: PanelToWorker) => port?.postMessage(msg);

  connect();
  return {
    clear: () => post({ type: 'clear', tabId }),
    close: () => {
      closed = true;
      port?.disconnect();
    },
  };
}

/** The tab a page is about: `?tabId=N` (tests, popup-opened pages) or the inspected tab in DevTools. */
export function tabIdFromLocation(search: string): number | null {
  const fromQuery = new URLSearchParams(search).get('tabId');
  if (fromQuery !== null && /^\d+$/.test(fromQuery)) return Number(fromQuery);
  const inspected = (browser as { devtools?: { inspectedWindow?: { tabId?: number } } }).devtools?.inspectedWindow
    ?.tabId;
  return typeof inspected === 'number' ? inspected : null;
}

export async function activeTabId(): Promise<number | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** DevTools' theme ('default' or 'dark'), where the page runs inside DevTools; null elsewhere. */
export function devtoolsThemeName(): string | null {
  const panels = (browser as { devtools?: { panels?: { themeName?: string } } }).devtools?.panels;
  return typeof panels?.themeName === 'string' ? panels.themeName : null;
}
