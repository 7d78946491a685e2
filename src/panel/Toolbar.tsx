import { useMemo, useRef } from 'preact/hooks';
import type { Filters } from './filters';
import { plural } from '../engine/analysis/plural';
import type { PanelView } from './model';
import { visible } from './visible';
import { RecordToggle } from './RecordToggle';
import { Icon } from './icons';
import { HelpButton } from './Help';
import { worstSeverity } from './format';

export interface ToolbarProps {
  view: PanelView;
  filters: Filters;
  shown: number;
  onFilters(f: Filters): void;
  onClear(): void;
  onExport(): void;
  onImport(file: File): void;
  /** Opens the dialog that takes a pasted transcript (curl -v, HTTPie, raw HTTP) or HAR text. */
  onPaste(): void;
  onBackToLive(): void;
  onRecord?(recording: boolean): void;
  /** The findings pane: shown beside (or below) the list only while this toggle is on. */
  findingsOpen: boolean;
  onFindings(open: boolean): void;
}

const FILTER_HELP =
  'Filter like the Network panel: status:401, status:4xx, method:POST, user:anonymous, origin:jira, ' +
  'finding:silent-anonymous, path:/rest/, reason:AUTHENTICATED_FAILED, plain text; "quote" values with spaces; ' +
  '-term leaves matches out (-login, -status:200). More under ? at the end of the toolbar.';

/**
 * DevTools' toolbar: one 28 px row of 24 px icon buttons (each with a tooltip and an accessible name),
 * checkboxes and the filter box, groups split by dividers. New buttons (record, …) go in the first group.
 */
export function Toolbar({ view, filters, shown, onFilters, onClear, onExport, onImport, onPaste, onBackToLive, onRecord, findingsOpen, onFindings }: ToolbarProps) {
  const { summary } = view;
  const set = (patch: Partial<Filters>) => onFilters({ ...filters, ...patch });
  const fileInput = useRef<HTMLInputElement>(null);
  // The toolbar re-renders every second; the findings change only with the log.
  const worst = useMemo(() => worstSeverity(view.findings), [view.version, view.findings.length]);
  return (
    <div class="toolbar" role="toolbar" aria-label="Seraph Lens">
      {view.source === 'live' ? (
        <>
          {onRecord && <RecordToggle pause={view.pause} onRecord={onRecord} />}
          <button type="button" class="icon-button" onClick={onClear} data-testid="clear" title="Clear the tab's log" aria-label="Clear the tab's log">
            <Icon name="clear" />
          </button>
        </>
      ) : (
        <span class="imported" data-testid="imported">
          <button type="button" class="icon-button" onClick={onBackToLive} data-testid="back-to-live" title="Back to the live log" aria-label="Back to the live log">
            <Icon name="back" />
          </button>
          {view.source.format ? (
            <>
              {visible(view.source.imported)} read as {view.source.format}
            </>
          ) : (
            <>HAR {visible(view.source.imported)}</>
          )}{' '}
          (read-only{view.source.skipped ? `, ${plural(view.source.skipped, 'malformed entry', 'malformed entries')} skipped` : ''}
          {view.source.lacks?.length ? <span data-testid="imported-lacks">; not in the text: {view.source.lacks.join(', ')}</span> : null})
        </span>
      )}
      <button
        type="button"
        class="icon-button"
        title="Import a HAR file or a saved curl -v / HTTPie transcript (or drop one on the panel)"
        aria-label="Import a HAR file or a transcript"
        data-testid="import-har-button"
        onClick={() => fileInput.current?.click()}
      >
        <Icon name="import" />
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".har,.txt,.log,application/json,text/plain"
        hidden
        data-testid="import-har"
        onChange={(e) => {
          const input = e.currentTarget as HTMLInputElement;
          const file = input.files?.[0];
          if (file) onImport(file);
          input.value = '';
        }}
      />
      <button
        type="button"
        class="icon-button"
        title="Paste a curl -v, HTTPie or raw HTTP transcript (or press Ctrl+V / ⌘V on the panel)"
        aria-label="Paste a transcript"
        data-testid="paste-transcript-button"
        onClick={onPaste}
      >
        <Icon name="paste" />
      </button>
      <button
        type="button"
        class="icon-button"
        onClick={onExport}
        data-testid="export-har"
        title="Export HAR (secret values are never stored, so the export cannot contain them)"
        aria-label="Export HAR"
      >
        <Icon name="export" />
      </button>
      <span class="divider" role="separator" />
      <input
        type="search"
        placeholder="Filter (status:401 -path user: finding:)"
        title={FILTER_HELP}
        value={filters.text}
        onInput={(e) => set({ text: (e.currentTarget as HTMLInputElement).value })}
        aria-label="Filter requests"
        data-testid="filter-text"
      />
      <label class="check" title="Keep requests from before the last page navigation">
        <input type="checkbox" checked={filters.preserveLog} onChange={(e) => set({ preserveLog: (e.currentTarget as HTMLInputElement).checked })} data-testid="preserve-log" />
        Preserve log
      </label>
      <label class="check" title="Only requests that say something about authentication: logins, 401/403, Seraph headers, session cookies, findings">
        <input type="checkbox" checked={filters.authOnly} onChange={(e) => set({ authOnly: (e.currentTarget as HTMLInputElement).checked })} data-testid="filter-auth-only" />
        Auth-relevant only
      </label>
      <span class="divider" role="separator" />
      <span class="muted summary" data-testid="summary">
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
      <span class="toolbar-end">
        <FindingsToggle count={view.findings.length} worst={worst} open={findingsOpen} onToggle={onFindings} />
        <HelpButton />
      </span>
    </div>
  );
}

/** DevTools' issues counter in spirit: the number of findings, coloured by the worst, pressed while the pane shows. */
function FindingsToggle({ count, worst, open, onToggle }: { count: number; worst: ReturnType<typeof worstSeverity>; open: boolean; onToggle(open: boolean): void }) {
  const label = `${open ? 'Hide' : 'Show'} the findings (${count})`;
  return (
    <button
      type="button"
      class={`icon-button toggle findings-toggle${worst ? ` ${worst}` : ''}`}
      aria-pressed={open}
      title={label}
      aria-label={`Findings ${count}`}
      data-testid="findings-toggle"
      onClick={() => onToggle(!open)}
    >
      <Icon name="findings" />
      <span class="count" data-testid="findings-toggle-count">{count}</span>
    </button>
  );
}
