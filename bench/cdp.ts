/**
 * Chromium driven over a bare DevTools pipe (--remote-debugging-pipe), for the benchmarks that time network
 * traffic. Playwright enables the Network domain on every page it sees and ships each request's events to
 * Node, which on this 2-core machine costs more than what is being measured (a 300-request page, 100,000
 * fetches). Here nothing is enabled on the measured pages: the harness only navigates, and reads globals the
 * benchmark pages set (bench-pages.ts) once they are done. Same binary and flags with or without the extension.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { CHROMIUM, DIST_CHROME } from '../e2e/support/paths';
import { QUIET_CHROMIUM_ARGS, extensionArgs } from '../e2e/support/launch';

type Handler = (params: Record<string, unknown>, sessionId?: string) => void;

export class CdpPipe {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; method: string }>();
  private readonly handlers = new Map<string, Set<Handler>>();
  private buffered: Buffer[] = [];

  constructor(
    private readonly input: Writable,
    output: Readable,
  ) {
    output.on('data', (chunk: Buffer) => this.receive(chunk));
    output.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error(`browser closed during ${p.method}`));
      this.pending.clear();
    });
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  on(event: string, handler: Handler): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  /** The next `event` (for `sessionId`, if given) that `match` accepts. */
  waitFor(event: string, match: (params: Record<string, unknown>) => boolean = () => true, sessionId?: string): Promise<Record<string, unknown>> {
    return new Promise((resolve) => {
      const off = this.on(event, (params, sid) => {
        if ((sessionId === undefined || sid === sessionId) && match(params)) {
          off();
          resolve(params);
        }
      });
    });
  }

  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.buffered.push(chunk.subarray(start, end));
      const text = Buffer.concat(this.buffered).toString('utf8');
      this.buffered = [];
      start = end + 1;
      this.dispatch(JSON.parse(text) as { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string });
    }
    if (start < chunk.length) this.buffered.push(chunk.subarray(start));
  }

  private dispatch(msg: { id?: number; result?: unknown; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string }): void {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    for (const h of this.handlers.get(msg.method ?? '') ?? []) h(msg.params ?? {}, msg.sessionId);
  }
}

export interface Tab {
  targetId: string;
  sessionId: string;
  /** Navigates and waits for the document's load event. */
  goto(url: string): Promise<void>;
  /** Evaluates an expression in the page (promises awaited), returning its value. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export interface RawBrowser {
  cdp: CdpPipe;
  /** Set when the extension has a worker. */
  extensionId: string | null;
  /** A CDP session on the extension's service worker (Runtime, HeapProfiler); null without the extension. */
  workerSession: string | null;
  /** Evaluates an expression in the extension's worker (promises awaited). */
  workerEval<T>(expression: string): Promise<T>;
  newTab(): Promise<Tab>;
  close(): Promise<void>;
}

/**
 * Chromium with one unpacked extension (Seraph Lens by default). `null` loads an empty extension (a
 * manifest, nothing else): the same browser with its extension system on, so a comparison measures what
 * Seraph Lens adds, not what any extension adds. The extension's worker, if its manifest names one, is
 * attached for workerEval.
 */
export async function launchRaw(extension: string | null = DIST_CHROME): Promise<RawBrowser> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'seraph-lens-bench-'));
  if (extension === null) {
    extension = path.join(dir, 'empty-extension');
    mkdirSync(extension);
    writeFileSync(path.join(extension, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'empty', version: '1.0' }));
  }
  const manifest = JSON.parse(readFileSync(path.join(extension, 'manifest.json'), 'utf8')) as { background?: { service_worker?: string } };
  const withWorker = Boolean(manifest.background?.service_worker);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    ...QUIET_CHROMIUM_ARGS,
    // Neither side may be throttled as a background page or timer.
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
    '--remote-debugging-pipe',
    `--user-data-dir=${path.join(dir, 'profile')}`,
    ...extensionArgs(extension),
    'about:blank',
  ];
  const proc: ChildProcess = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const cdp = new CdpPipe(proc.stdio[3] as Writable, proc.stdio[4] as Readable);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  let extensionId: string | null = null;
  let workerSession: string | null = null;
  if (withWorker) {
    const isOurWorker = (t: Record<string, unknown>) => t.type === 'service_worker' && String(t.url).startsWith('chrome-extension://');
    const created = cdp.waitFor('Target.targetCreated', (p) => isOurWorker(p.targetInfo as Record<string, unknown>));
    await cdp.send('Target.setDiscoverTargets', { discover: true });
    const { targetInfos } = await cdp.send<{ targetInfos: Record<string, unknown>[] }>('Target.getTargets');
    const worker = targetInfos.find(isOurWorker) ?? ((await withTimeout(created, 15_000, 'the extension worker did not start')).targetInfo as Record<string, unknown>);
    extensionId = new URL(String(worker.url)).host;
    ({ sessionId: workerSession } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: worker.targetId, flatten: true }));
  }

  const evaluate = async <T>(expression: string, sessionId: string): Promise<T> => {
    const r = await cdp.send<{ result: { value?: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      sessionId,
    );
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  };

  if (workerSession) {
    // Right after attaching, an evaluation may run before the worker's `chrome` bindings exist.
    const t0 = Date.now();
    while (!(await evaluate<boolean>(`typeof chrome === 'object' && !!chrome.runtime?.id`, workerSession).catch(() => false))) {
      if (Date.now() - t0 > 15_000) throw new Error('the extension worker never got its chrome.* bindings');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  return {
    cdp,
    extensionId,
    workerSession,
    workerEval: <T>(expression: string) => {
      if (!workerSession) throw new Error('no extension worker');
      return evaluate<T>(expression, workerSession);
    },
    async newTab(): Promise<Tab> {
      const { targetId } = await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId, flatten: true });
      await cdp.send('Page.enable', {}, sessionId);
      return {
        targetId,
        sessionId,
        async goto(url) {
          const loaded = cdp.waitFor('Page.loadEventFired', () => true, sessionId);
          const nav = await cdp.send<{ errorText?: string }>('Page.navigate', { url }, sessionId);
          if (nav.errorText) throw new Error(`navigation to ${url} failed: ${nav.errorText}`);
          await withTimeout(loaded, 120_000, `${url} did not load`);
        },
        evaluate: <T>(expression: string) => evaluate<T>(expression, sessionId),
        async close() {
          await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
        },
      };
    },
    async close() {
      await cdp.send('Browser.close').catch(() => undefined);
      await withTimeout(exited, 10_000, 'browser did not exit').catch(() => proc.kill('SIGKILL'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
