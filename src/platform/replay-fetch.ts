/**
 * Runs a replay plan (engine/replay/plan.ts) with fetch() from the extension page. The extension's host
 * permission lets it send the browser's cookies (`credentials: 'include'`) and read the answer's headers;
 * the request has no tab, so the capture does not log it. Bodies are read up to a cap: a replay is for
 * the status, the headers and a search total, not for downloading.
 */
import type { ReplayPlan } from '../engine/replay/plan';
import type { ReplayResponse } from '../engine/replay/outcome';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function runReplay(plan: ReplayPlan): Promise<ReplayResponse> {
  const res = await fetch(plan.url, {
    method: plan.method,
    headers: plan.headers.map((h) => [h.name, h.value] as [string, string]),
    credentials: plan.credentials,
    redirect: plan.redirect,
    cache: 'no-store',
    referrerPolicy: 'no-referrer',
  });
  const headers = [...res.headers].map(([name, value]) => ({ name, value }));
  const bodyText = res.type === 'opaqueredirect' || plan.method === 'HEAD' ? null : await readCapped(res);
  return { status: res.status, type: res.type, headers, bodyText };
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
