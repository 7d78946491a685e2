/**
 * While DevTools is open, `devtools.network` reports every request of the inspected tab, including hosts
 * the extension has no permission for (a self-hosted Jira not added yet), and the scripts, styles and
 * images the worker does not capture (shared/captured-types.ts). Those reach the panel from here; what the
 * worker already captured is skipped so nothing shows twice.
 */
import { browser } from './browser';
import { workerCapturesResourceType } from '../shared/captured-types';

interface DevtoolsNetwork {
  onRequestFinished: { addListener(cb: (entry: unknown) => void): void; removeListener(cb: (entry: unknown) => void): void };
}

export function devtoolsNetwork(): DevtoolsNetwork | null {
  const d = (browser as { devtools?: { network?: DevtoolsNetwork } }).devtools;
  return d?.network ?? null;
}

const covered = new Map<string, Promise<boolean>>();

/** Whether the background worker sees this origin (a host permission covers it). */
export function workerSeesOrigin(origin: string): Promise<boolean> {
  let known = covered.get(origin);
  if (!known) {
    known = browser.permissions.contains({ origins: [`${origin}/*`] }).catch(() => false);
    covered.set(origin, known);
  }
  return known;
}

/** Calls `onEntry` with HAR entries of origins the worker cannot see; returns the unsubscribe. */
export function watchUncoveredRequests(onEntry: (entry: unknown) => void): () => void {
  const network = devtoolsNetwork();
  if (!network) return () => undefined;
  const listener = (entry: unknown) => {
    const url = (entry as { request?: { url?: unknown } })?.request?.url;
    if (typeof url !== 'string' || !/^https?:/.test(url)) return;
    const captured = workerCapturesResourceType((entry as { _resourceType?: unknown })._resourceType);
    void workerSeesOrigin(new URL(url).origin).then((seen) => {
      if (!seen || !captured) onEntry(entry);
    });
  };
  network.onRequestFinished.addListener(listener);
  return () => network.onRequestFinished.removeListener(listener);
}
