import { describe, expect, it } from 'vitest';
import { BADGE_STYLE, NO_BADGE, PAUSED_STYLE, badgeLook, pausedLook } from './badge-look';
import type { OriginStatus } from '../engine/analysis/status';

const status = (origin: string, kind: OriginStatus['kind'], expires: number | null = null): OriginStatus => ({
  origin, deployment: 'server', product: 'jira', kind, user: 'fred', groups: [], moreFindings: 0,
  session: { origin, cookie: 'JSESSIONID', user: 'fred', issuedEntry: 0, expires, tokenExpires: null, token: null, clearedEntry: null, lastSentEntry: 0, anonymousEntry: null, events: [] },
});
const clock = (t: number) => `T${t}`;

describe('badgeLook', () => {
  it('nothing for a tab without Atlassian origins', () => {
    expect(badgeLook([], 0, clock)).toEqual(NO_BADGE);
  });
  it('every state has its own text and colour', () => {
    const looks = Object.values(BADGE_STYLE);
    expect(new Set(looks.map((l) => l.text)).size).toBe(looks.length);
    expect(new Set(looks.map((l) => l.color)).size).toBe(looks.length);
  });
  it('the worst origin decides; the tooltip names each origin in words', () => {
    const look = badgeLook([status('https://a.example', 'signed-in'), status('https://b.example', 'captcha')], 0, clock);
    expect(look.text).toBe('CAPT');
    expect(look.color).toBe(BADGE_STYLE.captcha.color);
    expect(look.title).toBe('Seraph Lens\nSigned in to a.example as fred.\nCAPTCHA required on b.example: logins outside the login page are refused until you sign in there.');
  });
  it('an expiring session says when, by the clock', () => {
    const look = badgeLook([status('https://a.example', 'expiring', 120_000)], 0, clock);
    expect(look.text).toBe('<5m');
    expect(look.title).toBe('Seraph Lens\nThe session of fred on a.example expires in 2:00 (at T120000).');
  });
  it('a Cloud session whose cookie never expires counts down to its token\'s exp', () => {
    const s = status('https://acme.atlassian.net', 'expiring');
    s.session = { ...s.session!, tokenExpires: 90_000, token: { accountId: 'fred', email: 'fred@example.com', issuedAt: 0, refreshAt: 600_000, expires: 90_000 } };
    const look = badgeLook([s], 0, clock);
    expect(look.text).toBe('<5m');
    expect(look.title).toBe('Seraph Lens\nThe session of fred@example.com (fred) on acme.atlassian.net expires in 1:30 (at T90000).');
  });
});

describe('pausedLook', () => {
  const pause = (skipped: number) => ({ paused: true, since: 0, skipped });
  it('has its own text and colour, unlike every auth state', () => {
    const look = pausedLook(pause(0), [], 0, clock);
    expect(look.text).toBe(PAUSED_STYLE.text);
    expect(look.color).toBe(PAUSED_STYLE.color);
    for (const s of Object.values(BADGE_STYLE)) {
      expect(s.text).not.toBe(PAUSED_STYLE.text);
      expect(s.color).not.toBe(PAUSED_STYLE.color);
    }
    expect(NO_BADGE.text).not.toBe(PAUSED_STYLE.text);
  });
  it('says paused first, counts what was not recorded, then the last known status', () => {
    expect(pausedLook(pause(0), [], 0, clock).title).toBe('Seraph Lens\nCapture paused for this tab.');
    expect(pausedLook(pause(1), [], 0, clock).title).toBe('Seraph Lens\nCapture paused for this tab. 1 request not recorded while paused.');
    expect(pausedLook(pause(3), [status('https://a.example', 'signed-in')], 0, clock).title).toBe(
      'Seraph Lens\nCapture paused for this tab. 3 requests not recorded while paused.\nSigned in to a.example as fred.',
    );
  });
});
