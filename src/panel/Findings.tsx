import { useMemo, useState } from 'preact/hooks';
import type { Finding, Severity } from '../engine/types';
import { visible } from './visible';

const ORDER: Severity[] = ['error', 'warning', 'info'];
const LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
/** Long captures raise thousands of findings; render a page of each severity at a time. */
const PAGE = 100;

export interface FindingsProps {
  findings: readonly Finding[];
  /** The view's version: the findings list is the model's own and grows in place. */
  version?: number;
  onSelect(entry: number): void;
}

export function Findings({ findings, version, onSelect }: FindingsProps) {
  const [limit, setLimit] = useState<Record<Severity, number>>({ error: PAGE, warning: PAGE, info: PAGE });
  // Grouped once per change of the list, not on every render (the panel re-renders every second).
  const bySeverity = useMemo(() => {
    const groups: Record<Severity, Finding[]> = { error: [], warning: [], info: [] };
    for (const f of findings) groups[f.severity].push(f);
    return groups;
  }, [findings, version, findings.length]);
  if (findings.length === 0) return <p class="muted findings" data-testid="no-findings">No findings.</p>;
  return (
    <section class="findings" aria-label="Findings">
      {ORDER.map((severity) => {
        const list = bySeverity[severity];
        if (list.length === 0) return null;
        const shown = list.slice(0, limit[severity]);
        return (
          <details open={severity !== 'info'} key={severity}>
            <summary>
              {LABEL[severity]} ({list.length})
            </summary>
            <ul>
              {shown.map((f) => (
                <li key={`${f.entry}-${f.code}`} class={`finding ${f.severity}`} data-testid="finding" data-code={f.code}>
                  <button type="button" class="link" onClick={() => onSelect(f.entry)} title="Show the request">
                    #{f.entry}
                  </button>{' '}
                  <code>{f.code}</code> <span data-testid="finding-message">{visible(f.message)}</span>
                  <div class="fix">Fix: {visible(f.fix)}</div>
                </li>
              ))}
            </ul>
            {shown.length < list.length && (
              <button type="button" onClick={() => setLimit({ ...limit, [severity]: limit[severity] + PAGE * 5 })} data-testid="more-findings">
                Show {Math.min(PAGE * 5, list.length - shown.length)} more of {list.length - shown.length}
              </button>
            )}
          </details>
        );
      })}
    </section>
  );
}
