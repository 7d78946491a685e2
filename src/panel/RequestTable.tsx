/**
 * The request list: virtualized (only the rows in view are in the DOM, so 50,000 rows scroll smoothly),
 * keyboard-driven (↑/↓ move, Enter opens the detail, Esc closes it), a marker on rows with findings.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Component } from 'preact';
import type { CapturedExchange } from '../shared/protocol';
import type { Finding } from '../engine/types';
import { parseWwwAuthenticate } from '../engine/parse/www-authenticate';
import { isSessionCookie } from '../engine/atlassian';
import { pathOf, clockTime, worstSeverity } from './format';
import { firstHeader, headerValues } from '../engine/headers';

export const ROW_HEIGHT = 22;
/** Rows rendered beyond the visible ones, each side: enough for a wheel step, few enough for a thumb drag. */
const OVERSCAN = 4;

export interface RequestTableProps {
  rows: readonly CapturedExchange[];
  findingsByEntry: ReadonlyMap<number, Finding[]>;
  selected: number | null;
  onSelect(entry: number | null): void;
  onOpen(entry: number): void;
  /** Right click on a row (replay menu); page coordinates. */
  onContextMenu?(entry: number, x: number, y: number): void;
}

export function RequestTable({ rows, findingsByEntry, selected, onSelect, onOpen, onContextMenu }: RequestTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in view when it moves by keyboard or from a findings link.
  useEffect(() => {
    const el = box.current;
    const i = rows.findIndex((r) => r.index === selected);
    if (!el || i < 0) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT * 2 > el.scrollTop + el.clientHeight) el.scrollTop = top - el.clientHeight + ROW_HEIGHT * 2;
  }, [selected, rows]);

  if (rows.length === 0) {
    return (
      <p class="empty" data-testid="empty">
        No matching Atlassian traffic in this tab yet. Reload the page, keep browsing, or relax the filters.
      </p>
    );
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const visible = rows.slice(first, last);

  const onKeyDown = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.index === selected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? Math.min(rows.length - 1, i + 1) : Math.max(0, i < 0 ? 0 : i - 1);
      onSelect(rows[next]!.index);
    } else if (e.key === 'Enter' && selected !== null) onOpen(selected);
    else if (e.key === 'Escape') onSelect(null);
  };

  return (
    <div
      class="rows"
      ref={box}
      tabIndex={0}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
      onKeyDown={onKeyDown}
      role="grid"
      aria-label="Captured requests"
      aria-rowcount={rows.length + 1}
      data-testid="request-table"
    >
      <div class="requests-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <span role="columnheader" key={c} {...(c ? {} : { 'aria-label': 'Findings' })}>
            {c}
          </span>
        ))}
      </div>
      {/* Rows are absolutely placed in a box as tall as the whole list: the browser lays out only the
          rows in view, never a 50,000-row table. */}
      <div class="requests-body" role="rowgroup" style={{ height: `${rows.length * ROW_HEIGHT}px` }}>
        {visible.map((ex, k) => (
          <Row
            key={ex.index}
            ex={ex}
            position={first + k}
            findings={findingsByEntry.get(ex.index)}
            selected={selected === ex.index}
            onSelect={onSelect}
            onOpen={onOpen}
            onContextMenu={onContextMenu}
          />
        ))}
      </div>
    </div>
  );
}

const COLUMNS = ['', '#', 'Method', 'Status', 'Path', 'User', 'Login reason', 'Challenge', 'Session cookie', 'Time'];
const NO_FINDINGS: Finding[] = [];

interface RowProps {
  ex: CapturedExchange;
  position: number;
  findings: Finding[] | undefined;
  selected: boolean;
  onSelect(entry: number): void;
  onOpen(entry: number): void;
  onContextMenu: RequestTableProps['onContextMenu'];
}

/** One row, re-rendered only when its inputs change: scrolling renders just the rows that come into view. */
class Row extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const now = this.props;
    return (Object.keys(next) as (keyof RowProps)[]).some((k) => next[k] !== now[k]);
  }

  override render() {
    return rowView(this.props);
  }
}

function rowView({ ex, position, findings = NO_FINDINGS, selected, onSelect, onOpen, onContextMenu }: RowProps) {
  const worst = worstSeverity(findings);
  const user = firstHeader(ex.responseHeaders, 'x-ausername') ?? '';
  const challenge = parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate'))
    .map((c) => c.scheme)
    .join(', ');
  const sessionCookies = ex.cookiesSent.filter(isSessionCookie);
  const classes = [
    'row',
    position % 2 ? 'alt' : '',
    ex.status === 401 || ex.status === 403 ? 'unauthorized' : '',
    selected ? 'selected' : '',
    findings.some((f) => f.code === 'silent-anonymous') ? 'silent-anonymous' : '',
  ].filter(Boolean);
  return (
    <div
      id={`entry-${ex.index}`}
      role="row"
      data-testid="request-row"
      data-entry={ex.index}
      aria-rowindex={position + 2}
      aria-selected={selected}
      class={classes.join(' ')}
      style={{ transform: `translateY(${position * ROW_HEIGHT}px)` }}
      onClick={() => onSelect(ex.index)}
      onDblClick={() => onOpen(ex.index)}
      onContextMenu={(e) => {
        if (!onContextMenu) return;
        e.preventDefault();
        onContextMenu(ex.index, e.clientX, e.clientY);
      }}
    >
      <span role="gridcell">
        {worst && (
          <span
            class={`marker ${worst}`}
            data-testid="finding-marker"
            data-severity={worst}
            title={findings.map((f) => f.code).join(', ')}
            role="img"
            aria-label={`${findings.length} finding(s): ${findings.map((f) => f.code).join(', ')}`}
          />
        )}
      </span>
      <span role="gridcell">{ex.index}</span>
      <span role="gridcell">{ex.method}</span>
      <span role="gridcell" class="status" data-testid="status">{ex.status || 'failed'}</span>
      <span role="gridcell" class="url" title={ex.url} data-testid="url">{pathOf(ex.url)}</span>
      <span role="gridcell" data-testid="user" class={user === 'anonymous' ? 'anonymous' : undefined}>{user}</span>
      <span role="gridcell" data-testid="login-reason">{firstHeader(ex.responseHeaders, 'x-seraph-loginreason')}</span>
      <span role="gridcell" data-testid="challenge">{challenge}</span>
      <span role="gridcell" data-testid="session-cookie">{sessionCookies.join(', ')}</span>
      <span role="gridcell">{ex.time ? clockTime(ex.time) : ''}</span>
    </div>
  );
}
