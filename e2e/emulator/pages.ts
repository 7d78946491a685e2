/** The emulator's HTML. Everything that comes from a request or a user record is escaped with esc(). */
import type { Mode } from './mode';
import { profileFor, type Profile } from './profile';
import { canSee, issueNumber, issueSummary, visibleIssueCount } from './jira';
import { describeCredentials, type EmulatorUser } from './users';
import { ssoSection, type ssoSnapshot } from './idp/sso-control';

export function esc(s: string | number): string {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:0}header{background:#0747a6;color:#fff;padding:8px 16px;display:flex;justify-content:space-between;gap:16px}
header a{color:#fff}main{padding:16px}.error{color:#bf2600}.warn{background:#fffae6;padding:8px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}`;

const JIRA = profileFor('jira', 'server');

/** Every page says who is signed in, in the header: the first thing a person (or a test) checks. */
export function layout(title: string, user: EmulatorUser | null, body: string, site: Profile = JIRA): string {
  const who = user
    ? `<span><span data-testid="current-user">Signed in as <b>${esc(user.name)}</b></span>${user.displayName !== user.name ? ` (${esc(user.displayName)})` : ''} · <a href="${site.logoutPath}">Log out</a></span>`
    : `<span data-testid="current-user">Anonymous — <a href="${site.loginPath}">Log in</a></span>`;
  const product = site.product === 'jira' ? 'Jira' : 'Confluence';
  const nav = site.product === 'jira' ? '<a href="/issues/?jql=">Issues</a>' : `<a href="${site.base}/rest/api/content">Content (REST)</a>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} - ${product} emulator</title>
<meta name="ajs-remote-user" content="${esc(user?.name ?? '')}"><style>${STYLE}</style></head>
<body><header><span><a href="${site.home}">${product} (emulator)</a> · ${nav}</span>${who}</header>
<main>${body}</main></body></html>`;
}

/**
 * The dashboard loads its issue count with a same-origin XHR, as real dashboard gadgets do, so one page
 * load yields a page and a /rest request: with an expired session the page is a silent-anonymous 200
 * while the XHR is a 401.
 */
export function dashboard(user: EmulatorUser | null): string {
  return layout(
    'Dashboard',
    user,
    `<h1>System dashboard</h1>
<p>Issues you can see: <b data-testid="issue-count">…</b> <small>(REST says you are <span data-testid="rest-user">…</span>)</small></p>
<script>
fetch('/rest/api/2/search?jql=&maxResults=0', { credentials: 'include' }).then(async (r) => {
  document.querySelector('[data-testid=rest-user]').textContent = r.headers.get('X-AUSERNAME') || '?';
  document.querySelector('[data-testid=issue-count]').textContent = r.ok ? String((await r.json()).total) : 'HTTP ' + r.status;
}, (e) => { document.querySelector('[data-testid=issue-count]').textContent = String(e); });
</script>`,
  );
}

export function issueSearch(user: EmulatorUser | null, jql: string): string {
  const count = visibleIssueCount(user !== null);
  const shown = Math.min(count, 20);
  const rows = Array.from({ length: shown }, (_, i) => `<li><a href="/browse/ABC-${i + 1}">ABC-${i + 1}</a> ${esc(issueSummary(i + 1))}</li>`);
  const hint = user ? '' : `<p class="warn">You are not logged in: only public issues are listed. <a href="/login.jsp?os_destination=${esc(encodeURIComponent('/issues/?jql=' + jql))}">Log in</a> to see more.</p>`;
  return layout(
    'Issue search',
    user,
    `<h1>Search</h1><p>JQL: <code data-testid="jql">${esc(jql)}</code></p>${hint}
<p><b data-testid="issue-count">${count}</b> issues (showing 1–${shown})</p><ol>${rows.join('')}</ol>`,
  );
}

export function browse(user: EmulatorUser | null, key: string): string {
  const count = `<p>Issues you can see: <b data-testid="issue-count">${visibleIssueCount(user !== null)}</b></p>`;
  const n = issueNumber(key);
  if (n !== null && canSee(key, user !== null)) {
    return layout(key, user, `<h1 data-testid="issue-key">${esc(key.toUpperCase())}</h1><p data-testid="issue-summary">${esc(issueSummary(n))}</p>${count}`);
  }
  // Like Jira: anonymous users are not told whether the issue exists, only that they may need to log in.
  const login = user
    ? ''
    : ` You are not logged in: <a href="/login.jsp?os_destination=${esc(encodeURIComponent('/browse/' + key))}">log in</a> and try again.`;
  return layout(
    key,
    user,
    `<h1>Permission violation</h1><p data-testid="no-permission" class="error">You do not have permission to view ${esc(key)}, or it does not exist.${login}</p>${count}`,
  );
}

export interface LoginFormState {
  error?: string;
  /** Show the CAPTCHA field (too many failed logins for this user). */
  captcha?: boolean;
  destination?: string;
  username?: string;
}

/** The emulator's CAPTCHA has one answer, printed on the page, so that people and tests can pass it. */
export const CAPTCHA_ANSWER = 'seraph';

export function loginForm(state: LoginFormState, site: Profile = JIRA): string {
  const captcha = state.captcha
    ? `<p class="warn" data-testid="captcha">Too many failed logins: prove you are a person. Type: <b data-testid="captcha-answer">${CAPTCHA_ANSWER}</b>
<label>Answer <input name="os_captcha" autocomplete="off"></label></p>`
    : '';
  return layout(
    'Log in',
    null,
    `<h1>Log in</h1>${state.error ? `<p class="error" data-testid="login-error">${esc(state.error)}</p>` : ''}
<form method="post" action="${site.loginAction}" id="login-form">
<p><label>Username <input name="os_username" value="${esc(state.username ?? '')}" autocomplete="username"></label></p>
<p><label>Password <input name="os_password" type="password" autocomplete="current-password"></label></p>
<p><label><input name="os_cookie" type="checkbox" value="true"> Remember my login on this computer</label></p>
${captcha}<input type="hidden" name="os_destination" value="${esc(state.destination ?? '')}">
<p><button type="submit" id="login-form-submit">Log in</button></p></form>`,
    site,
  );
}

export function loggedOut(site: Profile = JIRA): string {
  return layout('Logged out', null, `<h1 data-testid="logged-out">You are now logged out</h1><p><a href="${site.loginPath}">Log in again</a></p>`, site);
}

export function notFound(user: EmulatorUser | null, path: string, site: Profile = JIRA): string {
  return layout('Not found', user, `<h1>Page not found</h1><p><code>${esc(path)}</code> does not exist in this emulator.</p>`, site);
}

/** The os_authType=cookie|any 401 outside /rest: a plain page, no challenge. */
export function unauthorized(user: EmulatorUser | null, site: Profile = JIRA): string {
  return layout('Unauthorized', user, `<h1>401 Unauthorized</h1><p data-testid="unauthorized">This URL asked for a login (os_authType) that this request did not carry.</p>`, site);
}

export interface ControlInfo {
  origin: string;
  product: Profile['product'];
  mode: Mode;
  sessionCookieName: string;
  cookieMaxAgeSec: number | null;
  timeoutSec: number;
  clockOffsetSec: number;
  captchaAfter: number;
  users: readonly EmulatorUser[];
  sessions: Array<{ user: string; asessionid: string; idleSec: number; secondsLeft: number }>;
  failures: Array<{ login: string; count: number }>;
  sso: ReturnType<typeof ssoSnapshot>;
}

/** /__emulator/: credentials, live state and buttons for people trying the demo. Not part of the emulated Jira. */
export function controlPage(info: ControlInfo, site: Profile = JIRA): string {
  const users = info.users
    .map((u) => `<li><b>${esc(u.name)}</b> (${esc(u.displayName)})<ul>${describeCredentials(u, info.mode).map((l) => `<li><code>${esc(l)}</code></li>`).join('')}</ul></li>`)
    .join('');
  const sessions = info.sessions.length
    ? `<table data-testid="sessions"><tr><th>user</th><th>X-ASESSIONID</th><th>idle</th><th>times out in</th></tr>${info.sessions
        .map((s) => `<tr><td>${esc(s.user)}</td><td><code>${esc(s.asessionid)}</code></td><td>${s.idleSec} s</td><td>${s.secondsLeft} s</td></tr>`)
        .join('')}</table>`
    : '<p>No live sessions.</p>';
  const failures = info.failures.length
    ? `<ul>${info.failures.map((f) => `<li>${esc(f.login)}: ${f.count} failed login(s)${f.count >= info.captchaAfter ? ' — <b>CAPTCHA required</b>' : ''}</li>`).join('')}</ul>`
    : '<p>No failed logins.</p>';
  const advance = (sec: number, label: string) =>
    `<form method="post" action="/__emulator/advance?seconds=${sec}"><button>${esc(label)}</button></form>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Emulator controls</title>
<style>body{font:14px system-ui,sans-serif;margin:16px}form{display:inline;margin-right:8px}${STYLE.split('\n')[1]}</style></head><body>
<h1>${esc(site.title)} emulator controls</h1>
<p><a href="${site.home}">${esc(info.origin)}</a> · product <b data-testid="product">${esc(info.product)}</b> · mode <b data-testid="mode">${esc(info.mode)}</b> · session cookie <code>${esc(info.sessionCookieName)}</code>
(${info.cookieMaxAgeSec === null ? 'browser-session cookie' : `Max-Age ${info.cookieMaxAgeSec} s`}) · server-side inactivity timeout <b>${info.timeoutSec} s</b>
· server clock ahead by <b data-testid="clock-offset">${info.clockOffsetSec} s</b> · CAPTCHA after ${info.captchaAfter} failed logins</p>
<h2>Users</h2><ul>${users}</ul>
<h2>Live sessions: <span data-testid="live-sessions">${info.sessions.length}</span></h2>${sessions}
<h2>Failed logins</h2>${failures}
<h2>Make things happen</h2>
<p><form method="post" action="/__emulator/expire-sessions"><button>Expire all sessions now</button></form>
${advance(60, 'Advance the server clock 1 minute')}${advance(300, '… 5 minutes')}${advance(info.timeoutSec + 1, '… past the session timeout')}
<form method="post" action="/__emulator/reset-captcha"><button>Reset CAPTCHA (all users)</button></form></p>
${ssoSection(info.sso, site.cloud)}
<h2>Try</h2><ul>
<li><a href="${site.loginPath}" target="_blank">Log in</a> · <a href="${site.logoutPath}" target="_blank">Log out</a></li>
${site.product === 'jira' ? JIRA_TRY : confluenceTry(site)}
<li><a href="${site.base}/rest/auth/1/session" target="_blank">${site.base}/rest/auth/1/session</a> · <a href="/__emulator/state" target="_blank">state as JSON</a></li></ul>
</body></html>`;
}

const JIRA_TRY = `<li><a href="/secure/Dashboard.jspa" target="_blank">Dashboard</a> (page + /rest XHR) · <a href="/issues/?jql=project%3DABC" target="_blank">Issue search</a> · <a href="/browse/ABC-7" target="_blank">ABC-7</a></li>
<li><a href="/issues/?jql=project%3DABC&amp;os_authType=cookie" target="_blank">Issue search with os_authType=cookie</a> (401 once the session is gone)</li>
<li><a href="/rest/api/2/search?jql=" target="_blank">/rest/api/2/search</a></li>`;

function confluenceTry(site: Profile): string {
  const page = (space: string, id: number, title: string) => (site.cloud ? `${site.base}/spaces/${space}/pages/${id}/${title}` : `/display/${space}/${title}`);
  return `<li><a href="${site.home}" target="_blank">Dashboard</a> (page + /rest XHR) · <a href="${page('PUB', 65537, 'Welcome')}" target="_blank">a public page</a> · <a href="${page('TEAM', 98305, 'Roadmap')}" target="_blank">a private page</a> (anonymous: redirect to the login)</li>
<li><a href="${site.base}/rest/api/content" target="_blank">${site.base}/rest/api/content</a> (more results signed in)</li>`;
}
