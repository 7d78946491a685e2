/**
 * Why one replay answered as it did, in one line per result row: what its os_authType takes and refuses
 * (atlassian-auth.md §3: basic takes only an Authorization header, cookie only a valid session cookie, any
 * either; without it, a dead session is a 401 under /rest and anonymous elsewhere, §2), applied to what the
 * replay sent. Shown on the rows that differ from the original or from their neighbours (same os_authType
 * or same credentials), so no 401 in the matrix goes unexplained.
 */
import type { ReplayOutcome } from './outcome';
import { refused, servedAnonymous, signedIn, type VerdictCell } from './verdict';

/** What the replay carried that the reason needs: whether a session cookie went (null: the browser hid its cookies). */
export interface ReasonInput {
  cell: VerdictCell;
  outcome: ReplayOutcome;
  sessionCookieSent: boolean | null;
}

export function cellReason({ cell, outcome: o, sessionCookieSent }: ReasonInput): string | null {
  if (o.note || o.status === 0) return null; // not sent, a redirect not followed, a network error: the note says it
  const login = loginReasonLine(cell, o);
  if (login) return login;
  switch (cell.authType) {
    case 'basic':
      if (cell.source === 'typed') return signedIn(o) ? `os_authType=basic takes the Authorization header: the typed credentials signed in as ${o.user}.` : typedRefused(o);
      if (refused(o)) return `os_authType=basic takes only an Authorization header and ignores cookies; ${cell.source === 'browser' ? "the browser's cookies do not count" : 'none was sent'}, so ${o.status}${o.challenge?.includes('Basic') ? ' with a Basic challenge' : ''}.`;
      break;
    case 'cookie':
      if (cell.source === 'typed')
        return refused(o)
          ? 'os_authType=cookie ignores the Authorization header, so the typed credentials were not used; a typed-credentials replay sends no cookies, so no session: 401.'
          : `os_authType=cookie ignores the Authorization header; the server answered ${o.status}${as(o)}.`;
      if (cell.source === 'anonymous') return refused(o) ? `os_authType=cookie takes only a valid session cookie, and none was sent: ${o.status}.` : null;
      if (refused(o)) return `os_authType=cookie takes only a valid session cookie: ${noValidSession(sessionCookieSent)}, so ${o.status}.`;
      if (signedIn(o)) return `os_authType=cookie takes only the session cookie: the browser's session is valid (${o.user}).`;
      break;
    case 'any':
      if (cell.source === 'typed') return signedIn(o) ? `os_authType=any takes the Authorization header: the typed credentials signed in as ${o.user}.` : typedRefused(o);
      if (cell.source === 'anonymous') return refused(o) ? `os_authType=any takes an Authorization header or a valid session cookie, and neither was sent: ${o.status}.` : null;
      if (refused(o)) return `os_authType=any takes an Authorization header or a valid session cookie: no Authorization header was sent and ${noValidSession(sessionCookieSent)}, so ${o.status}.`;
      if (signedIn(o)) return `os_authType=any takes the session cookie: the browser's session is valid (${o.user}).`;
      break;
    default:
      return asCaptured(cell, o, sessionCookieSent);
  }
  return fallback(o);
}

/** A login outcome the server named: it explains the row whatever the mode. */
function loginReasonLine(cell: VerdictCell, o: ReplayOutcome): string | null {
  const r = o.loginReason ?? '';
  if (r.includes('AUTHENTICATION_DENIED')) return 'CAPTCHA: the server refuses Basic logins without checking the password (AUTHENTICATION_DENIED) until someone signs in through the login page.';
  if (r.includes('AUTHENTICATED_FAILED')) return `The server checked the ${cell.source === 'typed' ? 'typed ' : ''}credentials and refused them (AUTHENTICATED_FAILED): wrong user or password${cell.source === 'typed' ? ' (Cloud: email and API token)' : ''}.`;
  if (r.includes('AUTHORISATION_FAILED')) return 'The credentials are right, but this user may not use the application (AUTHORISATION_FAILED).';
  return null;
}

function typedRefused(o: ReplayOutcome): string | null {
  return refused(o) ? `The server refused the typed credentials with ${o.status} and named no login reason.` : fallback(o);
}

/** Why the browser's cookies were no session: none sent (seen), or one the server no longer knows. */
function noValidSession(sessionCookieSent: boolean | null): string {
  if (sessionCookieSent === false) return 'the browser sent no session cookie for this site';
  if (sessionCookieSent === true) return "the browser's session cookie is no longer valid";
  return "the browser's cookies hold no valid session";
}

/** No os_authType: Seraph's default (§2). */
function asCaptured(cell: VerdictCell, o: ReplayOutcome, sessionCookieSent: boolean | null): string | null {
  if (cell.source === 'typed') return signedIn(o) ? `The Authorization header is checked before any cookie: the typed credentials signed in as ${o.user}.` : typedRefused(o);
  if (cell.source === 'anonymous') {
    if (servedAnonymous(o)) return 'No credentials: the URL is open to anonymous users, so it is served as anonymous.';
    if (refused(o)) return `No credentials: this URL asks for a login (${o.status}).`;
    return fallback(o);
  }
  if (signedIn(o)) return `The browser's session is valid now (${o.user}).`;
  if (servedAnonymous(o)) return `Without os_authType, Seraph serves a request without a valid session as anonymous outside /rest: ${noValidSession(sessionCookieSent)}.`;
  if (refused(o)) return `Without os_authType, a request without a valid session gets 401 under /rest: ${noValidSession(sessionCookieSent)}.`;
  return fallback(o);
}

function fallback(o: ReplayOutcome): string | null {
  if (o.status >= 300 && o.status < 400) return `The server redirected (${o.status}).`;
  if (o.status >= 400 && !refused(o)) return `The server answered ${o.status}: not an authentication outcome.`;
  return null;
}

const as = (o: ReplayOutcome) => (o.user === null ? '' : ` as ${o.user}`);

/** The fields that make two answers different in kind (size and totals vary with the user and are shown, not explained). */
const sameAnswer = (a: ReplayOutcome, b: ReplayOutcome) => a.status === b.status && a.user === b.user && a.loginReason === b.loginReason;

/**
 * Which result rows need their reason: those that answered otherwise than the original, or than another row
 * with the same os_authType or the same credentials (its neighbours in the matrix).
 */
export function rowsNeedingReasons(original: ReplayOutcome, rows: readonly { cell: VerdictCell; outcome: ReplayOutcome }[]): boolean[] {
  return rows.map((r, i) => {
    if (!sameAnswer(original, r.outcome)) return true;
    return rows.some((n, j) => j !== i && n.outcome.status !== 0 && (n.cell.authType === r.cell.authType || n.cell.source === r.cell.source) && !sameAnswer(n.outcome, r.outcome));
  });
}
