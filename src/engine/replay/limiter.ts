/**
 * The matrix is a handful of requests, never a loop: at most `maxPerMinute` replays in any rolling minute
 * and at least `minSpacingMs` between two. No timers inside: the clock is injected and the caller waits
 * (setTimeout) for as long as `check()` says.
 */

export const DEFAULT_MAX_PER_MINUTE = 20;
export const DEFAULT_MIN_SPACING_MS = 250;
const MINUTE = 60_000;

/** Shown next to typed credentials and before a matrix that uses them. */
export const CAPTCHA_WARNING =
  'Each replay with typed Basic credentials is a login. After a few failed logins (3 by default on Server and Data Center) the server asks for a CAPTCHA and refuses every Basic login (X-Seraph-LoginReason: AUTHENTICATION_DENIED) until you sign in through the login page.';

export interface LimiterOptions {
  /** Epoch milliseconds now; `Date.now` by default, a fake clock in tests. */
  now?: () => number;
  maxPerMinute?: number;
  minSpacingMs?: number;
}

export type LimiterDecision =
  | { allowed: true }
  /**
   * `spacing`: wait `waitMs` for the minimum gap. `per-minute`: the limit is hit; the oldest replay of the
   * window leaves it in `waitMs`.
   */
  | { allowed: false; reason: 'spacing' | 'per-minute'; waitMs: number };

export class ReplayLimiter {
  private readonly now: () => number;
  readonly maxPerMinute: number;
  readonly minSpacingMs: number;
  /** Send times inside the current window, oldest first. */
  private sent: number[] = [];

  constructor(options: LimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxPerMinute = Math.max(1, Math.floor(options.maxPerMinute ?? DEFAULT_MAX_PER_MINUTE));
    this.minSpacingMs = Math.max(0, options.minSpacingMs ?? DEFAULT_MIN_SPACING_MS);
  }

  /** May a replay go now? If not, why and for how long to wait. Records nothing. */
  check(): LimiterDecision {
    const now = this.prune();
    if (this.sent.length >= this.maxPerMinute) return { allowed: false, reason: 'per-minute', waitMs: this.sent[0]! + MINUTE - now };
    const last = this.sent.at(-1);
    if (last !== undefined && now - last < this.minSpacingMs) return { allowed: false, reason: 'spacing', waitMs: last + this.minSpacingMs - now };
    return { allowed: true };
  }

  /** Records a replay sent now (call it when the request goes, whatever check() said). */
  record(): void {
    const now = this.prune();
    this.sent.push(Math.max(now, this.sent.at(-1) ?? now));
  }

  /** check(), and record() when allowed: the usual call before each replay. */
  take(): LimiterDecision {
    const decision = this.check();
    if (decision.allowed) this.record();
    return decision;
  }

  /** Replays still allowed in the current window (ignoring the spacing). */
  remaining(): number {
    this.prune();
    return Math.max(0, this.maxPerMinute - this.sent.length);
  }

  /** Drops send times older than a minute; returns now. A clock going backwards counts as standing still. */
  private prune(): number {
    const now = Math.max(this.now(), this.sent.at(-1) ?? -Infinity);
    let i = 0;
    while (i < this.sent.length && this.sent[i]! <= now - MINUTE) i++;
    if (i) this.sent = this.sent.slice(i);
    return now;
  }
}
