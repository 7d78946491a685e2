/**
 * The request list: virtualized (only the rows in view are in the DOM, so 50,000 rows scroll smoothly),
 * keyboard-driven (↑/↓ move, Enter opens the detail, Esc closes it), a marker on rows with findings.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { plural } from '../engine/analysis/plural';
import { Component, type JSX } from 'preact';
import type { CapturedExchange } from '../shared/protocol';
import type { Finding } from '../engine/types';
import { parseWwwAuthenticate } from '../engine/analysis/parse/www-authenticate';
import { isSessionCookie } from '../engine/analysis/atlassian';
import { pathOf, clockTime, worstSeverity, userName } from './format';
import { visible } from './visible';
import { firstHeader, headerValues } from '../engine/exchange/headers';

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
  // A fixed set of row slots, at least as many as rows can be in view: position p always goes to slot
  // p % slots, so a scroll step refills the few slots whose rows left the view and leaves the others (and
  // every DOM node) where they are, instead of unmounting and creating rows.
  const slots = Math.ceil(height / ROW_HEIGHT) + 2 * OVERSCAN + 2;
  const slotted: (JSX.Element | null)[] = [];
  for (let slot = 0; slot < slots; slot++) {
    const position = first + ((slot - (first % slots) + slots) % slots);
    const ex = position < last ? rows[position] : undefined;
    slotted.push(
      ex ? (
        <Row key={slot} ex={ex} position={position} findings={findingsByEntry.get(ex.index)} selected={selected === ex.index} />
      ) : null,
    );
  }

  const onKeyDown = (e: KeyboardEvent) => {
    const i = rows.findIndex((r) => r.index === selected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? Math.min(rows.length - 1, i + 1) : Math.max(0, i < 0 ? 0 : i - 1);
      onSelect(rows[next]!.index);
    } else if (e.key === 'Enter' && selected !== null) onOpen(selected);
    else if (e.key === 'Escape') onSelect(null);
  };

  // One listener per event for all rows (rows carry their entry in data-entry): rows have no handlers of
  // their own to create, attach and compare on every scroll step.
  const entryOf = (e: Event): number | null => {
    const row = (e.target as Element | null)?.closest?.('[data-entry]');
    return row ? Number(row.getAttribute('data-entry')) : null;
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
          rows in view, never a 50,000-row table. Their place in the list is aria-rowindex. */}
      <div
        class="requests-body"
        role="rowgroup"
        style={{ height: `${rows.length * ROW_HEIGHT}px` }}
        onClick={(e) => {
          const entry = entryOf(e);
          if (entry !== null) onSelect(entry);
        }}
        onDblClick={(e) => {
          const entry = entryOf(e);
          if (entry !== null) onOpen(entry);
        }}
        onContextMenu={(e) => {
          const entry = entryOf(e);
          if (entry === null || !onContextMenu) return;
          e.preventDefault();
          onContextMenu(entry, e.clientX, e.clientY);
        }}
      >
        {slotted}
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
}

/** What a row shows of an exchange, worked out once per exchange (not per frame): exchanges never change. */
interface RowCells {
  path: string;
  url: string;
  method: string;
  user: string;
  loginReason: string;
  challenge: string;
  sessionCookies: string;
  time: string;
  unauthorized: boolean;
}

const cellCache = new WeakMap<CapturedExchange, RowCells>();

function cellsOf(ex: CapturedExchange): RowCells {
  let cells = cellCache.get(ex);
  if (!cells) {
    cells = {
      // Server-controlled text, shown with invisible characters escaped (visible.ts).
      path: visible(pathOf(ex.url)),
      url: visible(ex.url),
      method: visible(ex.method),
      // Server/DC names the caller in X-AUSERNAME, Cloud by account id in X-AACCOUNTID.
      user: userName(firstHeader(ex.responseHeaders, 'x-ausername')) || visible(firstHeader(ex.responseHeaders, 'x-aaccountid')?.trim() ?? ''),
      loginReason: visible(firstHeader(ex.responseHeaders, 'x-seraph-loginreason') ?? ''),
      challenge: visible(
        parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate'))
          .map((c) => c.scheme)
          .join(', '),
      ),
      sessionCookies: visible(ex.cookiesSent.filter(isSessionCookie).join(', ')),
      time: ex.time ? clockTime(ex.time) : '',
      unauthorized: ex.status === 401 || ex.status === 403,
    };
    cellCache.set(ex, cells);
  }
  return cells;
}

/**
 * One row slot. It re-renders only when its inputs change: a scroll step re-renders just the slots that
 * get a new row. The findings list of an entry can grow (live capture), so its length is compared too.
 */
class Row extends Component<RowProps> {
  private findingCount = 0;

  override shouldComponentUpdate(next: RowProps): boolean {
    const now = this.props;
    return (
      next.ex !== now.ex ||
      next.position !== now.position ||
      next.selected !== now.selected ||
      next.findings !== now.findings ||
      (next.findings?.length ?? 0) !== this.findingCount
    );
  }

  override render() {
    this.findingCount = this.props.findings?.length ?? 0;
    return rowView(this.props);
  }
}

function rowView({ ex, position, findings = NO_FINDINGS, selected }: RowProps) {
  const cells = cellsOf(ex);
  const worst = worstSeverity(findings);
  let cls = position % 2 ? 'row alt' : 'row';
  if (cells.unauthorized) cls += ' unauthorized';
  if (selected) cls += ' selected';
  if (findings.some((f) => f.code === 'silent-anonymous')) cls += ' silent-anonymous';
  const codes = worst ? findings.map((f) => f.code).join(', ') : '';
  return (
    <div
      id={`entry-${ex.index}`}
      role="row"
      data-testid="request-row"
      data-entry={ex.index}
      aria-rowindex={position + 2}
      aria-selected={selected}
      class={cls}
      style={{ transform: `translateY(${position * ROW_HEIGHT}px)` }}
    >
      <span role="gridcell">
        {worst && (
          <span
            class={`marker ${worst}`}
            data-testid="finding-marker"
            data-severity={worst}
            title={codes}
            role="img"
            aria-label={`${plural(findings.length, 'finding')}: ${codes}`}
          />
        )}
      </span>
      <span role="gridcell">{ex.index}</span>
      <span role="gridcell">{cells.method}</span>
      <span role="gridcell" class="status" data-testid="status">{ex.status || 'failed'}</span>
      <span role="gridcell" class="url" title={cells.url} data-testid="url">{cells.path}</span>
      <span role="gridcell" data-testid="user" class={cells.user === 'anonymous' ? 'anonymous' : undefined}>{cells.user}</span>
      <span role="gridcell" data-testid="login-reason">{cells.loginReason}</span>
      <span role="gridcell" data-testid="challenge">{cells.challenge}</span>
      <span role="gridcell" data-testid="session-cookie">{cells.sessionCookies}</span>
      <span role="gridcell">{cells.time}</span>
    </div>
  );
}
