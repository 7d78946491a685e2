/**
 * Runs a replay plan (engine/replay/plan.ts) with fetch(). The extension's host permission lets it send
 * the browser's cookies (`credentials: 'include'`) and read the answer's headers; the request has no tab,
 * so the capture does not log it. Bodies are read up to a cap: a replay is for the status, the headers and
 * a search total, not for downloading.
 *
 * Redirects are never followed (`redirect: 'manual'`, whatever the plan says): with the browser's cookies a
 * redirect to another origin would carry that origin's cookies, with typed credentials the Authorization
 * header. fetch() hides a manual redirect's status and headers (an "opaqueredirect" response), so while the
 * request runs a webRequest listener for the extension's own request to that URL reads them, Location included.
 */
import type { ReplayPlan } from '../engine/replay/plan';
import type { ReplayResponse } from '../engine/replay/outcome';
import type { Header } from '../engine/types';
import { browser } from './browser';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function runReplay(plan: ReplayPlan): Promise<ReplayResponse> {
  const seen = watchAnswer(plan.url);
  try {
    const res = await fetch(plan.url, {
      method: plan.method,
      headers: plan.headers.map((h) => [h.name, h.value] as [string, string]),
      credentials: plan.credentials,
      redirect: 'manual',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
    });
    if (res.type === 'opaqueredirect') {
      // The listener's event and fetch's answer travel separately: give the event a moment to arrive.
      for (let i = 0; i < 50 && seen.answer() === null; i++) await new Promise((r) => setTimeout(r, 20));
      const answer = seen.answer();
      const location = answer?.headers.find((h) => h.name.toLowerCase() === 'location')?.value;
      let resolved: string | undefined;
      try {
        resolved = location === undefined ? undefined : new URL(location, plan.url).href;
      } catch {
        resolved = location;
      }
      return { status: answer?.status ?? 0, type: res.type, headers: answer?.headers ?? [], bodyText: null, ...(resolved !== undefined ? { location: resolved } : {}) };
    }
    const headers = [...res.headers].map(([name, value]) => ({ name, value }));
    const bodyText = plan.method === 'HEAD' ? null : await readCapped(res);
    return { status: res.status, type: res.type, headers, bodyText };
  } finally {
    seen.stop();
  }
}

/** The status and headers of the extension's next answer from `url`, as webRequest reports them (best effort). */
function watchAnswer(url: string): { answer(): { status: number; headers: Header[] } | null; stop(): void } {
  let answer: { status: number; headers: Header[] } | null = null;
  const api = (browser as Partial<typeof browser>).webRequest;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return { answer: () => null, stop: () => undefined };
  }
  // The extension's own request: from the worker it has no tab, from a panel opened as a tab it has that
  // tab, so it is told apart from the inspected page's requests by who started it (Chromium: initiator,
  // Firefox: originUrl), which is the extension.
  const self = browser.runtime.getURL('').replace(/\/$/, '');
  const listener = (d: { url: string; statusCode: number; initiator?: string; originUrl?: string; responseHeaders?: { name: string; value?: string }[] }) => {
    if (answer === null && d.url === url && (d.initiator ?? d.originUrl ?? '').startsWith(self)) answer = { status: d.statusCode, headers: (d.responseHeaders ?? []).map((h) => ({ name: h.name, value: h.value ?? '' })) };
  };
  try {
    api?.onHeadersReceived.addListener(listener as never, { urls: [`${origin}/*`] }, ['responseHeaders']);
  } catch {
    return { answer: () => null, stop: () => undefined };
  }
  return {
    answer: () => answer,
    stop: () => {
      try {
        api?.onHeadersReceived.removeListener(listener as never);
      } catch {
        // the page is going away
      }
    },
  };
}

async function readCapped(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > MAX_BODY_BYTES) {
      await reader.cancel();
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}
