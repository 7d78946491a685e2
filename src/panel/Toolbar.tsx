import type { Filters, StatusClass } from './filters';
import { plural } from '../engine/analysis/plural';
import type { PanelView } from './model';
import { visible } from './visible';
import { RecordToggle } from './RecordToggle';

export interface ToolbarProps {
  view: PanelView;
  filters: Filters;
  originChoices: string[];
  shown: number;
  onFilters(f: Filters): void;
  onClear(): void;
  onExport(): void;
  onImport(file: File): void;
  onBackToLive(): void;
  onRecord?(recording: boolean): void;
}

const STATUS: StatusClass[] = ['all', '2xx', '3xx', '4xx', '5xx', 'failed'];

export function Toolbar({ view, filters, originChoices, shown, onFilters, onClear, onExport, onImport, onBackToLive, onRecord }: ToolbarProps) {
  const { summary } = view;
  const set = (patch: Partial<Filters>) => onFilters({ ...filters, ...patch });
  return (
    <div class="toolbar" role="toolbar" aria-label="Seraph Lens">
      <strong>Seraph Lens</strong>
      {view.source === 'live' ? (
        <>
          {onRecord && <RecordToggle pause={view.pause} onRecord={onRecord} />}
          <button type="button" onClick={onClear} data-testid="clear" title="Clear the tab's log">
            Clear
          </button>
        </>
      ) : (
        <span class="imported" data-testid="imported">
          HAR {visible(view.source.imported)} (read-only{view.source.skipped ? `, ${view.source.skipped} malformed entries skipped` : ''}){' '}
          <button type="button" onClick={onBackToLive} data-testid="back-to-live">
            Back to live
          </button>
        </span>
      )}
      <label title="Keep requests from before the last page navigation">
        <input type="checkbox" checked={filters.preserveLog} onChange={(e) => set({ preserveLog: (e.currentTarget as HTMLInputElement).checked })} data-testid="preserve-log" /> Preserve log
      </label>
      <input type="search" placeholder="Filter" value={filters.text} onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })} aria-label="Filter requests" data-testid="filter-text" />
      <label>
        <input type="checkbox" checked={filters.authOnly} onChange={(e) => set({ authOnly: (e.currentTarget as HTMLInputElement).checked })} data-testid="filter-auth-only" /> Auth-relevant only
      </label>
      <select value={filters.status} onChange={(e) => set({ status: (e.currentTarget as HTMLSelectElement).value as StatusClass })} aria-label="Status class" data-testid="filter-status">
        {STATUS.map((s) => (
          <option key={s} value={s}>
            {s === 'all' ? 'All statuses' : s}
          </option>
        ))}
      </select>
      {originChoices.length > 1 && (
        <select value={filters.origin} onChange={(e) => set({ origin: (e.currentTarget as HTMLSelectElement).value })} aria-label="Origin" data-testid="filter-origin">
          <option value="">All origins</option>
          {originChoices.map((o) => (
            <option key={o} value={o}>
              {visible(o)}
            </option>
          ))}
        </select>
      )}
      <label class="button" title="Import a HAR file (or drop one on the panel)">
        Import HAR
        <input
          type="file"
          accept=".har,application/json"
          hidden
          data-testid="import-har"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) onImport(file);
            input.value = '';
          }}
        />
      </label>
      <button type="button" onClick={onExport} data-testid="export-har" title="Secret values are never stored, so the export cannot contain them">
        Export HAR
      </button>
      <span class="muted" data-testid="summary">
        {shown} shown · {plural(summary.captured, 'request')} · {summary.unauthorized} × 401 · {plural(view.findings.length, 'finding')}
        {summary.dropped > 0 ? ` · ${summary.dropped} oldest dropped` : ''}
      </span>
      {summary.relief?.length ? (
        <span class="muted" data-testid="storage-relief" title="The log of every tab shares the browser's session storage; the tab using the most loses its oldest requests first">
          Storage full:{' '}
          {summary.relief
            .map((r) => `${r.tabId === summary.tabId ? 'this tab' : `tab ${r.tabId}`}${r.site ? ` (${r.site})` : ''} lost its ${r.records === 1 ? 'oldest request' : `${r.records} oldest requests`}`)
            .join('; ')}
          , the tab using the most storage first.
        </span>
      ) : null}
      {!view.connected && view.source === 'live' && <span class="muted">connecting…</span>}
    </div>
  );
}
