/**
 * The replay matrix: every os_authType (as captured, basic, cookie, any) × every credentials source
 * (browser cookies, anonymous, typed credentials if any), compared with the original request, and the
 * verdict in plain sentences ("was I really signed in when this page loaded?").
 *
 * A matrix with typed credentials sends one login per typed cell. Wrong credentials would then count as
 * several failed logins in a row, and Seraph asks for a CAPTCHA after a few (AUTHENTICATION_DENIED): run
 * the cells in order and ask `skipReason()` before each, which stops typed cells after the first refusal.
 */
import { isEmail } from '../atlassian';
import { AUTH_TYPE_CHOICES, authTypeLabel, type AuthTypeChoice } from './url';
import type { CredentialSource } from './plan';
import { isAuthenticated, isServedAnonymous, userLabel, type ReplayOutcome } from './outcome';

export type MatrixSource = 'browser' | 'anonymous' | 'typed';

export interface MatrixCell {
  authType: AuthTypeChoice;
  source: MatrixSource;
}

export interface MatrixResult {
  cell: MatrixCell;
  outcome: ReplayOutcome;
}

export const SOURCE_LABEL: Readonly<Record<MatrixSource, string>> = {
  browser: 'browser cookies',
  anonymous: 'no credentials',
  typed: 'typed credentials',
};

/** The cells in display and sending order: by os_authType (as captured, basic, cookie, any), then by source. */
export function matrixCells(hasTypedCredentials: boolean): MatrixCell[] {
  const sources: MatrixSource[] = hasTypedCredentials ? ['browser', 'anonymous', 'typed'] : ['browser', 'anonymous'];
  return AUTH_TYPE_CHOICES.flatMap((authType) => sources.map((source) => ({ authType, source })));
}

/** "os_authType=cookie · browser cookies" */
export function cellLabel(cell: MatrixCell): string {
  return `${authTypeLabel(cell.authType)} · ${SOURCE_LABEL[cell.source]}`;
}

/** The plan's credentials source for a cell; null for a typed cell when nothing was typed. */
export function sourceOfCell(cell: MatrixCell, typed: Extract<CredentialSource, { kind: 'basic' | 'bearer' }> | null): CredentialSource | null {
  if (cell.source === 'typed') return typed;
  return { kind: cell.source };
}

/**
 * Why a cell should not be sent, or null to send it: once a typed cell was refused (401/403, or Seraph said
 * AUTHENTICATED_FAILED / AUTHENTICATION_DENIED), the remaining typed cells would only add failed logins.
 */
export function skipReason(cell: MatrixCell, done: readonly MatrixResult[]): string | null {
  if (cell.source !== 'typed') return null;
  const refused = done.find((r) => r.cell.source === 'typed' && loginRefused(r.outcome));
  return refused ? `Skipped: the typed credentials were already refused (${cellLabel(refused.cell)}); more attempts could trigger a CAPTCHA.` : null;
}

export type OutcomeField = 'status' | 'user' | 'loginReason' | 'searchTotal' | 'challenge';
export const COMPARED_FIELDS: readonly OutcomeField[] = ['status', 'user', 'loginReason', 'searchTotal', 'challenge'];

/**
 * The fields where `outcome` differs from `original`, in COMPARED_FIELDS order. A user or a search total
 * that one side does not know (header absent, body not seen) is not a difference; a status, login reason or
 * challenge is always compared (absent is a value there).
 */
export function compareCell(original: ReplayOutcome, outcome: ReplayOutcome): OutcomeField[] {
  const out: OutcomeField[] = [];
  if (original.status !== outcome.status || original.kind !== outcome.kind) out.push('status');
  const known = (o: ReplayOutcome) => o.anonymous || o.user !== null;
  if (known(original) && known(outcome) && userLabel(original) !== userLabel(outcome)) out.push('user');
  if (original.loginReason.all.join(',') !== outcome.loginReason.all.join(',')) out.push('loginReason');
  if (original.searchTotal !== null && outcome.searchTotal !== null && original.searchTotal !== outcome.searchTotal) out.push('searchTotal');
  const schemes = (o: ReplayOutcome) => o.challenges.map((s) => s.toLowerCase()).join(',');
  if (schemes(original) !== schemes(outcome)) out.push('challenge');
  return out;
}

/** What the verdict may say about the typed credentials and the site. */
export interface VerdictContext {
  /** The typed source's kind and, for Basic, the user name (never a secret). */
  typed?: { kind: 'basic'; username: string } | { kind: 'bearer' };
  /** The site is Atlassian Cloud (isCloudHost of the request's host). */
  cloud?: boolean;
}

const refusedStatus = (o: ReplayOutcome) => o.kind === 'response' && (o.status === 401 || o.status === 403);
const hasReason = (o: ReplayOutcome, reason: string) => o.loginReason.all.includes(reason);
const isCaptcha = (o: ReplayOutcome) => hasReason(o, 'AUTHENTICATION_DENIED') || o.denied?.reason === 'CAPTCHA_CHALLENGE';
function loginRefused(o: ReplayOutcome): boolean {
  return refusedStatus(o) || hasReason(o, 'AUTHENTICATED_FAILED') || isCaptcha(o);
}

/**
 * Plain-language conclusions, most important first: the session cookie (from the os_authType=cookie ×
 * browser cell), the typed credentials, then why the original page did not fail. Short, factual sentences;
 * never a secret (only the typed user name, which the user typed).
 */
export function matrixVerdict(original: ReplayOutcome, results: readonly MatrixResult[], context: VerdictContext = {}): string[] {
  const out: string[] = [];
  const find = (authType: AuthTypeChoice, source: MatrixSource) => results.find((r) => r.cell.authType === authType && r.cell.source === source)?.outcome;

  // The full size of what the user may see: the largest total an authenticated cell got.
  const totals = results.filter((r) => isAuthenticated(r.outcome) && r.outcome.searchTotal !== null).map((r) => r.outcome.searchTotal!);
  const fullTotal = totals.length ? Math.max(...totals) : null;
  const issues = (n: number) => (fullTotal !== null && fullTotal > n ? `${n} of ${fullTotal} issues` : `${n} issues`);
  const servedAnonymously =
    isServedAnonymous(original) ? `the original page was served to anonymous${original.searchTotal !== null ? ` (${issues(original.searchTotal)})` : ''}` : null;

  const cookie = find('cookie', 'browser');
  let sessionInvalid = false;
  if (cookie) {
    if (refusedStatus(cookie)) {
      sessionInvalid = true;
      const then = servedAnonymously ?? (isAuthenticated(original) ? `the original request was answered as ${original.user}` : null);
      out.push(`Your session cookie is no longer valid: with os_authType=cookie the server answers ${cookie.status}${then ? `; ${then}` : ''}.`);
    } else if (isAuthenticated(cookie)) {
      out.push(`Your session is valid: os_authType=cookie answers ${cookie.status} as ${cookie.user}.`);
      if (servedAnonymously) out.push(`${capitalize(servedAnonymously)}: the session was not valid when it loaded.`);
    } else if (isServedAnonymous(cookie)) {
      sessionInvalid = true;
      out.push(`os_authType=cookie answers ${cookie.status} as anonymous: the browser has no valid session for this site.`);
    } else if (cookie.kind === 'response' && cookie.status >= 200 && cookie.status < 300) {
      out.push(`os_authType=cookie answers ${cookie.status}, but the server does not say as whom.`);
    } else {
      out.push(`os_authType=cookie: ${describe(cookie)}.`);
    }
  }

  const typed = results.filter((r) => r.cell.source === 'typed').map((r) => r.outcome);
  const captcha = results.find((r) => isCaptcha(r.outcome));
  if (captcha) {
    out.push('CAPTCHA: the server refuses Basic logins (X-Seraph-LoginReason: AUTHENTICATION_DENIED) until you sign in through the login page.');
  } else if (typed.length) {
    const failed = typed.find((o) => hasReason(o, 'AUTHENTICATED_FAILED'));
    const forbidden = typed.find((o) => hasReason(o, 'AUTHORISATION_FAILED'));
    const refused = typed.find(refusedStatus);
    const good = find('basic', 'typed') && isAuthenticated(find('basic', 'typed')!) ? find('basic', 'typed')! : typed.find(isAuthenticated);
    const bearer = context.typed?.kind === 'bearer';
    if (failed) out.push(bearer ? `The token is refused: the server answers ${failed.status} (X-Seraph-LoginReason: AUTHENTICATED_FAILED).` : `Basic credentials are wrong: the server answers ${failed.status} (X-Seraph-LoginReason: AUTHENTICATED_FAILED).`);
    else if (forbidden) out.push(`The credentials are right, but ${forbidden.user ?? 'this user'} may not use this application (X-Seraph-LoginReason: AUTHORISATION_FAILED).`);
    else if (refused && !good) out.push(bearer ? `The token is refused: the server answers ${refused.status}.` : `The typed credentials are refused: the server answers ${refused.status}.`);
    else if (good) out.push(`Your typed credentials work: the server answers ${good.status} as ${good.user}.`);
    const cloudUser = context.typed?.kind === 'basic' && context.cloud && !isEmail(context.typed.username) ? context.typed.username : null;
    if (cloudUser !== null && (failed || (refused && !good))) {
      out.push(`Atlassian Cloud wants your account email and an API token for Basic authentication; "${cloudUser}" is not an email address.`);
    }
  }

  const anonymous = find(null, 'anonymous');
  if (anonymous && isServedAnonymous(anonymous) && (sessionInvalid || servedAnonymously)) {
    out.push(`Without credentials this URL answers ${anonymous.status} as anonymous, so an expired session goes unnoticed here.`);
  }

  const silent = results.filter((r) => r.outcome.kind === 'no-response').length;
  if (silent) out.push(`${silent} of ${results.length} replays got no answer.`);

  if (out.length === 0) {
    out.push(results.every((r) => compareCell(original, r.outcome).length === 0) ? 'Every replay answered like the original.' : 'No replay points to a session problem.');
  }
  return out;
}

function describe(o: ReplayOutcome): string {
  if (o.kind !== 'response') return o.note ?? 'no answer';
  const who = o.anonymous ? ' as anonymous' : o.user !== null ? ` as ${o.user}` : '';
  return `the server answers ${o.status}${who}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
