import type { CapturedExchange } from '../shared/protocol';
import type { Finding, Severity } from '../engine/types';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Case-insensitive first value of a header in a captured exchange. */
function header(headers: { name: string; value: string }[], name: string): string {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value ?? '';
}

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}

export interface RequestTableProps {
  exchanges: readonly CapturedExchange[];
  findingsByEntry: ReadonlyMap<number, Finding[]>;
  selected: number | null;
}

export function RequestTable({ exchanges, findingsByEntry, selected }: RequestTableProps) {
  if (exchanges.length === 0) {
    return (
      <p class="empty" data-testid="empty">
        No Atlassian traffic captured in this tab yet. Reload the page or keep browsing.
      </p>
    );
  }
  return (
    <table class="requests" data-testid="request-table" aria-label="Captured requests">
      <thead>
        <tr>
          <th scope="col" aria-label="Findings"></th>
          <th scope="col">#</th>
          <th scope="col">Method</th>
          <th scope="col">Status</th>
          <th scope="col">URL</th>
          <th scope="col">Login reason</th>
          <th scope="col">User</th>
        </tr>
      </thead>
      <tbody>
        {exchanges.map((ex) => {
          const user = header(ex.responseHeaders, 'x-ausername');
          const findings = findingsByEntry.get(ex.index) ?? [];
          const worst = findings.reduce<Severity | null>((w, f) => (w === null || RANK[f.severity] < RANK[w] ? f.severity : w), null);
          const classes = [ex.status === 401 ? 'unauthorized' : '', selected === ex.index ? 'selected' : '', findings.some((f) => f.code === 'silent-anonymous') ? 'silent-anonymous' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <tr key={ex.index} id={`entry-${ex.index}`} data-testid="request-row" data-entry={ex.index} class={classes || undefined}>
              <td>
                {worst && (
                  <span class={`marker ${worst}`} data-testid="finding-marker" data-severity={worst} title={findings.map((f) => f.code).join(', ')} role="img" aria-label={`${findings.length} finding(s): ${findings.map((f) => f.code).join(', ')}`} />
                )}
              </td>
              <td>{ex.index}</td>
              <td>{ex.method}</td>
              <td data-testid="status">{ex.status}</td>
              <td class="url" title={ex.url} data-testid="url">
                {pathOf(ex.url)}
              </td>
              <td data-testid="login-reason">{header(ex.responseHeaders, 'x-seraph-loginreason')}</td>
              <td data-testid="user" class={user === 'anonymous' ? 'anonymous' : undefined}>
                {user}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
