import { describe, expect, it } from 'vitest';
import type { CapturedExchange } from '../../shared/protocol';
import type { Finding, SessionInfo } from '../../engine/types';
import { axisTicks, authStateOf, fitWindow, foldLanes, lanesOf, scaleOf, tickIndexOf, ticksIn, tickSourceOf, zoomWindow, panWindow, MIN_SPAN_MS } from './layout';

const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);

function ex(index: number, time: number, headers: Record<string, string> = {}, status = 200): CapturedExchange {
  return {
    index,
    id: String(index),
    time,
    method: 'GET',
    url: `https://jira.example.com/p${index}`,
    status,
    requestHeaders: [],
    responseHeaders: Object.entries(headers).map(([name, value]) => ({ name, value })),
    cookiesSent: [],
    credentials: null,
  };
}

function session(over: Partial<SessionInfo>): SessionInfo {
  return {
    origin: 'https://jira.example.com',
    cookie: 'JSESSIONID',
    user: 'fred',
    issuedEntry: 1,
    expires: null,
    tokenExpires: null,
    token: null,
    clearedEntry: null,
    lastSentEntry: null,
    anonymousEntry: null,
    events: [],
    ...over,
  };
}

function finding(entry: number, code: Finding['code'], severity: Finding['severity']): Finding {
  return { code, severity, entry, url: '', message: '', fix: '' };
}

describe('scale, zoom and pan', () => {
  it('maps times to pixels and back', () => {
    const s = scaleOf({ start: T0, end: T0 + 10_000 }, 1000);
    expect(s.x(T0 + 2500)).toBe(250);
    expect(s.time(750)).toBe(T0 + 7500);
  });

  it('zooms around an anchor that stays in place, within the limits', () => {
    const w = { start: T0, end: T0 + 60_000 };
    const anchor = T0 + 15_000;
    const z = zoomWindow(w, 0.5, anchor);
    expect(z.end - z.start).toBe(30_000);
    expect((anchor - z.start) / (z.end - z.start)).toBeCloseTo(0.25);
    expect(zoomWindow(w, 1e-9).end - zoomWindow(w, 1e-9).start).toBe(MIN_SPAN_MS);
    expect(panWindow(w, 5000)).toEqual({ start: T0 + 5000, end: T0 + 65_000 });
  });

  it('lays axis ticks on round local times at least the label width apart', () => {
    const s = scaleOf({ start: T0 + 1234, end: T0 + 10 * 60_000 }, 1000);
    const { step, ticks } = axisTicks(s, 90);
    expect(step).toBe(60_000);
    expect(ticks.length).toBe(10); // 10:01 … 10:10
    for (const t of ticks) expect(new Date(t.time).getSeconds()).toBe(0);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.x - ticks[i - 1]!.x).toBeGreaterThanOrEqual(90);
  });
});

describe('lanes', () => {
  const signedIn = session({
    issuedEntry: 2,
    expires: T0 + 60_000,
    anonymousEntry: 9,
    events: [
      { kind: 'issued', entry: 2, time: T0 + 1000 },
      { kind: 'renewed', entry: 4, time: T0 + 20_000 },
      { kind: 'sent', entry: 8, time: T0 + 50_000 },
      { kind: 'expired', entry: 9, time: T0 + 60_000 },
      { kind: 'anonymous', entry: 9, time: T0 + 70_000 },
    ],
  });
  const visitor = session({ user: null, issuedEntry: 1, events: [{ kind: 'issued', entry: 1, time: T0 }] });

  it('one lane per session, with its markers in time order, ending at its expiry', () => {
    const [v, s] = lanesOf([signedIn, visitor]);
    expect(v!.visitor).toBe(true);
    expect(s!.visitor).toBe(false);
    expect(s!.markers.map((m) => [m.kind, m.time - T0, m.entry])).toEqual([
      ['issued', 1000, 2],
      ['renewed', 20_000, 4],
      ['expiry', 60_000, null],
      ['server-end', 70_000, 9],
    ]);
    expect(s!.start).toBe(T0 + 1000);
    expect(s!.end).toBe(T0 + 60_000);
  });

  it('a live session without expiry runs on; a cleared one ends where it was cleared', () => {
    const [live] = lanesOf([session({ events: [{ kind: 'issued', entry: 1, time: T0 }] })]);
    expect(live!.end).toBeNull();
    const [cleared] = lanesOf([session({ clearedEntry: 5, expires: T0 + 99_000, events: [{ kind: 'issued', entry: 1, time: T0 }, { kind: 'cleared', entry: 5, time: T0 + 5000 }] })]);
    expect(cleared!.end).toBe(T0 + 5000);
  });

  it('a session signed in through SSO: marked where the consumer set the cookie, and the IdP\'s limit on it', () => {
    const [sso] = lanesOf([
      session({
        sso: { entry: 3, protocol: 'saml', issuer: 'https://idp', nameId: 'fred', authnInstant: T0 - 120_000, sessionNotOnOrAfter: T0 + 8 * 3600_000 },
        events: [{ kind: 'issued', entry: 3, time: T0 + 10 }],
      }),
    ]);
    expect(sso!.markers.map((m) => [m.kind, m.time - T0, m.entry])).toEqual([
      ['issued', 10, 3],
      ['sso', 10, 3],
      ['sso-limit', 8 * 3600_000, null],
    ]);
    // The IdP's limit hours away does not squeeze the requests into a corner.
    expect(fitWindow(tickSourceOf([], new Map()), [sso!], T0 + 20, false)!.end).toBeLessThan(T0 + 3600_000);
  });

  it("a Cloud session: the token's exp is the expiry; its issue and refresh times are markers", () => {
    const [cloud] = lanesOf([
      session({
        cookie: 'tenant.session.token',
        tokenExpires: T0 + 3600_000,
        token: { accountId: 'a', email: 'e', issuedAt: T0, refreshAt: T0 + 600_000, expires: T0 + 3600_000 },
        events: [{ kind: 'issued', entry: 1, time: T0 + 10 }],
      }),
    ]);
    expect(cloud!.markers.map((m) => m.kind)).toEqual(['token-issued', 'issued', 'token-refresh', 'expiry']);
  });

  it('folds the anonymous visitors’ sessions unless unfolded', () => {
    const lanes = lanesOf([signedIn, visitor, session({ user: null, issuedEntry: 12, events: [{ kind: 'issued', entry: 12, time: T0 + 80_000 }] })]);
    const folded = foldLanes(lanes, false);
    expect(folded.shown.map((l) => l.session.user)).toEqual(['fred']);
    expect(folded.folded).toHaveLength(2);
    expect(foldLanes(lanes, true).shown).toHaveLength(3);
  });
});

describe('requests', () => {
  it('colours a request by how it authenticated', () => {
    expect(authStateOf(ex(1, T0, { 'X-AUSERNAME': 'fred' }), undefined)).toBe('signed-in');
    expect(authStateOf(ex(1, T0, { 'X-AACCOUNTID': '557058:abc' }), undefined)).toBe('signed-in');
    expect(authStateOf(ex(1, T0, { 'X-AUSERNAME': 'anonymous' }), undefined)).toBe('anonymous');
    expect(authStateOf(ex(1, T0, { 'X-AUSERNAME': 'anonymous' }, 401), undefined)).toBe('unauthorized');
    expect(authStateOf(ex(1, T0, { 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED', 'X-AUSERNAME': 'anonymous' }, 401), undefined)).toBe('login-failed');
    expect(authStateOf(ex(1, T0, {}, 403), [finding(1, 'captcha-required', 'error')])).toBe('login-failed');
    expect(authStateOf(ex(1, T0), undefined)).toBe('other');
    expect(authStateOf(ex(1, T0), [finding(1, 'silent-anonymous', 'error')])).toBe('anonymous'); // Cloud: no header says so
  });

  it('sorts requests by time and keeps each one’s worst finding', () => {
    const src = tickSourceOf([ex(1, T0 + 2000), ex(2, T0 + 1000)], new Map([[1, [finding(1, 'silent-anonymous', 'warning'), finding(1, 'session-expired', 'error')]]]));
    expect([...src.entries]).toEqual([2, 1]);
    expect([...src.findings]).toEqual([0, 3]);
  });

  it('only the window’s requests, one tick per bin, with the strongest state and the worst request to select', () => {
    const list = [
      ex(1, T0 + 1000, { 'X-AUSERNAME': 'fred' }),
      ex(2, T0 + 1001, { 'X-AUSERNAME': 'anonymous' }),
      ex(3, T0 + 1002, { 'X-AUSERNAME': 'fred' }),
      ex(4, T0 + 5000, {}, 401),
      ex(5, T0 + 20_000, { 'X-AUSERNAME': 'fred' }),
    ];
    const src = tickSourceOf(list, new Map([[3, [finding(3, 'silent-anonymous', 'warning')]]]));
    const ticks = ticksIn(src, scaleOf({ start: T0, end: T0 + 10_000 }, 1000), 3);
    expect(ticks.map((t) => [t.entry, t.count, t.state, t.finding])).toEqual([
      [3, 3, 'anonymous', 'warning'],
      [4, 1, 'unauthorized', null],
    ]);
    expect(tickIndexOf(ticks, src, 2)).toBe(0);
    expect(tickIndexOf(ticks, src, 5)).toBe(-1);
  });

  it('100,000 requests make at most one tick per bin', () => {
    const list = Array.from({ length: 100_000 }, (_, i) => ex(i, T0 + i * 10, { 'X-AUSERNAME': i % 7 ? 'fred' : 'anonymous' }));
    const src = tickSourceOf(list, new Map());
    const ticks = ticksIn(src, scaleOf({ start: T0, end: T0 + 1_000_000 }, 900), 3);
    expect(ticks.length).toBeLessThanOrEqual(300);
    expect(ticks.reduce((n, t) => n + t.count, 0)).toBe(100_000);
    expect(ticks.every((t) => t.state === 'anonymous')).toBe(true);
  });

  it('fits every request and event, and now on a live log; a far expiry stays out', () => {
    const src = tickSourceOf([ex(1, T0), ex(2, T0 + 60_000)], new Map());
    const lanes = lanesOf([session({ expires: T0 + 30 * 24 * 3600_000, events: [{ kind: 'issued', entry: 1, time: T0 }] })]);
    const w = fitWindow(src, lanes, T0 + 120_000, true)!;
    expect(w.start).toBeLessThan(T0);
    expect(w.end).toBeGreaterThan(T0 + 120_000);
    expect(w.end).toBeLessThan(T0 + 130_000);
    const near = lanesOf([session({ expires: T0 + 200_000, events: [{ kind: 'issued', entry: 1, time: T0 }] })]);
    expect(fitWindow(src, near, T0 + 120_000, true)!.end).toBeGreaterThan(T0 + 200_000);
    expect(fitWindow(tickSourceOf([], new Map()), [], T0, true)).toBeNull();
  });
});
