/**
 * Confluence's URLs, Data Center (/display/SPACE/Page) and Cloud (under /wiki: /wiki/spaces/SPACE/pages/ID/Page):
 * REST content and session, the login form posting to /dologin.action, the dashboard and pages. An anonymous
 * visitor of a page in a private space is sent to the login (`permissionViolation=true`), as Confluence does.
 */
import { CONFLUENCE_PAGES, SPACES, canRead, contentJson, listContent, titleSlug, type ConfluencePage } from './confluence';
import { confluenceDashboard, confluencePage } from './confluence-pages';
import type { Exchange } from './exchange';
import { loginPage, logoutPage, restSession } from './login';
import * as pages from './pages';
import { loginRedirectTarget, safeDecode } from './paths';
import type { Profile } from './profile';
import { accountIdOf } from './users';

/** Open to anonymous callers even on a site without anonymous access: signing in and out. */
export function confluencePublicPath(profile: Profile, pathname: string): boolean {
  return [profile.loginPath, profile.loginAction, profile.logoutPath, `${profile.base}/rest/auth/1/session`, '/favicon.ico'].includes(pathname);
}

export async function confluenceRoute(ex: Exchange): Promise<void> {
  const { profile } = ex.state;
  const { base } = profile;
  const path = ex.url.pathname;

  if (ex.isRest) return confluenceRest(ex, path.slice(base.length));
  if (path === '/' || path === base || path === `${base}/`) return ex.redirect(profile.home);
  if (path === profile.home) return ex.html(200, confluenceDashboard(ex.caller.user, profile));
  if (path === profile.loginPath || path === profile.loginAction) return loginPage(ex);
  if (path === profile.logoutPath) return logoutPage(ex);
  if (path === '/favicon.ico') return ex.noContent();
  const page = findPage(profile, path);
  if (page === undefined) return ex.html(404, pages.notFound(ex.caller.user, path, profile));
  if (!canRead(page, ex.caller.user !== null)) return ex.redirect(loginRedirectTarget(profile, ex.url));
  return ex.html(200, confluencePage(ex.caller.user, page, profile));
}

/** The page a browser URL names: /display/KEY[/Title] (DC), /wiki/spaces/KEY/overview or /wiki/spaces/KEY/pages/ID[/Title] (Cloud). */
function findPage(profile: Profile, path: string): ConfluencePage | undefined {
  const spaceHome = (key: string) => CONFLUENCE_PAGES.find((p) => p.space.key === key);
  if (profile.cloud) {
    const m = /^\/spaces\/([^/]+)(?:\/overview|\/pages\/(\d+)(?:\/[^/]*)?)?\/?$/.exec(path.slice(profile.base.length));
    if (!m || !path.startsWith(`${profile.base}/`)) return undefined;
    return m[2] ? CONFLUENCE_PAGES.find((p) => p.space.key === m[1] && p.id === Number(m[2])) : spaceHome(m[1]!);
  }
  const m = /^\/display\/([^/]+)(?:\/([^/]+))?\/?$/.exec(path);
  if (!m) return undefined;
  if (!m[2]) return spaceHome(m[1]!);
  const title = safeDecode(m[2].replace(/\+/g, '%20'));
  return CONFLUENCE_PAGES.find((p) => p.space.key === m[1] && (p.title === title || titleSlug(p.title) === m[2]));
}

/** /rest/… below the product's base. */
async function confluenceRest(ex: Exchange, path: string): Promise<void> {
  const { state } = ex;
  const { profile } = state;
  const user = ex.caller.user;
  if (path === '/rest/auth/1/session') return restSession(ex);
  if (path === '/rest/api/content') return ex.json(200, listContent(ex.url, user !== null, state.origin, profile));
  const one = /^\/rest\/api\/content\/(\d+)$/.exec(path);
  if (one) {
    const page = CONFLUENCE_PAGES.find((p) => p.id === Number(one[1]));
    // Like Confluence, content the caller may not read does not exist for them.
    if (!page || !canRead(page, user !== null)) return ex.json(404, { statusCode: 404, data: { authorized: false, valid: true, errors: [], successful: false }, message: `No content found with id: ContentId{id=${one[1]}}` });
    return ex.json(200, contentJson(page, state.origin, profile));
  }
  if (path === '/rest/api/space') {
    const results = SPACES.filter((s) => user !== null || s.public).map((s) => ({ key: s.key, name: s.name, type: 'global' }));
    return ex.json(200, { results, start: 0, limit: 25, size: results.length });
  }
  if (path === '/rest/api/user/current') {
    // Confluence answers "who am I" with 200 either way: an anonymous caller is a user of type anonymous.
    if (!user) return ex.json(200, { type: 'anonymous', displayName: 'Anonymous' });
    return ex.json(200, profile.cloud
      ? { type: 'known', accountId: accountIdOf(user), email: user.email, publicName: user.name, displayName: user.displayName }
      : { type: 'known', username: user.name, userKey: `ff80818${user.name.length}`, displayName: user.displayName });
  }
  return ex.json(404, { statusCode: 404, message: `No resource at ${profile.base}${path}` });
}
