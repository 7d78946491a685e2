import { useMemo, useState } from 'preact/hooks';
import type { PanelView } from './model';
import { RequestTable } from './RequestTable';
import { RequestDetail } from './RequestDetail';
import { Findings } from './Findings';
import { Timeline } from './timeline/Timeline';
import { Toolbar } from './Toolbar';
import { StoryHeader } from './StoryHeader';
import { applyFilters, origins, DEFAULT_FILTERS, type Filters } from './filters';
import type { ReplayActions } from './Replay';
import { visible } from './visible';
import type { RequestExportActions } from './RequestExport';

export interface AppProps {
  view: PanelView;
  now: number;
  error: string | null;
  onClear(): void;
  onExport(): void;
  onImport(file: File): void;
  /** A HAR import under way: its file, progress 0..1 and what it is doing. */
  importing?: { name: string; fraction: number; text: string } | null;
  onCancelImport?(): void;
  onBackToLive(): void;
  replay: ReplayActions;
  /** The record toggle: pause (false) or resume (true) capture for the tab. */
  onRecord?(recording: boolean): void;
  /** Export or copy one request (RequestDetail's header). */
  requestExport?: RequestExportActions;
}

export function App({ view, now, error, onClear, onExport, onImport, importing = null, onCancelImport, onBackToLive, replay, onRecord, requestExport }: AppProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [replayOpen, setReplayOpen] = useState(false);
  const [menu, setMenu] = useState<{ entry: number; x: number; y: number } | null>(null);
  const live = view.source === 'live';
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const rows = useMemo(() => applyFilters(view.exchanges, view.findingsByEntry, filters), [view.version, filters]);
  const originChoices = useMemo(() => origins(view.exchanges), [view.version]);
  const detail = open === null ? undefined : view.exchanges.find((e) => e.index === open);

  const show = (entry: number) => {
    // A link to a request hidden by the filters shows everything rather than nothing.
    if (!rows.some((r) => r.index === entry)) setFilters({ ...DEFAULT_FILTERS, authOnly: false });
    setSelected(entry);
    setOpen(entry);
  };

  return (
    <main
      class="panel"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer?.files[0];
        if (file) onImport(file);
      }}
    >
      <Toolbar
        view={view}
        filters={filters}
        originChoices={originChoices}
        shown={rows.length}
        onFilters={setFilters}
        onClear={onClear}
        onExport={onExport}
        onImport={onImport}
        onBackToLive={onBackToLive}
        {...(onRecord ? { onRecord } : {})}
      />
      <StoryHeader view={view} now={now} onSelect={show} />
      {importing && (
        <div class="banner import-progress" role="status" data-testid="import-progress">
          Importing {visible(importing.name)}: <span data-testid="import-progress-text">{importing.text}</span>{' '}
          <progress max={1} value={importing.fraction} aria-label="Import progress" data-testid="import-progress-bar" />{' '}
          <button type="button" onClick={onCancelImport} data-testid="import-cancel">
            Cancel
          </button>
        </div>
      )}
      {error && (
        <p class="banner error" role="alert" data-testid="error">
          {visible(error)}
        </p>
      )}
      <Timeline
        sessions={view.sessions}
        exchanges={view.exchanges}
        findingsByEntry={view.findingsByEntry}
        version={view.version}
        now={now}
        live={live}
        selected={selected}
        onSelect={show}
      />
      <div class="split">
        <RequestTable
          rows={rows}
          findingsByEntry={view.findingsByEntry}
          selected={selected}
          onSelect={(entry) => {
            setSelected(entry);
            if (entry === null) setOpen(null);
            else if (open !== null) setOpen(entry);
          }}
          onOpen={(entry) => {
            setReplayOpen(false);
            setOpen(entry);
          }}
          onContextMenu={(entry, x, y) => {
            setSelected(entry);
            setMenu({ entry, x, y });
          }}
        />
        <aside class="side">
          {detail ? (
            <RequestDetail
              exchange={detail}
              findings={view.findingsByEntry.get(detail.index) ?? []}
              onClose={() => setOpen(null)}
              replayOpen={replayOpen}
              {...(live ? { replay } : {})}
              {...(requestExport ? { requestExport } : {})}
            />
          ) : (
            <Findings findings={view.findings} version={view.version} onSelect={show} />
          )}
        </aside>
      </div>
      {menu && (
        <div class="context-menu" role="menu" style={{ left: `${menu.x}px`, top: `${menu.y}px` }} onMouseLeave={() => setMenu(null)} data-testid="row-menu">
          <button type="button" role="menuitem" onClick={() => { setOpen(menu.entry); setReplayOpen(false); setMenu(null); }}>Show details</button>
          {live && (
            <button type="button" role="menuitem" onClick={() => { setOpen(menu.entry); setReplayOpen(true); setMenu(null); }} data-testid="menu-replay">
              Replay…
            </button>
          )}
          <button type="button" role="menuitem" onClick={() => setMenu(null)}>Cancel</button>
        </div>
      )}
    </main>
  );
}
