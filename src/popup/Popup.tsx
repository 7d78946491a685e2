import type { TabSummary } from '../shared/protocol';

export function Popup({ summary }: { summary: TabSummary | null }) {
  if (!summary) return <p data-testid="popup-status">No tab selected.</p>;
  return (
    <section class="popup" aria-label="Seraph Lens status">
      <h1>Seraph Lens</h1>
      <p data-testid="popup-status">
        <span data-testid="popup-captured">{summary.captured}</span> Atlassian requests captured in this tab,{' '}
        <span data-testid="popup-unauthorized">{summary.unauthorized}</span> answered 401.
      </p>
      <p class="hint">Open DevTools (F12) → “Seraph Lens” for details.</p>
    </section>
  );
}
