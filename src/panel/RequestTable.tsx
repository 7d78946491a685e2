import type { CapturedExchange } from '../shared/protocol';

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

export function RequestTable({ exchanges }: { exchanges: CapturedExchange[] }) {
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
          return (
            <tr key={ex.index} data-testid="request-row" class={ex.status === 401 ? 'unauthorized' : undefined}>
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
