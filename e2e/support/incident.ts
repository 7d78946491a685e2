import { FIT_MIN_SPAN_MS } from '../../src/panel/timeline/layout';

/**
 * Resolves once an incident begun at `startedAt` (Date.now()) lasts longer than the timeline fit's least span
 * (one second), with room for the time between the test's clock and the requests' own. A shorter incident is
 * centred in that second by design (layout.ts) and cannot fill the chart; on a fast machine a sign-in and two
 * pages take ~0.6 s, so the timeline specs that check the fill let this much time pass before their last page.
 */
export async function outlastFitMinSpan(startedAt: number): Promise<void> {
  const left = startedAt + FIT_MIN_SPAN_MS * 1.3 - Date.now();
  if (left > 0) await new Promise((r) => setTimeout(r, left));
}
