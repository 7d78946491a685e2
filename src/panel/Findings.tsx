import type { Finding, Severity } from '../engine/types';

const ORDER: Severity[] = ['error', 'warning', 'info'];
const LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

export function Findings({ findings, onSelect }: { findings: readonly Finding[]; onSelect(entry: number): void }) {
  if (findings.length === 0) return <p class="muted" data-testid="no-findings">No findings.</p>;
  return (
    <section class="findings" aria-label="Findings">
      {ORDER.map((severity) => {
        const list = findings.filter((f) => f.severity === severity);
        if (list.length === 0) return null;
        return (
          <details open={severity !== 'info'} key={severity}>
            <summary>
              {LABEL[severity]} ({list.length})
            </summary>
            <ul>
              {list.map((f) => (
                <li key={`${f.entry}-${f.code}`} class={`finding ${f.severity}`} data-testid="finding" data-code={f.code}>
                  <button type="button" class="link" onClick={() => onSelect(f.entry)} title="Show the request">
                    #{f.entry}
                  </button>{' '}
                  <code>{f.code}</code> <span data-testid="finding-message">{f.message}</span>
                  <div class="fix">Fix: {f.fix}</div>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </section>
  );
}
