import type { PanelState } from './store';
import { RequestTable } from './RequestTable';

export interface AppProps {
  state: PanelState;
  onClear(): void;
}

export function App({ state, onClear }: AppProps) {
  const { summary } = state;
  return (
    <main class="panel">
      <div class="toolbar" role="toolbar" aria-label="Seraph Lens">
        <strong>Seraph Lens</strong>
        <span data-testid="summary">
          {summary.captured} requests · {summary.unauthorized} × 401
          {summary.dropped > 0 ? ` · ${summary.dropped} oldest dropped` : ''}
        </span>
        <button type="button" onClick={onClear} data-testid="clear">
          Clear
        </button>
        {!state.connected && <span class="muted">connecting…</span>}
      </div>
      <RequestTable exchanges={state.exchanges} />
    </main>
  );
}
