import { useState } from 'preact/hooks';
import type { PanelView } from './model';
import { RequestTable } from './RequestTable';
import { Findings } from './Findings';

export interface AppProps {
  view: PanelView;
  onClear(): void;
}

function clock(time: number): string {
  return new Date(time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "3 pages were served anonymously after your session expired at 10:42." */
function silentAnonymousSummary(view: PanelView): string | null {
  const flagged = view.findings.filter((f) => f.code === 'silent-anonymous');
  if (flagged.length === 0) return null;
  const first = view.exchanges.find((e) => e.index === flagged[0]!.entry);
  const pages = flagged.length === 1 ? '1 page was' : `${flagged.length} pages were`;
  return `${pages} served anonymously after your session expired${first ? ` at ${clock(first.time)}` : ''}.`;
}

export function App({ view, onClear }: AppProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const { summary } = view;
  const banner = silentAnonymousSummary(view);
  const select = (entry: number) => {
    setSelected(entry);
    document.getElementById(`entry-${entry}`)?.scrollIntoView({ block: 'center' });
  };
  return (
    <main class="panel">
      <div class="toolbar" role="toolbar" aria-label="Seraph Lens">
        <strong>Seraph Lens</strong>
        <span data-testid="summary">
          {summary.captured} requests · {summary.unauthorized} × 401 · {view.findings.length} findings
          {summary.dropped > 0 ? ` · ${summary.dropped} oldest dropped` : ''}
        </span>
        <button type="button" onClick={onClear} data-testid="clear">
          Clear
        </button>
        {!view.connected && <span class="muted">connecting…</span>}
      </div>
      {banner && (
        <p class="banner error" role="alert" data-testid="silent-anonymous-summary">
          {banner}
        </p>
      )}
      <div class="split">
        <RequestTable exchanges={view.exchanges} findingsByEntry={view.findingsByEntry} selected={selected} />
        <Findings findings={view.findings} onSelect={select} />
      </div>
    </main>
  );
}
