/** Small URL helpers the routes share. */
import type { Profile } from './profile';

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Where Seraph sends an anonymous visitor of a page that needs a login: the login form, and back afterwards.
 * The site's root stands for its home page (Confluence: `/` → `login.action?os_destination=%2Findex.action`).
 */
export function loginRedirectTarget(profile: Profile, url: URL): string {
  const root = url.pathname === '/' || url.pathname === profile.base || url.pathname === `${profile.base}/`;
  const destination = root ? profile.home : url.pathname + url.search;
  return `${profile.loginPath}?os_destination=${encodeURIComponent(destination)}&permissionViolation=true`;
}
