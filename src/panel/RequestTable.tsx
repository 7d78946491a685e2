/**
 * The request list, DevTools-style: sortable columns (click a header; aria-sort), resizable (drag a
 * header's edge or use ←/→ on it; widths kept in localStorage), a column chooser (the header's button or
 * right click), every cell cut with an ellipsis and its full value in the tooltip. Virtualized (only the
 * rows in view are in the DOM, so 100,000 rows scroll smoothly), keyboard-driven (↑/↓ move, Enter opens
 * the detail, Esc closes it), a marker on rows with findings.
 */
import { followDrag } from './pointer-drag';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { plural } from '../engine/analysis/plural';
import { Component, type JSX } from 'preact';
import type { CapturedExchange } from '../shared/protocol';
import type { Finding, Severity } from '../engine/types';
import { parseWwwAuthenticate } from '../engine/ground/parse/www-authenticate';
import { isSessionCookie } from '../engine/ground/atlassian';
import { pathOf, requestTime, isoDate, worstSeverity, userName } from './format';
import { visible } from './visible';
import { requestNumber } from '../engine/request-number';
import { firstHeader, headerValues } from '../engine/exchange/headers';
import {
  COLUMNS, COLUMN_BY_ID, DEFAULT_COLUMN_STATE, clampWidth, fitColumns, minOf, nextSort, readColumnState, sortBy, widthOf,
  type ColumnId, type ColumnState,
} from './columns';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { Icon } from './icons';
import './request-table.css';

export const ROW_HEIGHT = 22;
/** Rows rendered beyond the visible ones, each side: enough for a wheel step, few enough for a thumb drag. */
const OVERSCAN = 4;
/** The column chooser's place at the end of the header (and the same gap at the end of every row). */
const CHOOSER_WIDTH = 24;
const STORAGE_KEY = 'seraph-lens.columns';

export interface RequestTableProps {
  rows: readonly CapturedExchange[];
  findingsByEntry: ReadonlyMap<number, Finding[]>;
  selected: number | null;
  onSelect(entry: number | null): void;
  onOpen(entry: number): void;
  /** Right click on a row (row menu); client coordinates. */
  onContextMenu?(entry: number, x: number, y: number): void;
  /** Requests that only "auth-relevant only" hides: said above the list, with a way to show them. */
  hiddenNotAuth?: number;
  onShowAll?(): void;
}

function loadColumns(): ColumnState {
  try {
    return readColumnState(localStorage.getItem(STORAGE_KEY));
  } catch {
    return DEFAULT_COLUMN_STATE;
  }
}

function saveColumns(state: ColumnState): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage refused (quota, policy): the columns still work, only not remembered.
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** What a column sorts by; empty values sort last. */
function sortKey(id: ColumnId, byEntry: ReadonlyMap<number, Finding[]>): (ex: CapturedExchange) => string | number {
  switch (id) {
    case 'marker':
      return (ex) => {
        const worst = worstSeverity(byEntry.get(ex.index) ?? NO_FINDINGS);
        return worst === null ? '' : SEVERITY_RANK[worst];
      };
    case 'index':
      return (ex) => ex.index;
    case 'status':
      return (ex) => ex.status;
    case 'time':
      return (ex) => ex.time;
    case 'method':
    case 'path':
    case 'user':
    case 'reason':
    case 'challenge':
    case 'cookie':
      return (ex) => cellsOf(ex)[id];
  }
}

/** The column layout as one style sheet: rows never re-render for a resize, a hidden column or a narrow panel. */
function layoutCss(state: ColumnState, shown: readonly ColumnId[]): string {
  return COLUMNS.map(({ id }) => {
    if (!shown.includes(id)) return `.rows .c-${id}{display:none!important}`;
    const grow = id === 'path' ? 1 : 0;
    const shrink = id === 'marker' || state.widths[id] !== undefined ? 0 : 1;
    return `.rows .c-${id}{flex:${grow} ${shrink} ${widthOf(state, id)}px;min-width:${minOf(state, id)}px}`;
  }).join('\n');
}

export function RequestTable({ rows: unsorted, findingsByEntry, selected, onSelect, onOpen, onContextMenu, hiddenNotAuth = 0, onShowAll }: RequestTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [width, setWidth] = useState(800);
  const [columns, setColumns] = useState<ColumnState>(loadColumns);
  const [chooser, setChooser] = useState<{ x: number; y: number } | null>(null);

  useEffect(() => saveColumns(columns), [columns]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      setHeight(el.clientHeight || 600);
      setWidth(el.clientWidth || 800);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [unsorted.length === 0]);

  const rows = useMemo(
    () => (columns.sort ? sortBy(unsorted, sortKey(columns.sort.id, findingsByEntry), columns.sort.dir) : unsorted),
    [unsorted, columns.sort, findingsByEntry],
  );
  const { shown, gaveWay } = fitColumns(columns, width - CHOOSER_WIDTH);
  const css = useMemo(() => layoutCss(columns, shown), [columns, shown.join()]);

  // Keep the selected row in view when it moves by keyboard or from a findings link.
  useEffect(() => {
    const el = box.current;
    const i = rows.findIndex((r) => r.index === selected);
    if (!el || i < 0) return;
    const top = i * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT * 2 > el.scrollTop + el.clientHeight) el.scrollTop = top - el.clientHeight + ROW_HEIGHT * 2;
  }, [selected, rows]);

  const hint =
    hiddenNotAuth > 0 ? (
      <div class="list-hint" role="status" data-testid="hidden-hint">
        {hiddenNotAuth} hidden (not auth-relevant) ·{' '}
        <button type="button" class="link" onClick={onShowAll} data-testid="show-all" title="Turn off “Auth-relevant only”">
          show all
        </button>
      </div>
    ) : null;

  if (rows.length === 0) {
    return (
      <div class="list">
        {hint}
        <p class="empty" data-testid="empty">
          {hiddenNotAuth > 0
            ? 'No auth-relevant requests match: the other requests are hidden by “Auth-relevant only”.'
            : 'No matching Atlassian traffic in this tab yet. Reload the page, keep browsing, or relax the filters.'}
        </p>
      </div>
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
    if ((e.target as Element).closest('.requests-head')) return; // header buttons and resizers have their own keys
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

  const setWidthOf = (id: ColumnId, w: number) => setColumns((c) => ({ ...c, widths: { ...c.widths, [id]: clampWidth(w) } }));

  /** Drag a header's right edge: the column follows the pointer and keeps that width; the path column flexes. */
  const startResize = (id: ColumnId, e: PointerEvent) => {
    e.preventDefault();
    e.stopPropagation();
    const cell = (e.currentTarget as HTMLElement).closest('[role="columnheader"]')!;
    const start = cell.getBoundingClientRect().width;
    let moved = false;
    followDrag(e, (dx) => {
      if (!moved && Math.abs(dx) < 2) return;
      moved = true;
      setWidthOf(id, start + dx);
    });
  };

  const chooserItems: MenuItem[] = [
    ...COLUMNS.filter((c) => c.hideable).map((c) => ({
      label: c.label,
      checked: !columns.hidden.includes(c.id),
      ...(gaveWay.includes(c.id) ? { note: 'no room' } : {}),
      testid: `column-toggle-${c.id}`,
      onSelect: () =>
        setColumns((s) => ({ ...s, hidden: s.hidden.includes(c.id) ? s.hidden.filter((h) => h !== c.id) : [...s.hidden, c.id] })),
    })),
    { label: 'Reset columns', separator: true, testid: 'column-reset', onSelect: () => setColumns(DEFAULT_COLUMN_STATE) },
  ];
  const gaveWayNames = gaveWay.map((id) => COLUMN_BY_ID.get(id)!.label).join(', ');

  return (
    <div class="list">
      {hint}
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
        <style>{css}</style>
        <div
          class="requests-head"
          role="row"
          aria-rowindex={1}
          onContextMenu={(e) => {
            e.preventDefault();
            setChooser({ x: e.clientX, y: e.clientY });
          }}
        >
          {COLUMNS.filter((c) => shown.includes(c.id)).map((c) => {
            const sorted = columns.sort?.id === c.id ? columns.sort.dir : null;
            const name = c.label || 'Findings';
            return (
              <span
                role="columnheader"
                key={c.id}
                class={`c-${c.id}`}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                data-column={c.id}
                data-testid="column-header"
              >
                <button
                  type="button"
                  class="head-button"
                  title={`${c.title}. Click to sort.`}
                  aria-label={c.label ? undefined : name}
                  onClick={() => setColumns((s) => ({ ...s, sort: nextSort(s.sort, c.id) }))}
                >
                  <span class="head-label">{c.label}</span>
                  {sorted && <span class="sort-arrow" aria-hidden="true">{sorted === 'asc' ? '▲' : '▼'}</span>}
                </button>
                {c.id !== 'marker' && (
                  <span
                    class="resizer"
                    role="separator"
                    aria-orientation="vertical"
                    aria-label={`Resize the ${name} column`}
                    aria-valuenow={widthOf(columns, c.id)}
                    aria-valuemin={24}
                    tabIndex={0}
                    title="Drag to resize; double-click for the default width"
                    data-testid="column-resizer"
                    onPointerDown={(e) => startResize(c.id, e)}
                    onDblClick={() => setColumns((s) => { const widths = { ...s.widths }; delete widths[c.id]; return { ...s, widths }; })}
                    onKeyDown={(e) => {
                      const step = e.shiftKey ? 1 : 10;
                      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
                      e.preventDefault();
                      setWidthOf(c.id, (e.currentTarget as HTMLElement).parentElement!.getBoundingClientRect().width + (e.key === 'ArrowRight' ? step : -step));
                    }}
                  />
                )}
              </span>
            );
          })}
          <span class="chooser-cell" role="columnheader" aria-label="Column chooser">
            <button
              type="button"
              class="icon-button chooser"
              data-testid="column-chooser"
              aria-haspopup="menu"
              title={gaveWay.length ? `Columns. No room for ${gaveWayNames} at this width: widen the panel or hide other columns.` : 'Columns'}
              aria-label={gaveWay.length ? `+${gaveWay.length} columns without room (${gaveWayNames}): choose columns` : 'Columns'}
              onClick={(e) => {
                const r = (e.currentTarget as HTMLElement).getBoundingClientRect();
                setChooser({ x: r.right - 180, y: r.bottom });
              }}
            >
              {gaveWay.length ? <span class="gave-way" data-testid="columns-gave-way">+{gaveWay.length}</span> : <Icon name="columns" />}
            </button>
          </span>
        </div>
        {/* Rows are absolutely placed in a box as tall as the whole list: the browser lays out only the
            rows in view, never a 100,000-row table. Their place in the list is aria-rowindex. */}
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
      {chooser && <ContextMenu x={chooser.x} y={chooser.y} items={chooserItems} label="Columns" onClose={() => setChooser(null)} testid="column-menu" />}
    </div>
  );
}

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
  status: string;
  user: string;
  reason: string;
  challenge: string;
  cookie: string;
  /** `YYYY-MM-DD ` when not today (as of when the row was first shown), else ''. */
  date: string;
  /** `HH:MM:SS.mmm`. */
  clock: string;
  /** The full date and time, for the tooltip. */
  timeFull: string;
  unauthorized: boolean;
}

const cellCache = new WeakMap<CapturedExchange, RowCells>();

function cellsOf(ex: CapturedExchange): RowCells {
  let cells = cellCache.get(ex);
  if (!cells) {
    const shown = ex.time ? requestTime(ex.time) : '';
    const cut = shown.lastIndexOf(' ') + 1;
    cells = {
      // Server-controlled text, shown with invisible characters escaped (visible.ts).
      path: visible(pathOf(ex.url)),
      url: visible(ex.url),
      method: visible(ex.method),
      status: ex.status ? String(ex.status) : 'failed',
      // Server/DC names the caller in X-AUSERNAME, Cloud by account id in X-AACCOUNTID.
      user: userName(firstHeader(ex.responseHeaders, 'x-ausername')) || visible(firstHeader(ex.responseHeaders, 'x-aaccountid')?.trim() ?? ''),
      reason: visible(firstHeader(ex.responseHeaders, 'x-seraph-loginreason') ?? ''),
      challenge: visible(
        parseWwwAuthenticate(headerValues(ex.responseHeaders, 'www-authenticate'))
          .map((c) => c.scheme)
          .join(', '),
      ),
      cookie: visible(ex.cookiesSent.filter(isSessionCookie).join(', ')),
      date: shown.slice(0, cut),
      clock: shown.slice(cut),
      timeFull: ex.time ? `${isoDate(ex.time)} ${requestTime(ex.time, ex.time)}` : '',
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

/** Every cell is cut with an ellipsis (CSS) and carries its full value in the tooltip. */
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
      <span role="gridcell" class="c-marker">
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
      <span role="gridcell" class="c-index" data-testid="index">{requestNumber(ex.index)}</span>
      <span role="gridcell" class="c-method" title={cells.method}>{cells.method}</span>
      <span role="gridcell" class="c-status status" data-testid="status" title={cells.status}>{cells.status}</span>
      <span role="gridcell" class="c-path url" title={cells.url} data-testid="url">{cells.path}</span>
      <span role="gridcell" class={cells.user === 'anonymous' ? 'c-user anonymous' : 'c-user'} data-testid="user" title={cells.user}>{cells.user}</span>
      <span role="gridcell" class="c-reason" data-testid="login-reason" title={cells.reason}>{cells.reason}</span>
      <span role="gridcell" class="c-challenge" data-testid="challenge" title={cells.challenge}>{cells.challenge}</span>
      <span role="gridcell" class="c-cookie" data-testid="session-cookie" title={cells.cookie}>{cells.cookie}</span>
      <span role="gridcell" class="c-time" data-testid="time" title={cells.timeFull}>
        {cells.date && <span class="date">{cells.date}</span>}
        <span class="clock">{cells.clock}</span>
      </span>
    </div>
  );
}
