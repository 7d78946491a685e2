/**
 * "Copy as cURL" of a replay plan. Secrets become shell variables ($JIRA_USER, $JIRA_TOKEN, $JIRA_SESSION)
 * unless the user asks for them; the browser's cookies are never known to the extension (their values are
 * redacted at capture), so they are always variables.
 */
import type { ReplayPlan, CredentialSource } from './plan';
import { isSessionCookie } from '../ground/atlassian';

export const CURL_PLACEHOLDERS = {
  user: '$JIRA_USER',
  token: '$JIRA_TOKEN',
  session: '$JIRA_SESSION',
} as const;

export interface CurlOptions {
  source: CredentialSource;
  /** Cookie names the original request sent (Exchange.cookiesSent), for `-b` with the browser source. */
  cookieNames: readonly string[];
  /** Put typed credentials into the command in clear. Off by default. */
  includeSecrets: boolean;
}

export function toCurl(plan: ReplayPlan, opts: CurlOptions): string {
  // --globoff: curl would otherwise expand [] and {} in the URL (JQL has both).
  const args: string[] = ['curl', '--globoff'];
  if (plan.method !== 'GET') args.push(plan.method === 'HEAD' ? '--head' : `-X ${shellQuote(plan.method)}`);
  for (const h of plan.headers) {
    if (h.name.toLowerCase() === 'authorization') continue;
    args.push(`-H ${shellQuote(`${h.name}: ${h.value}`)}`);
  }
  const { source } = opts;
  if (source.kind === 'basic') {
    args.push(opts.includeSecrets ? `-u ${shellQuote(`${source.username}:${source.secret}`)}` : `-u "${CURL_PLACEHOLDERS.user}:${CURL_PLACEHOLDERS.token}"`);
  } else if (source.kind === 'bearer') {
    args.push(opts.includeSecrets ? `-H ${shellQuote(`Authorization: Bearer ${source.token}`)}` : `-H "Authorization: Bearer ${CURL_PLACEHOLDERS.token}"`);
  } else if (source.kind === 'browser') {
    const sessions = [...new Set(opts.cookieNames.filter(isSessionCookie))].filter((n) => /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(n));
    if (sessions.length) args.push(`-b "${sessions.map((n) => `${n}=${sessions.length > 1 ? `$${envName(n)}` : CURL_PLACEHOLDERS.session}`).join('; ')}"`);
  }
  args.push(shellQuote(plan.url));
  return args.join(' \\\n  ');
}

/**
 * One POSIX shell word that stands for exactly `s`: single quotes, each `'` written as `'\''`. Inside single
 * quotes the shell expands nothing ($, `, \, newlines stay literal).
 */
export function shellQuote(s: string): string {
  if (s.includes('\0')) throw new Error('A shell argument cannot contain a NUL byte.');
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function envName(cookie: string): string {
  return cookie.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
