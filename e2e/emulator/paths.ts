/** Small URL helpers the routes share. */

export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Where Seraph sends an anonymous visitor of a page that needs a login: the login form, and back afterwards. */
export function loginRedirectTarget(loginPath: string, url: URL): string {
  return `${loginPath}?os_destination=${encodeURIComponent(url.pathname + url.search)}&permissionViolation=true`;
}
