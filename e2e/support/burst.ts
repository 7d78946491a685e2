/**
 * A burst of fetches from a page of the emulator, for the "no record lost when the worker dies" specs
 * (Chromium and Firefox): the page fires `perTick` fetches every `tickMs`, whatever the answers, until told
 * to stop, and keeps for each the X-AREQUESTID it received and when it sent and received it (performance.now).
 *
 * Order: the page knows a partial order only. When a response reached the page before another request was
 * sent, the extension saw the first response's headers before the second request existed, so its log must
 * list them in that order. Concurrent requests may be logged either way. `checkLog` checks exactly that, plus
 * each id once and no id the page did not receive.
 */

/** One request of the burst as the page saw it. */
export interface BurstCall {
  id: string | null;
  sent: number;
  received: number;
}

/**
 * Script for page.evaluate (a string, so no bundler helper leaks into the page): starts the burst;
 * `window.__burst` holds `{ calls, done, stop, finished }`. Set `stop` and await `finished` to end it.
 */
export function burstScript(path: string, perTick: number, tickMs: number): string {
  return `(() => {
    const calls = [];
    const state = { calls, done: 0, stop: false, finished: null };
    const inFlight = [];
    let i = 0;
    state.finished = (async () => {
      while (!state.stop) {
        for (let k = 0; k < ${perTick}; k++) {
          const call = { id: null, sent: performance.now(), received: 0 };
          calls.push(call);
          inFlight.push(fetch(${JSON.stringify(path)} + (${JSON.stringify(path)}.includes('?') ? '&' : '?') + 'burst=' + i++, { cache: 'no-store' })
            .then(async (r) => { call.received = performance.now(); call.id = r.headers.get('x-arequestid'); await r.text(); state.done++; })
            .catch(() => { state.done++; }));
        }
        await new Promise((r) => setTimeout(r, ${tickMs}));
      }
      await Promise.all(inFlight);
    })();
    window.__burst = state;
  })()`;
}

/** What to compare: every id the page received, the log's ids (in log order), and the rate. */
export interface BurstReport {
  received: number;
  missing: string[];
  duplicated: string[];
  unexpected: string[];
  /** Pairs the log lists against the page's order: [logged first, but its response came after this one was sent]. */
  outOfOrder: [string, string][];
  /** Requests per second over the burst, first send to last answer. */
  rate: number;
}

export function checkLog(calls: BurstCall[], logged: string[]): BurstReport {
  const answered = calls.filter((c): c is BurstCall & { id: string } => c.id !== null);
  const byId = new Map(answered.map((c) => [c.id, c]));
  const counts = new Map<string, number>();
  for (const id of logged) counts.set(id, (counts.get(id) ?? 0) + 1);
  const missing = answered.filter((c) => !counts.has(c.id)).map((c) => c.id);
  const duplicated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  const unexpected = logged.filter((id) => !byId.has(id));
  // Walk the log backwards keeping the earliest answer among the entries logged later: an entry whose request
  // was sent after that answer arrived is logged too early.
  const outOfOrder: [string, string][] = [];
  let earliestLater: { received: number; id: string } | null = null;
  for (let k = logged.length - 1; k >= 0; k--) {
    const call = byId.get(logged[k]!);
    if (!call) continue;
    if (earliestLater && earliestLater.received < call.sent) outOfOrder.push([call.id, earliestLater.id]);
    if (!earliestLater || call.received < earliestLater.received) earliestLater = { received: call.received, id: call.id };
  }
  const first = Math.min(...answered.map((c) => c.sent));
  const last = Math.max(...answered.map((c) => c.received));
  return { received: answered.length, missing, duplicated, unexpected, outOfOrder, rate: Math.round((answered.length / (last - first)) * 1000) };
}
