/** The emulator's HTML. Everything echoed back is escaped. */
import type { EmulatorUser } from './users';
import { ISSUE_COUNT_SIGNED_IN, canSee, visibleIssueCount } from './jira';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function layout(title: string, user: EmulatorUser | null, body: string): string {
  const who = user
    ? `Signed in as <b>${esc(user.name)}</b> (${esc(user.displayName)}) · <a href="/logout">Log out</a>`
    : `Anonymous — <a href="/login.jsp">Log in</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - Jira emulator</title>
<meta name="ajs-remote-user" content="${esc(user?.name ?? '')}">
<style>body{font:14px system-ui,sans-serif;margin:0}header{background:#0747a6;color:#fff;padding:8px 16px;display:flex;justify-content:space-between}
header a{color:#fff}main{padding:16px}.error{color:#bf2600}.warn{background:#fffae6;padding:8px}</style></head>
<body><header><span><a href="/secure/Dashboard.jspa">Jira (emulator)</a> · <a href="/issues/?jql=">Issues</a></span>
<span data-testid="current-user">${who}</span></header><main>${body}</main></body></html>`;
}

export function dashboard(user: EmulatorUser | null): string {
  // The REST call makes one page load produce a page and an XHR, as real Jira dashboards do.
  return layout(
    'Dashboard',
    user,
    `<h1>System dashboard</h1>
<p>Issues you can see: <b data-testid="issue-count">…</b></p>
<script>
fetch('/rest/api/2/search?jql=&maxResults=0', { credentials: 'include' })
  .then((r) => r.ok ? r.json().then((j) => String(j.total)) : 'HTTP ' + r.status)
  .then((t) => { document.querySelector('[data-testid=issue-count]').textContent = t; });
</script>`,
  );
}

export function issueSearch(user: EmulatorUser | null, jql: string): string {
  const count = visibleIssueCount(user !== null);
  const rows = Array.from({ length: Math.min(count, 20) }, (_, i) => `<li><a href="/browse/ABC-${i + 1}">ABC-${i + 1}</a> Issue number ${i + 1}</li>`);
  return layout(
    'Issue search',
    user,
    `<h1>Search</h1><p>JQL: <code>${esc(jql)}</code></p>
<p><b data-testid="issue-count">${count}</b> issues${count < ISSUE_COUNT_SIGNED_IN ? '' : ''}</p><ol>${rows.join('')}</ol>`,
  );
}

export function browse(user: EmulatorUser | null, key: string): string {
  if (canSee(key, user !== null)) {
    return layout(key, user, `<h1 data-testid="issue-key">${esc(key.toUpperCase())}</h1><p>Issue number ${esc(key.split('-')[1] ?? '')}</p>`);
  }
  return layout(
    key,
    user,
    `<h1>Permission violation</h1><p data-testid="no-permission" class="error">It seems that you have tried to perform an operation which you are not permitted to perform. ${user ? '' : 'You are not logged in: <a href="/login.jsp">log in</a>.'}</p>`,
  );
}

export interface LoginFormState {
  error?: string;
  captcha?: boolean;
  destination?: string;
  username?: string;
}

export const CAPTCHA_ANSWER = 'seraph';

export function loginForm(state: LoginFormState): string {
  return layout(
    'Log in',
    null,
    `<h1>Log in</h1>${state.error ? `<p class="error" data-testid="login-error">${esc(state.error)}</p>` : ''}
<form method="post" action="/login.jsp">
<p><label>Username <input name="os_username" value="${esc(state.username ?? '')}" autocomplete="username"></label></p>
<p><label>Password <input name="os_password" type="password" autocomplete="current-password"></label></p>
<p><label><input name="os_cookie" type="checkbox" value="true"> Remember my login on this computer</label></p>
${state.captcha ? `<p class="warn" data-testid="captcha">Too many failed logins. Type <b>${CAPTCHA_ANSWER}</b>: <input name="os_captcha"></p>` : ''}
<input type="hidden" name="os_destination" value="${esc(state.destination ?? '')}">
<p><button type="submit" id="login-form-submit">Log in</button></p></form>`,
  );
}

export function loggedOut(): string {
  return layout('Logged out', null, `<h1>You are now logged out</h1><p><a href="/login.jsp">Log in again</a></p>`);
}

export function controlPage(info: { origin: string; mode: string; users: EmulatorUser[]; sessions: number; timeoutSec: number }): string {
  const users = info.users
    .map((u) => `<li><code>${esc(u.name)}</code>${u.password ? ` password <code>${esc(u.password)}</code>` : ''}${u.email ? ` email <code>${esc(u.email)}</code>` : ''}${u.apiToken ? ` API token <code>${esc(u.apiToken)}</code>` : ''}${u.personalAccessToken ? ` PAT <code>${esc(u.personalAccessToken)}</code>` : ''}</li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Emulator controls</title>
<style>body{font:14px system-ui,sans-serif;margin:16px}form{display:inline}</style></head><body>
<h1>Jira emulator controls</h1><p>${esc(info.origin)} · mode <b>${esc(info.mode)}</b> · live sessions: <b data-testid="live-sessions">${info.sessions}</b> · session timeout ${info.timeoutSec}s</p>
<h2>Users</h2><ul>${users}</ul>
<h2>Make things happen</h2>
<form method="post" action="/__emulator/expire-sessions"><button>Expire all sessions now</button></form>
<form method="post" action="/__emulator/advance?seconds=300"><button>Advance the server clock 5 minutes</button></form>
<form method="post" action="/__emulator/reset-captcha"><button>Reset CAPTCHA</button></form>
<h2>Try</h2><ul><li><a href="/login.jsp" target="_blank">Log in</a></li><li><a href="/secure/Dashboard.jspa" target="_blank">Dashboard</a></li>
<li><a href="/issues/?jql=project%3DABC" target="_blank">Issue search</a></li><li><a href="/browse/ABC-7" target="_blank">ABC-7</a></li>
<li><a href="/rest/api/2/search?jql=" target="_blank">/rest/api/2/search</a></li><li><a href="/rest/auth/1/session" target="_blank">/rest/auth/1/session</a></li></ul>
</body></html>`;
}
