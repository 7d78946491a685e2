/**
 * The request list: virtualized (only the rows in view are in the DOM, so 50,000 rows scroll smoothly),
 * keyboard-driven (↑/↓ move, Enter opens the detail, Esc closes it), a marker on rows with findings.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CapturedExchange } from '../shared/protocol';
import type { Finding } from '../engine/types';
import { parseWwwAuthenticate } from '../engine/parse/www-authenticate';
import { isSessionCookie } from '../engine/atlassian';
import { pathOf, clockTime, worstSeverity } from './format';
import { firstHeader } from '../engine/headers';

export const ROW_HEIGHT = 22;
const OVERSCAN = 10;

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
      <table class="requests">
        <thead>
          <tr>
            <th scope="col" aria-label="Findings"></th>
            <th scope="col">#</th>
            <th scope="col">Method</th>
            <th scope="col">Status</th>
            <th scope="col">Path</th>
            <th scope="col">User</th>
            <th scope="col">Login reason</th>
            <th scope="col">Challenge</th>
            <th scope="col">Session cookie</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: `${first * ROW_HEIGHT}px` }} aria-hidden="true" />}
          {visible.map((ex, k) => {
            const findings = findingsByEntry.get(ex.index) ?? [];
            const worst = worstSeverity(findings);
            const user = firstHeader(ex.responseHeaders, 'x-ausername') ?? '';
            const challenge = parseWwwAuthenticate(ex.responseHeaders.filter((h) => h.name.toLowerCase() === 'www-authenticate').map((h) => h.value))
              .map((c) => c.scheme)
              .join(', ');
            const sessionCookies = ex.cookiesSent.filter(isSessionCookie);
            const classes = [
              ex.status === 401 || ex.status === 403 ? 'unauthorized' : '',
              selected === ex.index ? 'selected' : '',
              findings.some((f) => f.code === 'silent-anonymous') ? 'silent-anonymous' : '',
            ].filter(Boolean);
            return (
              <tr
                key={ex.index}
                id={`entry-${ex.index}`}
                data-testid="request-row"
                data-entry={ex.index}
                aria-rowindex={first + k + 2}
                aria-selected={selected === ex.index}
                class={classes.join(' ') || undefined}
                onClick={() => onSelect(ex.index)}
                onDblClick={() => onOpen(ex.index)}
                onContextMenu={(e) => {
                  if (!onContextMenu) return;
                  e.preventDefault();
                  onContextMenu(ex.index, e.clientX, e.clientY);
                }}
              >
                <td>
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
                </td>
                <td>{ex.index}</td>
                <td>{ex.method}</td>
                <td data-testid="status">{ex.status || 'failed'}</td>
                <td class="url" title={ex.url} data-testid="url">
                  {pathOf(ex.url)}
                </td>
                <td data-testid="user" class={user === 'anonymous' ? 'anonymous' : undefined}>
                  {user}
                </td>
                <td data-testid="login-reason">{firstHeader(ex.responseHeaders, 'x-seraph-loginreason')}</td>
                <td data-testid="challenge">{challenge}</td>
                <td data-testid="session-cookie">{sessionCookies.join(', ')}</td>
                <td>{ex.time ? clockTime(ex.time) : ''}</td>
              </tr>
            );
          })}
          {last < rows.length && <tr style={{ height: `${(rows.length - last) * ROW_HEIGHT}px` }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}
