/**
 * The session timeline: a time axis, the tab's requests as ticks coloured by auth state, one lane per
 * session cookie (issued, renewed, expiry, server-side end, cleared, a Cloud token's times), the anonymous
 * visitors' sessions folded into one lane, a live "now" line. Zoom with the buttons or the wheel, drag to
 * pan, fit to show everything; hover a tick for its request, click (or ←/→ and Enter) to select it.
 * Geometry lives in layout.ts; this file only draws it.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import type { Finding, SessionInfo } from '../../engine/types';
import type { CapturedExchange } from '../../shared/protocol';
import { countdown, sessionEnd, sessionState, SESSION_STATE_TEXT, type SessionState } from '../../engine/analysis/explain';
import { plural } from '../../engine/analysis/plural';
import { ssoIdpName } from '../../engine/analysis/sso';
import { clockTime, pathOf } from '../format';
import { visible } from '../visible';
import { requestLabel } from '../../engine/request-number';
import {
  AUTH_STATE_TEXT,
  axisTicks,
  fitWindow,
  foldLanes,
  lanesOf,
  MARKER_TEXT,
  panWindow,
  scaleOf,
  tickIndexOf,
  ticksIn,
  tickSourceOf,
  zoomWindow,
  type AuthState,
  type Lane,
  type Marker,
  type Scale,
  type Tick,
  type TickSource,
  type TimeWindow,
} from './layout';
import './timeline.css';

export interface TimelineProps {
  sessions: readonly SessionInfo[];
  exchanges: readonly CapturedExchange[];
  findingsByEntry: ReadonlyMap<number, Finding[]>;
  /** PanelView.version: the lists above are the model's own and change in place. */
  version: number;
  /** The ticks' source when already derived (an imported HAR: the import worker did it). */
  tickSource?: TickSource | null;
  now: number;
  /** A live capture (the "now" line counts in the fit); false for an imported HAR. */
  live: boolean;
  selected: number | null;
  onSelect(entry: number): void;
}

const LANE_H = 20;
const TICKS_H = 24;
const AXIS_H = 18;
/** Pixels per tick at most: the DOM holds width/3 ticks whatever the size of the log. */
const BIN_PX = 3;
/** How near (px) the pointer must be to a tick to hover or click it. */
const HIT_PX = 6;

const SHORT_STATE: Record<SessionState, string> = {
  active: 'active',
  expiring: 'expiring',
  expired: 'expired',
  cleared: 'cleared',
  anonymous: 'ended on the server',
  'browser-session': 'no expiry',
};

/** The time of the newest request among the ticks (-Infinity without any). */
function latestTickTime(ticks: readonly Tick[]): number {
  let latest = -Infinity;
  for (const t of ticks) if (t.last > latest) latest = t.last;
  return latest;
}

/** Below this panel height the timeline starts collapsed (one click opens it). */
const SHORT_PANEL_PX = 400;

export function Timeline({ sessions, exchanges, findingsByEntry, version, tickSource = null, now, live, selected, onSelect }: TimelineProps) {
  // Docked at the bottom of a short DevTools (about 300 px) the request list needs the room: start folded there.
  const [open, setOpen] = useState(() => typeof window === 'undefined' || window.innerHeight >= SHORT_PANEL_PX);
  const [unfold, setUnfold] = useState(false);
  /** The window the user zoomed or panned to; null follows the fit (and the live log). */
  const [zoomed, setZoomed] = useState<TimeWindow | null>(null);
  const [width, setWidth] = useState(600);
  const [hover, setHover] = useState<{ tick: Tick; x: number; y: number } | null>(null);
  const [focusTick, setFocusTick] = useState(-1);
  // A state, not a ref: the track appears after the first render (no traffic yet) and must be measured then.
  const [trackEl, setTrackEl] = useState<HTMLDivElement | null>(null);
  const drag = useRef<{ x: number; win: TimeWindow; moved: boolean } | null>(null);

  const source = useMemo(() => tickSource ?? tickSourceOf(exchanges, findingsByEntry), [version, exchanges, tickSource]);
  const lanes = useMemo(() => lanesOf(sessions), [version, sessions]);
  const { shown, folded } = foldLanes(lanes, unfold);
  const fit = fitWindow(source, lanes, now, live);
  const win = zoomed ?? fit ?? { start: now - 60_000, end: now };
  const scale = scaleOf(win, width);
  const ticks = useMemo(() => ticksIn(source, scale, BIN_PX), [source, win.start, win.end, width]);
  const selectedTick = tickIndexOf(ticks, source, selected);

  useEffect(() => {
    const el = trackEl;
    if (!el) return;
    const measure = () => setWidth(Math.max(50, el.clientWidth));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [trackEl]);

  if (sessions.length === 0 && exchanges.length === 0) return null;

  const zoomBy = (factor: number, anchor?: number) => setZoomed(zoomWindow(win, factor, anchor));
  const xOf = (e: MouseEvent) => e.clientX - (trackEl?.getBoundingClientRect().left ?? 0);

  const onWheel = (e: WheelEvent) => {
    const x = xOf(e);
    if (x < 0) return; // over the labels: scroll the lanes as usual
    e.preventDefault();
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) setZoomed(panWindow(win, ((e.deltaX || e.deltaY) / scale.width) * (win.end - win.start)));
    else zoomBy(Math.exp(e.deltaY * 0.002), scale.time(x));
  };
  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0 || xOf(e) < 0) return;
    drag.current = { x: e.clientX, win, moved: false };
  };
  const onPointerMove = (e: PointerEvent) => {
    const d = drag.current;
    if (!d || (e.buttons & 1) === 0) return;
    const dx = e.clientX - d.x;
    if (!d.moved && Math.abs(dx) < 4) return;
    d.moved = true;
    setHover(null);
    setZoomed(panWindow(d.win, (-dx / scale.width) * (d.win.end - d.win.start)));
  };
  const onPointerUp = () => {
    // A drag that panned is not a click: the click that follows it selects nothing.
    setTimeout(() => (drag.current = null), 0);
  };

  const nearest = (x: number): Tick | null => {
    let best: Tick | null = null;
    for (const t of ticks) if (Math.abs(t.x - x) <= HIT_PX && (!best || Math.abs(t.x - x) < Math.abs(best.x - x))) best = t;
    return best;
  };
  const onTicksMove = (e: MouseEvent) => {
    if (drag.current?.moved) return;
    const t = nearest(xOf(e));
    setHover(t ? { tick: t, x: e.clientX, y: e.clientY } : null);
  };
  const onTicksClick = (e: MouseEvent) => {
    if (drag.current?.moved) return;
    const t = nearest(xOf(e));
    if (t) {
      setFocusTick(ticks.indexOf(t));
      onSelect(t.entry);
    }
  };
  const onTicksKey = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') zoomBy(0.5);
    else if (e.key === '-') zoomBy(2);
    else if (e.key === '0') setZoomed(null);
    else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
      if (ticks.length === 0) return;
      const from = focusTick >= 0 && focusTick < ticks.length ? focusTick : selectedTick >= 0 ? selectedTick : e.key === 'ArrowLeft' ? ticks.length : -1;
      const next = e.key === 'Home' ? 0 : e.key === 'End' ? ticks.length - 1 : Math.min(ticks.length - 1, Math.max(0, from + (e.key === 'ArrowRight' ? 1 : -1)));
      setFocusTick(next);
      const t = ticks[next]!;
      const box = trackEl?.getBoundingClientRect();
      setHover({ tick: t, x: (box?.left ?? 0) + t.x, y: (box?.top ?? 0) });
    } else if ((e.key === 'Enter' || e.key === ' ') && ticks[focusTick]) onSelect(ticks[focusTick]!.entry);
    else if (e.key === 'Escape') setHover(null);
    else return;
    e.preventDefault();
  };

  const grid = axisTicks(scale);
  // The panel's clock ticks once a second; a request newer than it must not stand right of "now".
  const nowX = scale.x(Math.max(now, latestTickTime(ticks)));
  const guides = (h: number) => (
    <>
      {grid.ticks.map((g) => (
        <line key={g.time} class="tl-grid" x1={g.x} x2={g.x} y1={0} y2={h} />
      ))}
      {nowX >= 0 && nowX <= scale.width && <line class="tl-now" data-testid="timeline-now" x1={nowX} x2={nowX} y1={0} y2={h} />}
    </>
  );
  // The host tells lanes apart only when the tab talks to several Atlassian sites; else it is in the tooltip.
  const manyOrigins = new Set(lanes.map((l) => l.session.origin)).size > 1;
  const active = lanes.filter((l) => !l.visitor && l.session.clearedEntry === null && l.session.anonymousEntry === null).at(-1);

  return (
    <section class="tl" aria-label="Session timeline" data-testid="sessions">
      <div class="tl-bar">
        <button type="button" class="tl-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="timeline-toggle">
          <span class="tl-caret" aria-hidden="true">{open ? '▾' : '▸'}</span> Sessions
        </button>
        {!open && active && <span class="tl-summary">{laneSummary(active.session, now)}</span>}
        {open && (
          <>
            <Legend />
            <span class="tl-range" data-testid="timeline-range" data-start={new Date(win.start).toISOString()} data-end={new Date(win.end).toISOString()}>
              {timeLabel(win.start, win.end - win.start, now)} – {timeLabel(win.end, win.end - win.start, now)}
            </span>
            <span class="tl-zoom">
              <IconButton label="Zoom in (+)" testId="timeline-zoom-in" onClick={() => zoomBy(0.5)} path="M7 3v8M3 7h8" lens />
              <IconButton label="Zoom out (−)" testId="timeline-zoom-out" onClick={() => zoomBy(2)} path="M3 7h8" lens />
              <IconButton label={zoomed ? 'Fit: show everything (0)' : 'Showing everything'} testId="timeline-fit" onClick={() => setZoomed(null)} path="M1 5V1h4M9 1h4v4M13 9v4H9M5 13H1V9" pressed={zoomed === null} />
            </span>
          </>
        )}
      </div>
      {open && (
        <div class="tl-body" onWheel={onWheel} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerLeave={() => setHover(null)}>
          <div class="tl-row tl-axis" aria-hidden="true">
            <div class="tl-label" />
            <div class="tl-track" ref={setTrackEl}>
              <svg width={scale.width} height={AXIS_H}>
                {grid.ticks.map(
                  (g, i) =>
                    // A label that would run off the right edge is left out rather than cut.
                    g.x + 64 < scale.width && (
                      <text key={g.time} x={g.x + 3} y={12} class="tl-axis-label">
                        {axisLabel(g.time, grid.step, now, grid.ticks[i - 1]?.time)}
                      </text>
                    ),
                )}
                {guides(AXIS_H)}
              </svg>
            </div>
          </div>
          <div class="tl-row tl-requests">
            <div class="tl-label muted">Requests · {exchanges.length.toLocaleString()}</div>
            <div
              class="tl-track"
              tabIndex={0}
              role="listbox"
              aria-label="Requests on the timeline: ← → move, Enter selects, + − zoom, 0 fits"
              aria-activedescendant={focusTick >= 0 && ticks[focusTick] ? `tl-tick-${ticks[focusTick]!.entry}` : undefined}
              data-testid="timeline-requests"
              onMouseMove={onTicksMove}
              onMouseLeave={() => setHover(null)}
              onClick={onTicksClick}
              onKeyDown={onTicksKey}
              onBlur={() => setHover(null)}
            >
              <svg width={scale.width} height={TICKS_H}>
                {guides(TICKS_H)}
                {ticks.map((t, i) => (
                  <TickMark key={`${t.entry}`} tick={t} selected={i === selectedTick} focused={i === focusTick} />
                ))}
              </svg>
            </div>
          </div>
          {shown.map((l) => (
            <LaneRow key={l.key} lane={l} scale={scale} now={now} guides={guides} onSelect={onSelect} showHost={manyOrigins} />
          ))}
          {folded.length > 0 && <FoldedRow lanes={folded} scale={scale} now={now} guides={guides} onUnfold={() => setUnfold(true)} />}
          {unfold && lanes.some((l) => l.visitor) && (
            <div class="tl-row">
              <div class="tl-label">
                <button type="button" class="link muted" onClick={() => setUnfold(false)} data-testid="fold-visitor-sessions">
                  Fold the anonymous visitor sessions
                </button>
              </div>
            </div>
          )}
        </div>
      )}
      {open && hover && <Tip tick={hover.tick} x={hover.x} y={hover.y} exchanges={exchanges} findingsByEntry={findingsByEntry} />}
    </section>
  );
}

function Legend() {
  const states: AuthState[] = ['signed-in', 'anonymous', 'unauthorized', 'login-failed'];
  return (
    <span class="tl-legend" aria-label="Tick colours">
      {states.map((s) => (
        <span key={s} class="tl-legend-item">
          <span class={`tl-swatch ${s}`} aria-hidden="true" />
          {AUTH_STATE_TEXT[s]}
        </span>
      ))}
      <span class="tl-legend-item">
        <svg width="9" height="8" aria-hidden="true">
          <path class="tl-finding error" d="M0.5 0.5h8l-4 7z" />
        </svg>
        finding
      </span>
    </span>
  );
}

function IconButton({ label, testId, onClick, path, lens = false, pressed }: { label: string; testId: string; onClick(): void; path: string; lens?: boolean; pressed?: boolean }) {
  return (
    <button type="button" class="tl-icon" title={label} aria-label={label} onClick={onClick} data-testid={testId} {...(pressed === undefined ? {} : { 'aria-pressed': pressed })}>
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        {lens && <circle cx="7" cy="7" r="5.5" />}
        {lens && <path d="M11 11l4 4" />}
        <path d={path} />
      </svg>
    </button>
  );
}

function TickMark({ tick, selected, focused }: { tick: Tick; selected: boolean; focused: boolean }) {
  const h = tick.state === 'other' ? 8 : 14;
  const w = tick.count > 1 ? 3 : 2;
  return (
    <g
      class={`tl-tick ${tick.state}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
      id={`tl-tick-${tick.entry}`}
      role="option"
      aria-selected={selected}
      aria-label={tickText(tick)}
      data-testid="tick"
      data-entry={tick.entry}
      data-state={tick.state}
      data-count={tick.count}
      {...(tick.finding ? { 'data-finding': tick.finding } : {})}
      transform={`translate(${tick.x.toFixed(1)},0)`}
    >
      {(selected || focused) && <rect class="tl-tick-ring" x={-3} y={1} width={w + 6} height={TICKS_H - 2} rx={2} />}
      <rect x={0} y={TICKS_H - 3 - h} width={w} height={h} />
      {tick.finding && <path class={`tl-finding ${tick.finding}`} d={`M${w / 2 - 4} 0.5h8l-4 6z`} />}
    </g>
  );
}

function tickText(t: Tick): string {
  const what = `${AUTH_STATE_TEXT[t.state]}${t.finding ? `, ${t.finding === 'error' ? 'an error' : `a ${t.finding}`} finding` : ''}`;
  return t.count > 1 ? `${t.count} requests ${clockTime(t.first)}–${clockTime(t.last)}: ${what}; selects ${requestLabel(t.entry)}` : `${requestLabel(t.entry)} at ${clockTime(t.time)}: ${what}`;
}

function Tip({ tick, x, y, exchanges, findingsByEntry }: { tick: Tick; x: number; y: number; exchanges: readonly CapturedExchange[]; findingsByEntry: ReadonlyMap<number, Finding[]> }) {
  const ex = exchanges.find((e) => e.index === tick.entry);
  const codes = (findingsByEntry.get(tick.entry) ?? []).map((f) => f.code);
  const left = Math.max(4, Math.min(x + 12, globalThis.innerWidth - 320));
  return (
    <div class="tl-tip" role="tooltip" data-testid="timeline-tip" style={{ left: `${left}px`, top: `${y + 16}px` }}>
      {tick.count > 1 && (
        <div class="muted">
          {plural(tick.count, 'request')} {clockTime(tick.first)}–{clockTime(tick.last)}; click selects:
        </div>
      )}
      {ex && (
        <div>
          <span class={`tl-swatch ${tick.state}`} aria-hidden="true" /> {requestLabel(ex.index)} {clockTime(ex.time)} <b>{visible(ex.method)}</b> {ex.status || 'failed'}{' '}
          <span class="tl-tip-path">{visible(pathOf(ex.url))}</span>
        </div>
      )}
      <div class="muted">
        {AUTH_STATE_TEXT[tick.state]}
        {codes.length > 0 && <> · findings: {codes.join(', ')}</>}
      </div>
    </div>
  );
}

interface RowProps {
  scale: Scale;
  now: number;
  guides(h: number): JSX.Element;
}

/** One session cookie: its label (who, state, countdown) and its life on the time axis. */
function LaneRow({ lane, scale, now, guides, onSelect, showHost }: RowProps & { lane: Lane; onSelect(entry: number): void; showHost: boolean }) {
  const s = lane.session;
  const state = sessionState(s, now);
  const end = sessionEnd(s);
  const left = end !== null && state !== 'cleared' && state !== 'anonymous' ? countdown(end, now) : null;
  const email = s.token?.email && s.token.email !== s.user ? s.token.email : null;
  const mid = LANE_H / 2;
  return (
    <div class={`tl-row tl-lane ${state}`} data-testid="session" data-state={state} data-lane={lane.key}>
      <div class="tl-label" title={laneTitle(s, now)}>
        <span class="tl-dot" aria-hidden="true" />
        <span class="tl-who">
          <b>{visible(s.cookie)}</b>
          {showHost && <span class="muted"> {visible(hostOf(s.origin))}</span>} · {s.user ? `user ${visible(s.user)}` : 'user unknown'}
          {email && (
            <>
              {' '}
              (<span data-testid="session-email">{visible(email)}</span>)
            </>
          )}
          {s.sso && (
            <span class="tl-sso" data-testid="session-sso">
              {' '}
              · via SSO{s.sso.sessionNotOnOrAfter !== null && <>, IdP allows until {timeLabel(s.sso.sessionNotOnOrAfter, 0, now)}</>}
            </span>
          )}
        </span>
        <span class="tl-when">
          {left ? (
            <>
              expires in <span data-testid="session-countdown">{left}</span>
            </>
          ) : (
            <span data-testid="session-state">{end !== null && state === 'expired' ? `expired ${clockTime(end)}` : SHORT_STATE[state]}</span>
          )}
        </span>
      </div>
      <div class="tl-track">
        <svg width={scale.width} height={LANE_H}>
          {guides(LANE_H)}
          <LaneBar lane={lane} scale={scale} now={now} y={mid} />
          {lane.markers.map((m, i) => (
            <MarkerMark key={i} marker={m} scale={scale} y={mid} now={now} onSelect={onSelect} tokenExpiry={m.kind === 'token-expiry' || (m.kind === 'expiry' && s.expires === null && s.token?.expires === m.time)} />
          ))}
        </svg>
      </div>
    </div>
  );
}

/** The session's life: solid while it was valid, dashed for the time it still has (to its expiry). */
function LaneBar({ lane, scale, now, y, thin = false }: { lane: Lane; scale: Scale; now: number; y: number; thin?: boolean }) {
  const clamp = (x: number) => Math.max(-2, Math.min(scale.width + 2, x));
  const lived = Math.min(lane.end ?? now, now);
  const x1 = clamp(scale.x(lane.start));
  const x2 = clamp(scale.x(Math.max(lane.start, lived)));
  const h = thin ? 4 : 6;
  return (
    <>
      {x2 > x1 && <rect class="tl-life" x={x1} y={y - h / 2} width={x2 - x1} height={h} rx={h / 2} />}
      {lane.end !== null && lane.end > now && <line class="tl-left" x1={clamp(scale.x(Math.max(now, lane.start)))} x2={clamp(scale.x(lane.end))} y1={y} y2={y} />}
    </>
  );
}

const TOKEN_TEST_ID: Partial<Record<Marker['kind'], string>> = { 'token-issued': 'token-issued', 'token-refresh': 'token-refresh', 'token-expiry': 'token-expires', sso: 'sso-marker', 'sso-limit': 'sso-limit-marker' };

/** A marker; one outside the window sits at the edge as an arrow that says where it is. */
function MarkerMark({ marker: m, scale, y, now, onSelect, tokenExpiry }: { marker: Marker; scale: Scale; y: number; now: number; onSelect(entry: number): void; tokenExpiry: boolean }) {
  const x = scale.x(m.time);
  const off = x < 0 ? 'before' : x > scale.width ? 'after' : null;
  const at = off === 'before' ? 5 : off === 'after' ? scale.width - 5 : x;
  const iso = new Date(m.time).toISOString();
  // The token's expiry is the session's own expiry when the cookie has none: it is the token's time too.
  const testId = tokenExpiry ? 'token-expires' : (TOKEN_TEST_ID[m.kind] ?? 'marker');
  const text = `${MARKER_TEXT[m.kind]} ${timeLabel(m.time, 0, now)}${m.entry !== null ? ` (${requestLabel(m.entry)})` : ''}${off ? `, ${off === 'before' ? 'before' : 'after'} the time shown` : ''}`;
  return (
    <g
      class={`tl-marker ${m.kind}${off ? ' off' : ''}`}
      transform={`translate(${at.toFixed(1)},${y})`}
      data-testid={testId}
      data-kind={m.kind}
      data-time={iso}
      {...(m.entry !== null ? { 'data-entry': m.entry } : {})}
      onClick={m.entry !== null ? () => onSelect(m.entry!) : undefined}
    >
      <title>{text}</title>
      {off ? <path d={off === 'before' ? 'M-4 0l6 -5v10z' : 'M4 0l-6 -5v10z'} /> : <path d={MARKER_PATH[m.kind]} />}
    </g>
  );
}

const MARKER_PATH: Record<Marker['kind'], string> = {
  issued: 'M-1 -6v12l7 -6z', // a flag: it starts here
  renewed: 'M0 -4a4 4 0 1 0 0.1 0z',
  expiry: 'M-1 -8h2v16h-2z M-4 -8h8v2h-8z M-4 6h8v2h-8z', // an hourglass-like bar: time is up
  'server-end': 'M-4 -4l8 8M4 -4l-8 8', // a cross: the server forgot it
  cleared: 'M-4 -4h8v8h-8z',
  'token-issued': 'M0 -4l4 4l-4 4l-4 -4z',
  'token-refresh': 'M0 -4l4 4l-4 4l-4 -4z',
  'token-expiry': 'M-1 -7h2v14h-2z',
  sso: 'M-5 -5h10v10h-10z M-2 -2h4v4h-4z', // a key-like square: the IdP let you in
  'sso-limit': 'M-1 -7h2v14h-2z M-4 -7l4 4l4 -4z',
};

/** The anonymous visitors' sessions, folded: their lives on one line, a button to show each. */
function FoldedRow({ lanes, scale, now, guides, onUnfold }: RowProps & { lanes: Lane[]; onUnfold(): void }) {
  const mid = LANE_H / 2;
  return (
    <div class="tl-row tl-lane tl-folded" data-testid="visitor-sessions" data-count={lanes.length}>
      <div class="tl-label">
        <button type="button" class="tl-unfold" onClick={onUnfold} aria-expanded={false} title="Sessions the server gave a visitor that never signed in: show each on its own lane" data-testid="unfold-visitor-sessions">
          <span aria-hidden="true">▸ </span>
          {plural(lanes.length, 'anonymous visitor session')}
        </button>
      </div>
      <div class="tl-track">
        <svg width={scale.width} height={LANE_H}>
          {guides(LANE_H)}
          {lanes.map((l) => (
            <LaneBar key={l.key} lane={l} scale={scale} now={now} y={mid} thin />
          ))}
        </svg>
      </div>
    </div>
  );
}

function laneSummary(s: SessionInfo, now: number): string {
  const end = sessionEnd(s);
  const left = end !== null ? countdown(end, now) : null;
  return `${s.cookie} · ${s.user ? `user ${s.user}` : 'user unknown'}${left ? ` · expires in ${left}` : ` · ${SHORT_STATE[sessionState(s, now)]}`}`;
}

/** The label's tooltip: everything the old lifetime strip said of the session. */
function laneTitle(s: SessionInfo, now: number): string {
  const state = sessionState(s, now);
  const end = sessionEnd(s);
  const parts = [`${visible(s.cookie)} on ${visible(hostOf(s.origin))}`, s.user ? `user ${visible(s.user)}` : 'user unknown', SESSION_STATE_TEXT[state]];
  if (end !== null) parts.push(`${end > now ? 'expires' : 'expired'} ${timeLabel(end, 0, now)}`);
  if (s.sso) {
    const who = [ssoIdpName(s.sso), s.sso.nameId].filter(Boolean).map((x) => visible(x!)).join(', ');
    parts.push(`signed in through SSO (${who})${s.sso.authnInstant !== null ? ` at ${timeLabel(s.sso.authnInstant, 0, now)}` : ''}`);
    if (s.sso.sessionNotOnOrAfter !== null) parts.push(`the IdP allows the session until ${timeLabel(s.sso.sessionNotOnOrAfter, 0, now)}`);
  }
  const t = s.token;
  if (t) {
    if (t.issuedAt !== null) parts.push(`token issued ${timeLabel(t.issuedAt, 0, now)}`);
    if (t.refreshAt !== null) parts.push(`token ${t.refreshAt <= now ? 'was due' : 'due'} for refresh ${timeLabel(t.refreshAt, 0, now)}`);
    if (t.expires !== null) parts.push(`token expires ${timeLabel(t.expires, 0, now)}`);
  }
  return parts.join(' · ');
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

const HM = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Clock time (seconds when the span is short), with the date for another day than today. */
function timeLabel(t: number, span: number, now: number): string {
  const clock = span > 0 && span >= 10 * 60_000 ? HM.format(t) : clockTime(t);
  return sameDay(t, now) ? clock : `${DAY.format(t)} ${clock}`;
}

/** An axis label: the date at day steps, and where the day changes or is not today; else the time. */
function axisLabel(t: number, step: number, now: number, prev: number | undefined): string {
  if (step >= 86_400_000) return DAY.format(t);
  const clock = step < 60_000 ? clockTime(t) : HM.format(t);
  const newDay = prev === undefined ? !sameDay(t, now) : !sameDay(t, prev);
  return newDay ? `${DAY.format(t)} ${clock}` : clock;
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
