import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PanelView } from './model';
import { RequestTable } from './RequestTable';
import { RequestDetail } from './RequestDetail';
import { Findings } from './Findings';
import { Timeline } from './timeline/Timeline';
import { Toolbar } from './Toolbar';
import { StoryHeader } from './StoryHeader';
import { filterRows, DEFAULT_FILTERS, type Filters } from './filters';
import type { ReplayActions } from './Replay';
import { visible } from './visible';
import type { RequestExportActions } from './RequestExport';
import { SplitView } from './Splitter';
import { ContextMenu } from './ContextMenu';
import { PasteDialog } from './PasteDialog';
import { curlOf, harEntryText, singleEntryHar } from '../engine/har/single-entry';
import { exportFileName } from '../engine/har/export-name';
import { requestLabel } from '../engine/request-number';

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
  /** A request to select and open once the view holds it (the popup's "#5" links); `onRevealed` when done. */
  reveal?: number | null;
  onRevealed?(): void;
}

export function App({ view, now, error, onClear, onExport, onImport, importing = null, onCancelImport, onBackToLive, replay, onRecord, requestExport, reveal = null, onRevealed }: AppProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [replayOpen, setReplayOpen] = useState(false);
  /** "Replay in every mode" from the row menu: the replay form runs the matrix as it opens (id: each choice anew). */
  const [replayAuto, setReplayAuto] = useState<{ mode: 'matrix'; id: number } | null>(null);
  const [menu, setMenu] = useState<{ entry: number; x: number; y: number } | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [pasting, setPasting] = useState(false);
  /** The findings pane, opened from the toolbar; the list has the whole width until something is asked for. */
  const [findingsOpen, setFindingsOpen] = useState(false);
  const live = view.source === 'live';
  const [filters, setFilters] = useState<Filters>(DEFAULT_FILTERS);
  const { rows, hiddenNotAuth } = useMemo(() => filterRows(view.exchanges, view.findingsByEntry, filters), [view.version, filters]);
  const detail = open === null ? undefined : view.exchanges.find((e) => e.index === open);
  const timelineView = useStagedTimeline(view);

  const show = (entry: number) => {
    // A link to a request hidden by the filters shows everything rather than nothing.
    if (!rows.some((r) => r.index === entry)) setFilters({ ...DEFAULT_FILTERS, authOnly: false });
    setSelected(entry);
    setOpen(entry);
  };

  useEffect(() => {
    if (reveal === null || view.source !== 'live' || !view.exchanges.some((e) => e.index === reveal)) return;
    show(reveal);
    onRevealed?.();
  }, [reveal, view.version]);

  const copy = (text: string, what: string) => {
    replay.copy(text).then(
      () => setCopied(`Copied ${what}.`),
      () => setCopied('The browser refused the clipboard.'),
    );
    setTimeout(() => setCopied(null), 4000);
  };
  const openDetail = (entry: number) => {
    setReplayOpen(false);
    setReplayAuto(null);
    setOpen(entry);
  };
  // Closing the side pane (✕ or Esc) gives the width back to the list, and the keyboard to it too.
  const closeSide = () => {
    if (detail) setOpen(null);
    else setFindingsOpen(false);
    document.querySelector<HTMLElement>('[data-testid="request-table"]')?.focus();
  };
  const openReplay = (entry: number, matrix: boolean) => {
    setOpen(entry);
    setReplayOpen(true);
    setReplayAuto(matrix ? { mode: 'matrix', id: Date.now() } : null);
  };
  // The row menu: copy what is safe to copy (a captured request holds no secret values), replay.
  const rowMenu = ({ entry, x, y }: { entry: number; x: number; y: number }) => {
    const ex = view.exchanges.find((e) => e.index === entry);
    if (!ex) return null;
    const curl = curlOf(ex);
    return (
      <ContextMenu
        x={x}
        y={y}
        label={`Request ${requestLabel(entry)}`}
        onClose={() => setMenu(null)}
        testid="row-menu"
        items={[
          { label: 'Show details', testid: 'menu-details', onSelect: () => openDetail(entry) },
          { label: 'Copy URL', testid: 'menu-copy-url', separator: true, onSelect: () => copy(ex.url, 'the URL') },
          {
            label: 'Copy as cURL',
            testid: 'menu-copy-curl',
            disabled: curl === null,
            onSelect: () => curl !== null && copy(curl, 'as cURL (no secrets: set $JIRA_SESSION, $JIRA_USER, $JIRA_TOKEN)'),
          },
          ...(requestExport
            ? [
                { label: 'Copy as HAR entry', testid: 'menu-copy-har-entry', onSelect: () => copy(harEntryText(ex), 'the HAR entry') },
                {
                  label: 'Export this request…',
                  testid: 'menu-export-request',
                  onSelect: () => requestExport.save(exportFileName([ex], new Date(), ex.index), JSON.stringify(singleEntryHar(ex, requestExport.creator), null, 2)),
                },
              ]
            : []),
          ...(live
            ? [
                { label: 'Replay…', testid: 'menu-replay', separator: true, onSelect: () => openReplay(entry, false) },
                { label: 'Replay in every mode', testid: 'menu-replay-matrix', onSelect: () => openReplay(entry, true) },
              ]
            : []),
        ]}
      />
    );
  };

  // Text pasted onto the panel (not into a field) is read like a dropped file: a transcript or HAR text.
  const importText = (text: string) => onImport(new File([text], 'pasted text', { type: 'text/plain' }));
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (pasting || isEditable(e.target)) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!/\S/.test(text)) return;
      e.preventDefault();
      importText(text);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [pasting, onImport]);

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
        shown={rows.length}
        onFilters={setFilters}
        onClear={onClear}
        onExport={onExport}
        onImport={onImport}
        onPaste={() => setPasting(true)}
        onBackToLive={onBackToLive}
        findingsOpen={findingsOpen}
        onFindings={setFindingsOpen}
        {...(onRecord ? { onRecord } : {})}
      />
      <StoryHeader view={view} now={now} onSelect={show} onCopy={copy} />
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
        sessions={timelineView.sessions}
        exchanges={timelineView.exchanges}
        findingsByEntry={timelineView.findingsByEntry}
        version={timelineView.version}
        tickSource={timelineView.derived?.ticks ?? null}
        now={now}
        live={live}
        selected={selected}
        onSelect={show}
      />
      <SplitView
        open={detail !== undefined || findingsOpen}
        side={
          // Closed, the findings stay mounted (hidden) so their opened groups survive the next look.
          <aside
            class="side"
            hidden={!detail && !findingsOpen}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && !e.defaultPrevented) closeSide();
            }}
          >
            {detail ? (
              <RequestDetail
                exchange={detail}
                findings={view.findingsByEntry.get(detail.index) ?? []}
                onClose={closeSide}
                replayOpen={replayOpen}
                {...(replayAuto ? { replayAuto } : {})}
                {...(live ? { replay } : {})}
                {...(requestExport ? { requestExport } : {})}
              />
            ) : (
              <Findings findings={view.findings} version={view.version} packed={view.derived?.groups ?? null} onSelect={show} onClose={closeSide} />
            )}
          </aside>
        }
      >
        <RequestTable
          rows={rows}
          findingsByEntry={view.findingsByEntry}
          selected={selected}
          hiddenNotAuth={hiddenNotAuth}
          onShowAll={() => setFilters({ ...filters, authOnly: false })}
          // Selecting a row (click, ↑/↓) shows its detail, as in the Network panel; Esc closes it.
          onSelect={(entry) => {
            setSelected(entry);
            if (entry === null) setOpen(null);
            else openDetail(entry);
          }}
          onOpen={openDetail}
          onContextMenu={(entry, x, y) => {
            setSelected(entry);
            setMenu({ entry, x, y });
          }}
        />
      </SplitView>
      {menu && rowMenu(menu)}
      {copied && (
        <p class="toast" role="status" data-testid="copy-status">
          {copied}
        </p>
      )}
      {pasting && (
        <PasteDialog
          onClose={() => setPasting(false)}
          onAnalyse={(text) => {
            setPasting(false);
            importText(text);
          }}
        />
      )}
    </main>
  );
}

/** A field the user types into: a paste there is text for that field, not a transcript to import. */
function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/**
 * The view the timeline draws. A large imported HAR replaces the whole panel at once: the list, story and
 * findings are drawn in one task and the timeline in the next, so neither makes a long task of the main
 * thread (the old view's lists are left as they were by the model, so the timeline keeps showing them
 * meanwhile). Everything else follows the view as it comes.
 */
function useStagedTimeline(view: PanelView): PanelView {
  const shown = useRef(view);
  const [, setDrawn] = useState(0);
  const staged = view.derived !== null && shown.current.derived !== view.derived;
  useEffect(() => {
    if (!staged) return;
    const t = setTimeout(() => {
      shown.current = view;
      setDrawn((n) => n + 1);
    }, 0);
    return () => clearTimeout(t);
  }, [view.derived]);
  if (!staged) shown.current = view;
  return shown.current;
}
