/**
 * "Copy as cURL" of a captured request, as it was sent (the list's context menu). The extension never
 * holds a secret value (cookies, Authorization are redacted at capture), so the command cannot carry one:
 * the session cookie becomes $JIRA_SESSION, Basic becomes `-u "$JIRA_USER:$JIRA_TOKEN"`, a bearer token
 * $JIRA_TOKEN (the same placeholders as the replay's command), any other scheme a visible `<redacted>`
 * placeholder. Other cookies (values equally unknown, rarely what authenticates) are left out.
 */
import type { Exchange } from '../types';
import { isSessionCookie } from '../analysis/atlassian';
import { planReplay } from './plan';
import { CURL_PLACEHOLDERS, shellQuote } from './curl';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function capturedCurl(ex: Exchange): string | { error: string } {
  // The plan is the captured request minus what cannot or must not be resent (forbidden, redacted, credential headers).
  const plan = planReplay(ex, null, { kind: 'anonymous' });
  if ('error' in plan) return plan;
  const args: string[] = ['curl', '--globoff'];
  if (plan.method !== 'GET') args.push(plan.method === 'HEAD' ? '--head' : `-X ${shellQuote(plan.method)}`);
  for (const h of plan.headers) args.push(`-H ${shellQuote(`${h.name}: ${h.value}`)}`);
  const creds = ex.credentials;
  if (creds?.scheme === 'basic') args.push(`-u "${CURL_PLACEHOLDERS.user}:${CURL_PLACEHOLDERS.token}"`);
  else if (creds?.scheme === 'bearer') args.push(`-H "Authorization: Bearer ${CURL_PLACEHOLDERS.token}"`);
  else if (creds?.scheme === 'other' && TOKEN.test(creds.name)) args.push(`-H ${shellQuote(`Authorization: ${creds.name} <redacted>`)}`);
  const sessions = [...new Set(ex.cookiesSent.filter(isSessionCookie))].filter((n) => TOKEN.test(n));
  if (sessions.length) args.push(`-b "${sessions.map((n) => `${n}=${sessions.length > 1 ? `$${n.toUpperCase().replace(/[^A-Z0-9]/g, '_')}` : CURL_PLACEHOLDERS.session}`).join('; ')}"`);
  args.push(shellQuote(plan.url));
  return args.join(' \\\n  ');
}
