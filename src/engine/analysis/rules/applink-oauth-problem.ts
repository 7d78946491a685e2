import type { Rule } from './rule';
import { requestLabel } from './rule';
import { explainOAuthProblem } from '../oauth-problems';
import { duration } from '../sso';

/** An OAuth 1.0 problem (Application Links): `oauth_problem=…` in a 401 body or in `WWW-Authenticate: OAuth …`. */
export const applinkOauthProblem: Rule = {
  code: 'applink-oauth-problem',
  severity: 'error',
  check({ f }) {
    const reported = f.ex.bodyFacts?.oauthProblem;
    if (!reported) return null;
    const { cause, fix } = explainOAuthProblem(reported.problem);
    const creds = f.ex.credentials;
    const oauth1 = creds?.scheme === 'other' ? creds.oauth1 : undefined;
    const key = oauth1?.consumerKey ? ` (consumer key "${oauth1.consumerKey}")` : '';
    return {
      message: `The Application Link call ${requestLabel(f)}${key} was refused (${f.ex.status}, oauth_problem=${reported.problem}): ${cause}.${clockNote(oauth1?.timestamp ?? null, f.ex.bodyFacts?.serverDate)}`,
      fix,
    };
  },
};

/** " Its oauth_timestamp is 5 min 10 s behind the server's Date." where both are known and differ by a minute or more. */
function clockNote(timestamp: number | null, serverDate: number | undefined): string {
  if (timestamp === null || serverDate === undefined) return '';
  const diff = timestamp * 1000 - serverDate;
  if (Math.abs(diff) < 60_000) return '';
  return ` Its oauth_timestamp is ${duration(diff)} ${diff < 0 ? 'behind' : 'ahead of'} the server's Date header.`;
}
