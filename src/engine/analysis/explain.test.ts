import { describe, expect, it } from 'vitest';
import { countdown, explainLoginReason, sessionState } from './explain';

describe('explain', () => {
  it('login reasons', () => {
    expect(explainLoginReason('authentication_denied').meaning).toContain('CAPTCHA');
    expect(explainLoginReason('WEIRD').meaning).toContain('Unknown');
  });
  it('session states, strongest signal first', () => {
    const now = 1_000_000;
    const s = { clearedEntry: null, anonymousEntry: null, expires: null };
    expect(sessionState(s, now)).toBe('browser-session');
    expect(sessionState({ ...s, expires: now + 600_000 }, now)).toBe('active');
    expect(sessionState({ ...s, expires: now + 299_000 }, now)).toBe('expiring');
    expect(sessionState({ ...s, expires: now }, now)).toBe('expired');
    expect(sessionState({ ...s, expires: now + 600_000, anonymousEntry: 3 }, now)).toBe('anonymous');
    expect(sessionState({ ...s, anonymousEntry: 3, clearedEntry: 4 }, now)).toBe('cleared');
  });
  it('countdown', () => {
    expect(countdown(65_000, 0)).toBe('1:05');
    expect(countdown(3_723_000, 0)).toBe('1:02:03');
    expect(countdown(0, 0)).toBeNull();
  });
});
