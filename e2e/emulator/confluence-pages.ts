/** Confluence's HTML: the dashboard and a page. Everything from a request or a record is escaped. */
import { pageUrl, visiblePages, type ConfluencePage } from './confluence';
import { esc, layout } from './pages';
import type { Profile } from './profile';
import type { EmulatorUser } from './users';

/**
 * The dashboard lists the pages you may read and, like Jira's, asks REST for the same list with an XHR, so one
 * load yields a page and a /rest request: with a dead session the page is a silent-anonymous 200 and the XHR a 401.
 */
export function confluenceDashboard(user: EmulatorUser | null, site: Profile): string {
  const pages = visiblePages(user !== null);
  const rows = pages.map((p) => `<li><a href="${esc(pageUrl(p, site))}">${esc(p.title)}</a> <small>(${esc(p.space.name)})</small></li>`).join('');
  return layout(
    'Dashboard',
    user,
    `<h1>Confluence dashboard</h1><p>Pages you can read: <b data-testid="page-count">${pages.length}</b>
<small>(REST lists <span data-testid="rest-count">…</span>)</small></p><ul>${rows}</ul>
<script>
fetch(${JSON.stringify(`${site.base}/rest/api/content?limit=100`)}, { credentials: 'include' }).then(async (r) => {
  document.querySelector('[data-testid=rest-count]').textContent = r.ok ? String((await r.json()).size) : 'HTTP ' + r.status;
}, (e) => { document.querySelector('[data-testid=rest-count]').textContent = String(e); });
</script>`,
    site,
  );
}

export function confluencePage(user: EmulatorUser | null, page: ConfluencePage, site: Profile): string {
  return layout(
    page.title,
    user,
    `<p><small>${esc(page.space.name)}</small></p><h1 data-testid="page-title">${esc(page.title)}</h1><p data-testid="page-body">${esc(page.body)}</p>`,
    site,
  );
}
