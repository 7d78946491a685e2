/**
 * The session timeline's geometry, without the DOM: a time window and its scale, one lane per session
 * cookie with its markers, the anonymous visitors' sessions folded into one lane, the tab's requests as
 * ticks coloured by auth state and thinned to one per few pixels (a 100,000-request log draws a few
 * hundred ticks), axis steps, zoom, the fit to the requests and following new ones, the keyboard's steps
 * between markers. Pure functions, tested in layout.test.ts.
 */
import type { CapturedExchange } from '../../shared/protocol';
import type { Finding, FindingCode, SessionInfo, Severity } from '../../engine/types';
import { sessionEnd } from '../../engine/analysis/explain';
import { firstHeader, headerValues } from '../../engine/exchange/headers';
import { parseAUsername, parseLoginReason } from '../../engine/ground/parse/seraph';

// ---- time window and scale ----------------------------------------------------------------------

export interface TimeWindow {
  start: number;
  end: number;
}

/** Zoom stops here: a second across the chart, and two months (a Cloud token lives 30 days). */
export const MIN_SPAN_MS = 1000;
export const MAX_SPAN_MS = 60 * 24 * 3600_000;

export interface Scale {
  window: TimeWindow;
  width: number;
  x(t: number): number;
  time(x: number): number;
}

export function scaleOf(window: TimeWindow, width: number): Scale {
  const span = Math.max(1, window.end - window.start);
  const w = Math.max(1, width);
  return {
    window,
    width: w,
    x: (t) => ((t - window.start) / span) * w,
    time: (x) => window.start + (x / w) * span,
  };
}

/** `factor` < 1 zooms in, > 1 out, keeping `anchor` (a time) where it is on screen. */
export function zoomWindow(w: TimeWindow, factor: number, anchor = (w.start + w.end) / 2): TimeWindow {
  const span = w.end - w.start;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
  const k = span > 0 ? (anchor - w.start) / span : 0.5;
  const start = anchor - k * next;
  return { start, end: start + next };
}

export function panWindow(w: TimeWindow, deltaMs: number): TimeWindow {
  return { start: w.start + deltaMs, end: w.end + deltaMs };
}

/** The fit never spans less than the zoom's limit: one request alone stands in the middle of a second. */
export const FIT_MIN_SPAN_MS = MIN_SPAN_MS;
/** The margin each side of the fit, as a share of its span. */
const FIT_PAD = 0.03;
/** The least share of the chart's width the requests keep when an expiry just after them lengthens the fit. */
export const FIT_REQUESTS_SHARE = 2 / 3;
/** How far that expiry may lengthen the fit, as a share of the requests' span: margins included, they keep their share. */
const FIT_EXTEND = 1 / (FIT_REQUESTS_SHARE * (1 + 2 * FIT_PAD)) - 1;

/**
 * The window a timeline opens with: the captured requests (and the session events they carried), with a
 * small margin. Not "now": half an hour after an incident its requests still fill the chart. A signed-in
 * session's expiry soon after the newest request (its countdown) extends it only as far as the requests keep
 * two thirds of the width, margins included; a later one (a Cloud token's 30 days), a token issued before the
 * capture, an IdP's limit stay arrows at the edge.
 */
export function fitWindow(ticks: TickSource, lanes: readonly Lane[]): TimeWindow | null {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (t: number) => {
    if (!Number.isFinite(t) || t <= 0) return;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  };
  if (ticks.times.length) {
    take(ticks.times[0]!);
    take(ticks.times[ticks.times.length - 1]!);
  }
  for (const l of lanes) for (const m of l.markers) if (m.entry !== null) take(m.time);
  if (lo === Infinity) return null;
  if (hi - lo < FIT_MIN_SPAN_MS) {
    const mid = (lo + hi) / 2;
    lo = mid - FIT_MIN_SPAN_MS / 2;
    hi = mid + FIT_MIN_SPAN_MS / 2;
  }
  const limit = hi + (hi - lo) * FIT_EXTEND;
  let end = hi;
  for (const l of lanes) {
    if (l.visitor) continue;
    for (const m of l.markers) if ((m.kind === 'expiry' || m.kind === 'token-expiry') && m.time > end && m.time <= limit) end = m.time;
  }
  const pad = (end - lo) * FIT_PAD;
  return { start: lo - pad, end: end + pad };
}

/** The time of the newest request (-Infinity without any): the source is in time order. */
export function latestRequestTime(src: TickSource): number {
  return src.times.length ? src.times[src.times.length - 1]! : -Infinity;
}

export function inWindow(w: TimeWindow, t: number): boolean {
  return t >= w.start && t <= w.end;
}

/**
 * Tail the log, as a console does only while scrolled to the bottom: a window the user zoomed or panned to
 * slides to show a newer request (near its right edge, span kept) only while it showed the newest one before
 * (`prevLatest`); a window moved away from it stays where the user put it.
 */
export function followWindow(w: TimeWindow, prevLatest: number, latest: number): TimeWindow {
  if (!(latest > prevLatest) || !inWindow(w, prevLatest) || latest <= w.end) return w;
  return tailWindow(w, latest);
}

/** The window moved (span kept) so that `latest` sits near its right edge: "follow the newest requests". */
export function tailWindow(w: TimeWindow, latest: number): TimeWindow {
  return panWindow(w, latest + (w.end - w.start) * FIT_PAD - w.end);
}

// ---- keyboard ------------------------------------------------------------------------------------

/** Where a key moves among `n` items from `from` (-1: none yet, so ← starts at the last): ←/→ one step, Home/End the ends. */
export function stepIndex(n: number, from: number, key: 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End'): number {
  if (n === 0) return -1;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  if (from < 0 || from >= n) return key === 'ArrowLeft' ? n - 1 : 0;
  return Math.min(n - 1, Math.max(0, from + (key === 'ArrowRight' ? 1 : -1)));
}

/** The item nearest to `t` (-1 without any): ↑/↓ to another row keep the place on the time axis. */
export function nearestIndex(times: readonly number[], t: number): number {
  let best = -1;
  for (let i = 0; i < times.length; i++) if (best < 0 || Math.abs(times[i]! - t) < Math.abs(times[best]! - t)) best = i;
  return best;
}

// ---- axis ----------------------------------------------------------------------------------------

const STEPS_MS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400,
].map((s) => s * 1000);

export interface AxisTick {
  time: number;
  x: number;
}

/** Round times at least `minPx` apart (room for a label), in local time so "14:30" lands on the half hour. */
export function axisTicks(scale: Scale, minPx = 90): { step: number; ticks: AxisTick[] } {
  const span = scale.window.end - scale.window.start;
  const want = (span / scale.width) * minPx;
  const step = STEPS_MS.find((s) => s >= want) ?? STEPS_MS[STEPS_MS.length - 1]!;
  // Align to local midnight for day steps and to the local hour's grid otherwise.
  const offset = new Date(scale.window.start).getTimezoneOffset() * 60_000;
  const first = Math.ceil((scale.window.start - offset) / step) * step + offset;
  const ticks: AxisTick[] = [];
  for (let t = first; t <= scale.window.end && ticks.length < 200; t += step) ticks.push({ time: t, x: scale.x(t) });
  return { step, ticks };
}

// ---- lanes ---------------------------------------------------------------------------------------

export type MarkerKind = 'issued' | 'renewed' | 'expiry' | 'server-end' | 'cleared' | 'token-issued' | 'token-refresh' | 'token-expiry' | 'sso' | 'sso-limit';

export const MARKER_TEXT: Record<MarkerKind, string> = {
  issued: 'issued',
  renewed: 'renewed',
  expiry: 'expires',
  'server-end': 'ended on the server (served as anonymous)',
  cleared: 'cleared (logged out)',
  'token-issued': 'token issued',
  'token-refresh': 'token due for refresh',
  'token-expiry': 'token expires',
  sso: 'signed in through SSO',
  'sso-limit': 'the IdP allows the session until',
};

export interface Marker {
  kind: MarkerKind;
  time: number;
  /** The request that showed it, where one did (an expiry is a time, not a request). */
  entry: number | null;
}

export interface Lane {
  key: string;
  session: SessionInfo;
  /** Never named a user: a visitor's session (Tomcat gives every visitor a JSESSIONID). Folded by default. */
  visitor: boolean;
  /** The bar: from issued (else first seen) to its end; `end` null while it is alive (drawn up to now). */
  start: number;
  end: number | null;
  markers: Marker[];
}

export function laneKey(s: SessionInfo): string {
  return `${s.origin} ${s.cookie} ${s.issuedEntry ?? 'x'}`;
}

/** One lane per session cookie, in order of their start; markers from its events, expiry and token claims. */
export function lanesOf(sessions: readonly SessionInfo[]): Lane[] {
  const lanes = sessions.map(laneOf);
  return lanes.sort((a, b) => a.start - b.start);
}

function laneOf(s: SessionInfo): Lane {
  const markers: Marker[] = [];
  for (const e of s.events) {
    if (e.kind === 'issued' || e.kind === 'renewed' || e.kind === 'cleared') markers.push({ kind: e.kind, time: e.time, entry: e.entry });
    else if (e.kind === 'anonymous') markers.push({ kind: 'server-end', time: e.time, entry: e.entry });
  }
  const end = sessionEnd(s);
  if (end !== null) markers.push({ kind: 'expiry', time: end, entry: null });
  const t = s.token;
  if (t) {
    if (t.issuedAt !== null) markers.push({ kind: 'token-issued', time: t.issuedAt, entry: null });
    if (t.refreshAt !== null) markers.push({ kind: 'token-refresh', time: t.refreshAt, entry: null });
    // The expiry marker is the token's own where the cookie has none; otherwise the token's is a second one.
    if (t.expires !== null && t.expires !== end) markers.push({ kind: 'token-expiry', time: t.expires, entry: null });
  }
  if (s.sso) {
    // The SSO leg ends where the consumer's answer set the cookie: mark it there (the IdP's AuthnInstant is
    // on the IdP's clock), and the IdP's own limit on the session where it gave one.
    const at = s.events.find((e) => e.entry === s.sso!.entry)?.time ?? s.sso.authnInstant;
    if (at !== null) markers.push({ kind: 'sso', time: at, entry: s.sso.entry });
    if (s.sso.sessionNotOnOrAfter !== null) markers.push({ kind: 'sso-limit', time: s.sso.sessionNotOnOrAfter, entry: null });
  }
  markers.sort((a, b) => a.time - b.time);
  const seen = s.events.map((e) => e.time).filter((x) => x > 0);
  const issued = s.events.find((e) => e.kind === 'issued')?.time;
  const start = issued ?? (seen.length ? Math.min(...seen) : (end ?? 0));
  // The session is over at the first of: cleared, treated as anonymous, expired.
  const stops = markers.filter((m) => m.kind === 'cleared' || m.kind === 'server-end').map((m) => m.time);
  if (end !== null) stops.push(end);
  const over = stops.length ? Math.min(...stops) : null;
  const alive = s.clearedEntry === null && s.anonymousEntry === null;
  return {
    key: laneKey(s),
    session: s,
    visitor: s.user === null,
    start,
    // Cleared or anonymous: over at that moment. Otherwise it runs to its expiry (past or to come), or on.
    end: !alive ? over : end,
    markers,
  };
}

/** The lanes to draw: signed-in sessions each on its own, the visitors' folded unless `unfold`. */
export function foldLanes(lanes: readonly Lane[], unfold: boolean): { shown: Lane[]; folded: Lane[] } {
  if (unfold) return { shown: [...lanes], folded: [] };
  return { shown: lanes.filter((l) => !l.visitor), folded: lanes.filter((l) => l.visitor) };
}

// ---- requests ------------------------------------------------------------------------------------

/** How a request stood, by its response: the colour of its tick. */
export type AuthState = 'login-failed' | 'unauthorized' | 'anonymous' | 'signed-in' | 'other';

/** Stronger first: a thinned tick shows the strongest state of the requests it stands for. */
export const AUTH_STATES: readonly AuthState[] = ['login-failed', 'unauthorized', 'anonymous', 'signed-in', 'other'];

export const AUTH_STATE_TEXT: Record<AuthState, string> = {
  'login-failed': 'login failure',
  unauthorized: '401',
  anonymous: 'anonymous',
  'signed-in': 'signed in',
  other: 'no auth signal',
};

const FAILED_REASONS = new Set(['AUTHENTICATED_FAILED', 'AUTHENTICATION_DENIED', 'AUTHORISATION_FAILED']);
/** Findings that mean the credentials the request sent were refused: drawn as a failed login. */
const FAILED_FINDINGS = new Set<string>([
  'login-failed', 'captcha-required', 'authorisation-failed',
  'cloud-token-refused', 'cloud-password-basic', 'scope-mismatch', 'token-wrong-scheme', 'oauth-refresh-rejected', 'applink-oauth-problem', 'sso-policy-mismatch',
] satisfies FindingCode[]);

export function authStateOf(ex: CapturedExchange, findings: readonly Finding[] | undefined): AuthState {
  const reason = parseLoginReason(headerValues(ex.responseHeaders, 'x-seraph-loginreason'));
  if (reason.outcome !== null && FAILED_REASONS.has(reason.outcome)) return 'login-failed';
  if (findings?.some((f) => FAILED_FINDINGS.has(f.code))) return 'login-failed';
  if (ex.status === 401) return 'unauthorized';
  // Cloud names no anonymous user in a header: the engine knows the page was served as anonymous all the same.
  if (findings?.some((f) => f.code === 'silent-anonymous')) return 'anonymous';
  const u = firstHeader(ex.responseHeaders, 'x-ausername');
  if (u !== null) {
    const parsed = parseAUsername(u);
    if (parsed.anonymous) return 'anonymous';
    if (parsed.user !== null) return 'signed-in';
  }
  if (firstHeader(ex.responseHeaders, 'x-aaccountid')?.trim()) return 'signed-in';
  return 'other';
}

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };
const RANK_SEVERITY: (Severity | null)[] = [null, 'info', 'warning', 'error'];

/** The tab's requests in time order, as flat arrays: built once per log change, read per frame. */
export interface TickSource {
  times: Float64Array;
  entries: Float64Array;
  /** Index into AUTH_STATES. */
  states: Uint8Array;
  /** 0 none, 1 info, 2 warning, 3 error: the worst finding of the request. */
  findings: Uint8Array;
}

/** Per exchange (they never change): its state's index in AUTH_STATES, and the finding rank it was worked out with. */
const stateCache = new WeakMap<CapturedExchange, { state: number; findings: number }>();

export function tickSourceOf(exchanges: readonly CapturedExchange[], findingsByEntry: ReadonlyMap<number, Finding[]>): TickSource {
  const n = exchanges.length;
  const order = exchanges.map((_, i) => i);
  // A live log is in time order already; HAR imports and DevTools-only requests may not be.
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (exchanges[i]!.time < exchanges[i - 1]!.time) sorted = false;
  if (!sorted) order.sort((a, b) => exchanges[a]!.time - exchanges[b]!.time || a - b);
  const src: TickSource = { times: new Float64Array(n), entries: new Float64Array(n), states: new Uint8Array(n), findings: new Uint8Array(n) };
  for (let k = 0; k < n; k++) {
    const ex = exchanges[order[k]!]!;
    const fs = findingsByEntry.get(ex.index);
    let c = stateCache.get(ex);
    // Findings of an entry can arrive after it (an anonymous answer confirmed later): recount when they change.
    const worst = fs ? fs.reduce((w, f) => Math.max(w, SEVERITY_RANK[f.severity]), 0) : 0;
    if (!c || c.findings !== worst) {
      c = { state: AUTH_STATES.indexOf(authStateOf(ex, fs)), findings: worst };
      stateCache.set(ex, c);
    }
    src.times[k] = ex.time;
    src.entries[k] = ex.index;
    src.states[k] = c.state;
    src.findings[k] = worst;
  }
  return src;
}

export interface Tick {
  x: number;
  /** The request a click selects: the one with the worst finding, else the strongest state, else the first. */
  entry: number;
  time: number;
  /** Requests this tick stands for (more than one when they fall within a few pixels). */
  count: number;
  first: number;
  last: number;
  state: AuthState;
  finding: Severity | null;
}

/** First index with times[i] >= t. */
function lowerBound(times: Float64Array, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The requests in the window as ticks, one per `binPx` pixels at most: the DOM holds width/binPx ticks
 * whatever the log's size, and each shows the strongest state and worst finding of the requests behind it.
 */
export function ticksIn(src: TickSource, scale: Scale, binPx = 3): Tick[] {
  const from = lowerBound(src.times, scale.window.start);
  const to = lowerBound(src.times, scale.window.end + 1e-9);
  // Runs every second on a live log (the window follows now): plain numbers in the loop, strings at the end.
  const out: Tick[] = [];
  const states: number[] = [];
  const findings: number[] = [];
  const k = scale.width / Math.max(1, scale.window.end - scale.window.start);
  const t0 = scale.window.start;
  let curBin = -1;
  let bestRank = -1;
  for (let i = from; i < to; i++) {
    const t = src.times[i]!;
    const x = (t - t0) * k;
    const bin = Math.floor(x / binPx);
    const state = src.states[i]!;
    const finding = src.findings[i]!;
    const rank = finding * 10 + (AUTH_STATES.length - state);
    const n = out.length - 1;
    if (bin !== curBin) {
      out.push({ x, entry: src.entries[i]!, time: t, count: 1, first: t, last: t, state: 'other', finding: null });
      states.push(state);
      findings.push(finding);
      curBin = bin;
      bestRank = rank;
      continue;
    }
    const cur = out[n]!;
    cur.count++;
    cur.last = t;
    if (state < states[n]!) states[n] = state;
    if (finding > findings[n]!) findings[n] = finding;
    if (rank > bestRank) {
      bestRank = rank;
      cur.entry = src.entries[i]!;
      cur.time = t;
      cur.x = x;
    }
  }
  for (let n = 0; n < out.length; n++) {
    out[n]!.state = AUTH_STATES[states[n]!]!;
    out[n]!.finding = RANK_SEVERITY[findings[n]!]!;
  }
  return out;
}

/** The tick to select for a request (the list's selection shown on the chart), or -1. */
export function tickIndexOf(ticks: readonly Tick[], src: TickSource, entry: number | null): number {
  if (entry === null) return -1;
  const exact = ticks.findIndex((t) => t.entry === entry);
  if (exact >= 0) return exact;
  let time: number | undefined;
  for (let i = 0; i < src.entries.length; i++) if (src.entries[i] === entry) time = src.times[i];
  if (time === undefined) return -1;
  return ticks.findIndex((t) => t.first <= time && time <= t.last);
}
