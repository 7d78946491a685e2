/**
 * Token, OAuth and IdP signals of one exchange, read from the raw response body, `WWW-Authenticate`, the
 * request URL and `Location` before they are redacted or forgotten (research/tokens-2026.md §1–6). Each is
 * a fixed word or a short, bounded, pattern-checked value: never a token, a code or a body. Descriptions are the
 * server's words, bounded: redact/fact-text.ts scrubs them before a record keeps them.
 */
import type { BodyFacts, Header } from '../types';
import { headerValues, firstHeader } from './headers';
import { parseWwwAuthenticate } from '../ground/parse/www-authenticate';
import type { RawExchange } from '../types';

/** Only the start of a body is searched: these texts come in small error answers. */
const SCAN = 16_384;
const WORD = /^[A-Za-z0-9_.:-]{1,64}$/;
const DESCRIPTION_MAX = 200;

export type AuthSignals = Pick<
  BodyFacts,
  'scopeMismatch' | 'connectTokenUnparsed' | 'basicPasswordDeprecated' | 'oauthProblem' | 'serverDate' | 'oauthError' | 'loginError' | 'idpError'
>;

export function authSignals(raw: RawExchange): AuthSignals | undefined {
  const out: AuthSignals = {};
  const body = raw.responseBody?.text ? raw.responseBody.text.slice(0, SCAN) : '';
  // Status 0: no answer, or a transcript that showed the body but not its status line: the body is then the
  // answer's only word, and a rule decides whether that is enough.
  if (body && (raw.status >= 400 || raw.status === 0)) bodySignals(body, raw, out);
  // Entra shows its AADSTS error pages with 200: on the IdPs' own hosts any answer is read for one.
  else if (body && isIdpHost(raw.url)) {
    const idp = idpErrorOf(body, raw.status);
    if (idp) out.idpError = idp;
  }
  if (raw.status === 401 || raw.status === 403) challengeSignals(raw.responseHeaders, out);
  const fromUrl = loginErrorOf(raw.url);
  const fromLocation = !fromUrl && raw.status >= 300 && raw.status < 400 ? loginErrorOf(firstHeader(raw.responseHeaders, 'location') ?? '') : null;
  if (fromUrl) out.loginError = { ...fromUrl, from: 'url' };
  else if (fromLocation) out.loginError = { ...fromLocation, from: 'location' };
  if (out.oauthProblem) {
    const date = Date.parse(firstHeader(raw.responseHeaders, 'date') ?? '');
    if (Number.isFinite(date)) out.serverDate = date;
  }
  return Object.keys(out).length ? out : undefined;
}

function bodySignals(body: string, raw: RawExchange, out: AuthSignals): void {
  if (/scope does not match/i.test(body)) out.scopeMismatch = 'scope does not match';
  else if (/insufficient_scope/.test(body)) out.scopeMismatch = 'insufficient_scope';
  if (body.includes('Failed to parse Connect Session Auth Token')) out.connectTokenUnparsed = true;
  if (/Basic authentication with passwords is deprecated/i.test(body)) out.basicPasswordDeprecated = true;
  // Jira answers a refused Application Link call with a form-encoded body: `oauth_problem=token_rejected`.
  const problem = /(?:^|&)oauth_problem=([A-Za-z_]{1,64})(?:&|\s*$)/.exec(body.trim());
  if (problem) out.oauthProblem = { problem: problem[1]!, from: 'body' };
  if (raw.method.toUpperCase() === 'POST' && /\/oauth\/token\/?(?:[?#]|$)/.test(raw.url)) {
    const err = oauthErrorOf(body);
    if (err) out.oauthError = err;
  }
  const idp = idpErrorOf(body, raw.status);
  if (idp) out.idpError = idp;
}

/** `{"error": "invalid_grant", "error_description": "Unknown or invalid refresh token."}` */
function oauthErrorOf(body: string): AuthSignals['oauthError'] | null {
  if (!body.trimStart().startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { error, error_description: description } = parsed as Record<string, unknown>;
  if (typeof error !== 'string' || !WORD.test(error)) return null;
  return { error, description: typeof description === 'string' ? description.slice(0, DESCRIPTION_MAX) : null };
}

/** An Entra `AADSTS` code on an IdP's error page, or Okta's "not assigned" 403. */
export function idpErrorOf(text: string, status: number): string | null {
  const aad = /\bAADSTS(\d{5,6})\b/.exec(text);
  if (aad) return `AADSTS${aad[1]}`;
  if (status === 403 && /not assigned (?:to )?this app|User attempted unauthorized access to app|App Not Assigned/i.test(text)) return 'Okta: app not assigned';
  return null;
}

/** Entra ID's and Okta's sign-in hosts (custom Okta domains are read only on error answers). */
function isIdpHost(url: string): boolean {
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return /^login\.microsoftonline\.(?:com|us)$|^login\.partner\.microsoftonline\.cn$|\.okta(?:-emea|preview)?\.com$/.test(host);
}

/** `WWW-Authenticate: OAuth realm="…", oauth_problem="…"` and a Bearer challenge's `error="insufficient_scope"`. */
function challengeSignals(headers: readonly Header[], out: AuthSignals): void {
  for (const c of parseWwwAuthenticate(headerValues(headers, 'www-authenticate'))) {
    const scheme = c.scheme.toLowerCase();
    const problem = c.params['oauth_problem'];
    if (scheme === 'oauth' && problem && /^[A-Za-z_]{1,64}$/.test(problem)) out.oauthProblem ??= { problem, from: 'www-authenticate' };
    if (scheme === 'bearer' && c.params['error'] === 'insufficient_scope') out.scopeMismatch ??= 'insufficient_scope';
  }
}

/** `error` and `error_description` of a URL (Atlassian's login redirects: `error=access_denied&error_description=…`). */
function loginErrorOf(url: string): { error: string; description: string | null } | null {
  if (url.length > 16_384 || !/[?&#]error=/.test(url)) return null;
  const q = url.search(/[?#]/);
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(url.slice(q + 1).replace(/#/g, '&'));
  } catch {
    return null;
  }
  const error = params.get('error');
  if (!error || !WORD.test(error)) return null;
  const description = params.get('error_description');
  return { error, description: description ? description.slice(0, DESCRIPTION_MAX) : null };
}
