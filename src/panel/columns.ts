/**
 * The request list's columns as data: what each is called, its default and readable minimum width, the
 * order in which they give way when the panel is too narrow, how a user's widths, hidden columns and sort
 * are kept (localStorage) and read back. Pure: RequestTable renders what these functions decide.
 */

export type ColumnId = 'marker' | 'index' | 'method' | 'status' | 'path' | 'user' | 'reason' | 'challenge' | 'cookie' | 'time';

export interface ColumnDef {
  id: ColumnId;
  /** Header text ('' for the findings marker, which has an aria-label instead). */
  label: string;
  /** What the header's tooltip says. */
  title: string;
  /** Default width in px; the path column takes what is left. */
  width: number;
  /**
   * Narrowest the column and its header are still readable at (AUTHENTICATION_DENIED needs ~140 px at 12 px;
   * "anonymous" ~78 px in Firefox's wider default sans, so the user column keeps 90).
   */
  min: number;
  hideable: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'marker', label: '', title: 'Findings on the request (worst first)', width: 20, min: 20, hideable: false },
  { id: 'index', label: '#', title: 'Request number (1 first, in order of capture): the story, findings, popup and CLI name requests by it', width: 44, min: 36, hideable: true },
  { id: 'method', label: 'Method', title: 'Request method', width: 68, min: 62, hideable: true },
  { id: 'status', label: 'Status', title: 'HTTP status (failed: no response)', width: 60, min: 56, hideable: false },
  { id: 'path', label: 'Path', title: 'Path and query; the full URL in each cell’s tooltip', width: 260, min: 100, hideable: false },
  { id: 'user', label: 'User', title: 'X-AUSERNAME (Server/DC) or X-AACCOUNTID (Cloud): who the server says made the request', width: 110, min: 90, hideable: true },
  { id: 'reason', label: 'Login reason', title: 'X-Seraph-LoginReason', width: 170, min: 140, hideable: true },
  { id: 'challenge', label: 'Challenge', title: 'WWW-Authenticate schemes', width: 96, min: 78, hideable: true },
  { id: 'cookie', label: 'Session cookie', title: 'Session cookies the request carried (names only, never values)', width: 130, min: 104, hideable: true },
  { id: 'time', label: 'Time', title: 'When the request started (local time; the date when not today)', width: 110, min: 90, hideable: true },
];

export const COLUMN_BY_ID: ReadonlyMap<ColumnId, ColumnDef> = new Map(COLUMNS.map((c) => [c.id, c]));

/**
 * When the panel is too narrow for every shown column at its readable minimum, these give way first, in
 * this order, so #, status, path, user and login reason stay readable docked right at 500 px (the story and
 * findings name requests by their #). The header says which gave way (never silently).
 */
export const GIVE_WAY: readonly ColumnId[] = ['cookie', 'challenge', 'time', 'method'];

export type SortDir = 'asc' | 'desc';
export interface ColumnState {
  /** User-set widths in px, by column. */
  widths: Partial<Record<ColumnId, number>>;
  hidden: ColumnId[];
  sort: { id: ColumnId; dir: SortDir } | null;
}

export const DEFAULT_COLUMN_STATE: ColumnState = { widths: {}, hidden: [], sort: null };
export const MIN_RESIZE = 24;
export const MAX_RESIZE = 2000;

const isColumn = (v: unknown): v is ColumnId => typeof v === 'string' && COLUMN_BY_ID.has(v as ColumnId);

/** A stored state read back; anything malformed or unknown (an older version's columns) is dropped. */
export function readColumnState(json: string | null): ColumnState {
  if (!json) return DEFAULT_COLUMN_STATE;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_COLUMN_STATE;
  }
  if (!raw || typeof raw !== 'object') return DEFAULT_COLUMN_STATE;
  const r = raw as Record<string, unknown>;
  const widths: ColumnState['widths'] = {};
  if (r.widths && typeof r.widths === 'object') {
    for (const [id, w] of Object.entries(r.widths as Record<string, unknown>)) {
      if (isColumn(id) && typeof w === 'number' && Number.isFinite(w)) widths[id] = clampWidth(w);
    }
  }
  const hidden = Array.isArray(r.hidden) ? [...new Set(r.hidden.filter(isColumn).filter((id) => COLUMN_BY_ID.get(id)!.hideable))] : [];
  const s = r.sort as Record<string, unknown> | null | undefined;
  const sort = s && isColumn(s.id) && (s.dir === 'asc' || s.dir === 'desc') ? { id: s.id, dir: s.dir as SortDir } : null;
  return { widths, hidden, sort };
}

export function clampWidth(w: number): number {
  return Math.round(Math.min(MAX_RESIZE, Math.max(MIN_RESIZE, w)));
}

export function widthOf(state: ColumnState, id: ColumnId): number {
  return state.widths[id] ?? COLUMN_BY_ID.get(id)!.width;
}

/**
 * The width a column keeps however narrow the panel: the one the user dragged it to, else its readable
 * minimum. A user's width is honoured; columns that give way make the room for it (and say so).
 */
export function minOf(state: ColumnState, id: ColumnId): number {
  return state.widths[id] ?? COLUMN_BY_ID.get(id)!.min;
}

/** Which of the shown columns fit `available` px at their minimum; the others gave way (GIVE_WAY order). */
export function fitColumns(state: ColumnState, available: number): { shown: ColumnId[]; gaveWay: ColumnId[] } {
  let shown = COLUMNS.map((c) => c.id).filter((id) => !state.hidden.includes(id));
  const gaveWay: ColumnId[] = [];
  const need = () => shown.reduce((sum, id) => sum + minOf(state, id), 0);
  for (const id of GIVE_WAY) {
    if (need() <= available) break;
    if (!shown.includes(id)) continue;
    shown = shown.filter((s) => s !== id);
    gaveWay.push(id);
  }
  return { shown, gaveWay };
}

/** The next sort after a click on a column's header: ascending, then descending, then capture order. */
export function nextSort(sort: ColumnState['sort'], id: ColumnId): ColumnState['sort'] {
  if (!sort || sort.id !== id) return { id, dir: 'asc' };
  return sort.dir === 'asc' ? { id, dir: 'desc' } : null;
}

/**
 * Sorts items by a key, stable (ties keep capture order), numbers before text, empty values last in both
 * directions (like DevTools: a column sorted by user puts the requests without one at the end).
 */
export function sortBy<T>(items: readonly T[], key: (item: T) => string | number, dir: SortDir): T[] {
  const keyed = items.map((item, i) => ({ item, i, k: key(item) }));
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    const ea = a.k === '';
    const eb = b.k === '';
    if (ea !== eb) return ea ? 1 : -1;
    let c = 0;
    if (typeof a.k === 'number' && typeof b.k === 'number') c = a.k - b.k;
    else c = COLLATOR.compare(String(a.k), String(b.k));
    return c !== 0 ? sign * c : a.i - b.i;
  });
  return keyed.map((k) => k.item);
}

const COLLATOR = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
