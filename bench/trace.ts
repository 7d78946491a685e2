/**
 * Main-thread tasks from a Chrome trace (CDP Tracing): each task's wall time and its thread time (the CPU the
 * thread actually ran). On a loaded machine a task's wall time is mostly waiting for a core (a 17 ms task
 * took 350 ms of wall time at load average 36 on 2 cores), so the benchmark reports both: the wall time is what
 * a user would feel on that machine, the thread time what the panel's code costs.
 */
import type { CDPSession } from '@playwright/test';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export async function startTaskTrace(cdp: CDPSession): Promise<() => Promise<{ wall: number; thread: number }[]>> {
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] },
  } as never);
  return async () => {
    const complete = new Promise<{ stream: string }>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e as { stream: string })));
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    const parts: string[] = [];
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const events = (JSON.parse(parts.join('')) as { traceEvents: TraceEvent[] }).traceEvents;
    return mainThreadTasks(events);
  };
}

/** Tasks (ms) of the renderer main thread that was busiest: the page under test. */
function mainThreadTasks(events: TraceEvent[]): { wall: number; thread: number }[] {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(key));
  const busy = new Map<string, number>();
  for (const e of events) if (e.name === 'RunTask' && mains.has(key(e))) busy.set(key(e), (busy.get(key(e)) ?? 0) + (e.tdur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  return events.filter((e) => e.name === 'RunTask' && key(e) === main).map((e) => ({ wall: (e.dur ?? 0) / 1000, thread: (e.tdur ?? 0) / 1000 }));
}
