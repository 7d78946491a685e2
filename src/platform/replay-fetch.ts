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
 *
 * With the browser's cookies, fetch() does not say which cookies went: another listener reads the names (never
 * a value) from the request headers webRequest shows, so the engine judges what the replay really sent. Where
 * the browser does not show them, `cookiesSent` stays absent and the panel says so.
 */
import type { ReplayPlan } from '../engine/replay/plan';
import type { ReplayResponse } from '../engine/replay/outcome';
import type { Header } from '../engine/types';
import { parseCookieHeader } from '../engine/ground/parse/cookie';
import { browser, extraInfoSpec } from './browser';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function runReplay(plan: ReplayPlan): Promise<ReplayResponse> {
  const seen = watchAnswer(plan.url);
  const cookies = plan.credentials === 'include' ? watchSentCookies(plan.url) : null;
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
      return { status: answer?.status ?? 0, type: res.type, headers: answer?.headers ?? [], bodyText: null, ...(resolved !== undefined ? { location: resolved } : {}), ...(await sentNames(cookies)) };
    }
    const headers = [...res.headers].map(([name, value]) => ({ name, value }));
    const bodyText = plan.method === 'HEAD' ? null : await readCapped(res);
    return { status: res.status, type: res.type, headers, bodyText, ...(await sentNames(cookies)) };
  } finally {
    seen.stop();
    cookies?.stop();
  }
}

async function sentNames(cookies: ReturnType<typeof watchSentCookies> | null): Promise<{ cookiesSent?: string[] }> {
  if (cookies === null) return {};
  // The event and fetch's answer travel separately: give a late event a moment (it fired before the answer).
  for (let i = 0; i < 10 && cookies.names() === null; i++) await new Promise((r) => setTimeout(r, 20));
  const names = cookies.names();
  return names === null ? {} : { cookiesSent: names };
}

/**
 * The match pattern of `url`'s host, any port: Firefox matches no request against a pattern with a port
 * (`http://127.0.0.1:8090/*`), where Chromium does. Throws for a URL that is not one (the callers catch).
 */
function hostPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/** Whether webRequest reports this request as the extension's own (Chromium: initiator, Firefox: originUrl). */
function isOwn(d: { url: string; initiator?: string; originUrl?: string }, url: string): boolean {
  const self = browser.runtime.getURL('').replace(/\/$/, '');
  return d.url === url && (d.initiator ?? d.originUrl ?? '').startsWith(self);
}

/**
 * Listens to one webRequest event for the extension's requests to `url`'s host; the returned function stops
 * listening. Null where the browser refuses the listener (best effort: the replay goes on without it).
 */
function listenOwn(event: 'onSendHeaders' | 'onHeadersReceived', url: string, extra: string[], listener: (d: never) => void): (() => void) | null {
  const api = (browser as Partial<typeof browser>).webRequest;
  try {
    api?.[event].addListener(listener as never, { urls: [hostPattern(url)] }, extra as never);
  } catch {
    return null;
  }
  return () => {
    try {
      api?.[event].removeListener(listener as never);
    } catch {
      // the page is going away
    }
  };
}

/**
 * The names of the cookies the browser put on the extension's next request to `url`; null until webRequest
 * showed its headers, and for good where it never does (no webRequest in this page, Cookie hidden).
 */
function watchSentCookies(url: string): { names(): string[] | null; stop(): void } {
  let names: string[] | null = null;
  const listener = (d: { url: string; initiator?: string; originUrl?: string; requestHeaders?: { name: string; value?: string }[] }) => {
    if (names !== null || !isOwn(d, url) || !d.requestHeaders) return;
    names = d.requestHeaders.filter((h) => h.name.toLowerCase() === 'cookie').flatMap((h) => parseCookieHeader(h.value ?? '').map((c) => c.name));
  };
  const stop = listenOwn('onSendHeaders', url, extraInfoSpec(['requestHeaders']), listener as (d: never) => void);
  return stop ? { names: () => names, stop } : { names: () => null, stop: () => undefined };
}

/** The status and headers of the extension's next answer from `url`, as webRequest reports them (best effort). */
function watchAnswer(url: string): { answer(): { status: number; headers: Header[] } | null; stop(): void } {
  let answer: { status: number; headers: Header[] } | null = null;
  // The extension's own request: from the worker it has no tab, from a panel opened as a tab it has that
  // tab, so it is told apart from the inspected page's requests by who started it (isOwn).
  const listener = (d: { url: string; statusCode: number; initiator?: string; originUrl?: string; responseHeaders?: { name: string; value?: string }[] }) => {
    if (answer === null && isOwn(d, url)) answer = { status: d.statusCode, headers: (d.responseHeaders ?? []).map((h) => ({ name: h.name, value: h.value ?? '' })) };
  };
  const stop = listenOwn('onHeadersReceived', url, ['responseHeaders'], listener as (d: never) => void);
  return stop ? { answer: () => answer, stop } : { answer: () => null, stop: () => undefined };
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
