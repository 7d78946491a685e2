/** Jira's URLs (Data Center and Cloud alike): REST resources, the login form, dashboard, issue search and issues. */
import type { Exchange } from './exchange';
import { canSee, issue, issueNumber, search } from './jira';
import { loginPage, logoutPage, restSession } from './login';
import { benchRoute } from './bench-pages';
import * as pages from './pages';
import { safeDecode } from './paths';
import { accountIdOf } from './users';

/** Open to anonymous callers even on a site without anonymous access: signing in and out. */
export function jiraPublicPath(pathname: string): boolean {
  return ['/login.jsp', '/logout', '/secure/Logout!default.jspa', '/rest/auth/1/session', '/favicon.ico'].includes(pathname) || pathname.startsWith('/__bench/');
}

export async function jiraRoute(ex: Exchange): Promise<void> {
  const { pathname } = ex.url;
  const { state } = ex;
  const user = ex.caller.user;

  if (ex.isRest) {
    if (pathname === '/rest/auth/1/session') return restSession(ex);
    if (pathname === '/rest/api/2/search' || pathname === '/rest/api/latest/search') return ex.json(200, search(ex.url, user !== null, state.origin, state.mode));
    if (pathname === '/rest/api/2/myself' || pathname === '/rest/api/latest/myself') {
      if (!user) return ex.notAuthenticated();
      return ex.json(200, {
        self: `${state.origin}/rest/api/2/user?username=${encodeURIComponent(user.name)}`,
        ...(state.profile.cloud ? { accountId: accountIdOf(user) } : {}),
        name: user.name,
        ...(user.email ? { emailAddress: user.email } : {}),
        displayName: user.displayName,
        active: true,
      });
    }
    const issueMatch = /^\/rest\/api\/(?:2|latest)\/issue\/([^/]+)$/.exec(pathname);
    if (issueMatch) {
      const key = safeDecode(issueMatch[1]!);
      const n = issueNumber(key);
      // Like Jira, an issue the caller may not see "does not exist" for them.
      if (n === null || !canSee(key, user !== null)) return ex.json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      return ex.json(200, issue(n, state.origin));
    }
    if (pathname === '/rest/api/2/serverInfo') {
      return ex.json(200, { baseUrl: state.origin, version: state.mode === 'cloud' ? '1001.0.0-SNAPSHOT' : '9.12.0', deploymentType: state.mode === 'cloud' ? 'Cloud' : 'Server' });
    }
    return ex.json(404, { errorMessages: [`null for uri: ${state.origin}${pathname}`], errors: {} });
  }

  if (pathname.startsWith('/__bench/')) return benchRoute(ex); // benchmark pages (bench/), not Jira
  if (pathname === '/' || pathname === '/secure' || pathname === '/secure/') return ex.redirect('/secure/Dashboard.jspa');
  // An open redirect, as a misconfigured proxy or app link could answer (tests: replays must not follow it).
  if (pathname === '/plugins/servlet/redirect') return ex.redirect(ex.url.searchParams.get('to') ?? '/');
  if (pathname === '/login.jsp') return loginPage(ex);
  if (pathname === '/logout' || pathname === '/secure/Logout!default.jspa') return logoutPage(ex);
  if (pathname === '/secure/Dashboard.jspa') return ex.html(200, pages.dashboard(user));
  if (pathname === '/issues/' || pathname === '/issues') return ex.html(200, pages.issueSearch(user, ex.url.searchParams.get('jql') ?? ''));
  const browse = /^\/browse\/([^/]+)$/.exec(pathname);
  if (browse) return ex.html(200, pages.browse(user, safeDecode(browse[1]!)));
  if (pathname === '/favicon.ico') return ex.noContent();
  return ex.html(404, pages.notFound(user, pathname));
}
