import { describe, expect, it } from 'vitest';
import { CAPTCHA_WARNING, DEFAULT_MAX_PER_MINUTE, ReplayLimiter } from './limiter';

function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms), set: (ms: number) => (t = ms) };
}

describe('ReplayLimiter', () => {
  it('enforces the minimum spacing and says how long to wait', () => {
    const clock = fakeClock();
    const limiter = new ReplayLimiter({ now: clock.now, maxPerMinute: 5, minSpacingMs: 1000 });
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.check()).toEqual({ allowed: false, reason: 'spacing', waitMs: 1000 });
    clock.advance(400);
    expect(limiter.take()).toEqual({ allowed: false, reason: 'spacing', waitMs: 600 });
    clock.advance(600);
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.remaining()).toBe(3);
  });

  it('at most N per rolling minute; the oldest leaving the window frees a slot', () => {
    const clock = fakeClock();
    const limiter = new ReplayLimiter({ now: clock.now, maxPerMinute: 3, minSpacingMs: 0 });
    for (const step of [0, 10_000, 10_000]) {
      clock.advance(step);
      expect(limiter.take()).toEqual({ allowed: true });
    }
    expect(limiter.remaining()).toBe(0);
    clock.advance(5_000); // 25 s after the first
    expect(limiter.take()).toEqual({ allowed: false, reason: 'per-minute', waitMs: 35_000 });
    clock.advance(34_999);
    expect(limiter.check()).toEqual({ allowed: false, reason: 'per-minute', waitMs: 1 });
    clock.advance(1);
    expect(limiter.take()).toEqual({ allowed: true });
    expect(limiter.check()).toEqual({ allowed: false, reason: 'per-minute', waitMs: 10_000 });
  });

  it('record() counts a replay sent without asking; check() records nothing', () => {
    const clock = fakeClock();
    const limiter = new ReplayLimiter({ now: clock.now, maxPerMinute: 2, minSpacingMs: 0 });
    expect(limiter.check()).toEqual({ allowed: true });
    expect(limiter.check()).toEqual({ allowed: true });
    limiter.record();
    limiter.record();
    expect(limiter.check()).toMatchObject({ allowed: false, reason: 'per-minute' });
  });

  it('a clock going backwards does not reopen the window', () => {
    const clock = fakeClock();
    const limiter = new ReplayLimiter({ now: clock.now, maxPerMinute: 1, minSpacingMs: 500 });
    limiter.take();
    clock.advance(-30_000);
    expect(limiter.check()).toEqual({ allowed: false, reason: 'per-minute', waitMs: 60_000 });
  });

  it('defaults: 20 a minute, a full matrix (12 cells) fits', () => {
    const clock = fakeClock();
    const limiter = new ReplayLimiter({ now: clock.now });
    expect(limiter.maxPerMinute).toBe(DEFAULT_MAX_PER_MINUTE);
    expect(DEFAULT_MAX_PER_MINUTE).toBe(20);
    let sent = 0;
    for (let i = 0; i < 200 && sent < 12; i++) {
      const d = limiter.take();
      if (d.allowed) sent++;
      else clock.advance(d.waitMs);
    }
    expect(sent).toBe(12);
    expect(limiter.remaining()).toBe(8);
  });

  it('the CAPTCHA warning names the mechanism', () => {
    expect(CAPTCHA_WARNING).toContain('CAPTCHA');
    expect(CAPTCHA_WARNING).toContain('AUTHENTICATION_DENIED');
  });
});
