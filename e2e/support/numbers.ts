/**
 * One flow, numbered the same in both browsers (issue #26): sign in on Jira DC's form, the server forgets the
 * session, two public pages are served as anonymous, REST answers 401 (support/stories.ts). Each browser's
 * numbers.spec drives it and compares the tab's log with the one list below, so #n is the same request in
 * Chromium and Firefox (no favicon, preflight or redirect hop counted by one browser only).
 */
import type { CapturedExchange } from '../../src/shared/protocol';
import { requestLabel } from '../../src/engine/request-number';

export const NUMBERED_FLOW = [
  '#1 GET /login.jsp 200',
  '#2 POST /login.jsp 302',
  '#3 GET /secure/Dashboard.jspa 200',
  '#4 GET /rest/api/2/search?jql=&maxResults=0 200',
  '#5 GET /issues/?jql=project%3DABC 200',
  '#6 GET /browse/ABC-7 200',
  '#7 GET /rest/api/2/search?jql=project%3DABC 401',
];

/** The first page served as anonymous: the story and the list both name it so. */
export const FIRST_ANONYMOUS = '#5';

/** What the log holds, in order: "#n METHOD path status". */
export function numbered(exchanges: readonly CapturedExchange[]): string[] {
  return exchanges.map((ex) => {
    const u = new URL(ex.url);
    return `${requestLabel(ex.index)} ${ex.method} ${u.pathname}${u.search} ${ex.status}`;
  });
}
