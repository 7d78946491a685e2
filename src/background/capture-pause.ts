/**
 * The record toggle's state per tab: paused tabs and how many of their responses went unrecorded.
 *
 * Kept in storage.session under one key, so a restarted worker (Chromium stops it when idle; Firefox
 * suspends its event page) still knows which tabs are paused. That read is asynchronous, so a worker woken
 * by a response does not know yet whether to keep it: capture.ts holds such responses in order until
 * `ready` resolves (a few milliseconds), then keeps or drops each.
 *
 * Each change is written in the task that made it (like the log's journal), so a worker stopped right after
 * a pause, or after dropping a response, has it stored. Pages hear of changes through `onChange`: at once for
 * a pause or a resume, coalesced for the counting while paused.
 */
import { RECORDING, type PauseState } from '../shared/protocol';
import type { KeyValueArea } from './log-store';

export const PAUSE_KEY = 'paused';
const COALESCE_MS = 200;

interface Paused {
  since: number;
  skipped: number;
}

export class CapturePauses {
  private readonly tabs = new Map<number, Paused>();
  private loaded = false;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Resolves once the stored state is read (or could not be: then nothing is paused). */
  readonly ready: Promise<void>;

  constructor(
    private readonly area: Pick<KeyValueArea, 'get' | 'set'>,
    private readonly onChange: (tabId: number, state: PauseState) => void,
  ) {
    this.ready = area
      .get(PAUSE_KEY)
      .then((got) => {
        for (const [tab, p] of Object.entries(isRecord(got[PAUSE_KEY]) ? got[PAUSE_KEY] : {})) {
          const tabId = Number(tab);
          // A pause set by this life before the read finished is newer than the stored one.
          if (Number.isInteger(tabId) && isPaused(p) && !this.tabs.has(tabId)) this.tabs.set(tabId, { since: p.since, skipped: p.skipped });
        }
      })
      .catch(() => undefined)
      .then(() => {
        this.loaded = true;
      });
  }

  /** Whether `paused()` can answer (the stored state was read). */
  get isReady(): boolean {
    return this.loaded;
  }

  paused(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  state(tabId: number): PauseState {
    const p = this.tabs.get(tabId);
    return p ? { paused: true, since: p.since, skipped: p.skipped } : { ...RECORDING };
  }

  /** Pause or resume; resolves with the new state once stored. Pausing a paused tab keeps its count. */
  async set(tabId: number, paused: boolean, now = Date.now()): Promise<PauseState> {
    await this.ready;
    if (paused === this.tabs.has(tabId)) return this.state(tabId);
    if (paused) this.tabs.set(tabId, { since: now, skipped: 0 });
    else this.tabs.delete(tabId);
    this.cancelNotice(tabId);
    await this.save();
    const state = this.state(tabId);
    this.onChange(tabId, state);
    return state;
  }

  /** A response of a paused tab was dropped. */
  skip(tabId: number): void {
    const p = this.tabs.get(tabId);
    if (!p) return;
    p.skipped++;
    void this.save();
    if (!this.timers.has(tabId)) {
      this.timers.set(tabId, setTimeout(() => {
        this.timers.delete(tabId);
        this.onChange(tabId, this.state(tabId));
      }, COALESCE_MS));
    }
  }

  /** The tab closed. */
  forget(tabId: number): void {
    this.cancelNotice(tabId);
    if (this.tabs.delete(tabId)) void this.save();
  }

  private cancelNotice(tabId: number): void {
    const t = this.timers.get(tabId);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(tabId);
  }

  private save(): Promise<void> {
    const stored: Record<string, Paused> = {};
    for (const [tabId, p] of this.tabs) stored[tabId] = { ...p };
    // Sent now, in this task; later writes carry the whole newer state, so their order is all that matters.
    return this.area.set({ [PAUSE_KEY]: stored }).catch(() => undefined);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isPaused(x: unknown): x is Paused {
  return isRecord(x) && typeof x.since === 'number' && typeof x.skipped === 'number' && x.skipped >= 0;
}
