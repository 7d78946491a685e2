/**
 * OAuth 1.0 `oauth_problem` values as Application Links report them, each with its cause and fix
 * (research/tokens-2026.md §4: Atlassian's OAuth troubleshooting guide and KB articles; the standard OAuth
 * problem set where Atlassian has no article).
 */
export interface OAuthProblem {
  cause: string;
  fix: string;
}

const PROBLEMS: Record<string, OAuthProblem> = {
  consumer_key_unknown: {
    cause: 'the remote application does not know this consumer key: the key is stale, or the remote side has no link back (no reciprocal Application Link)',
    fix: 'Create the Application Link on the remote application too, then reset OAuth for incoming and outgoing authentication on both sides; if that fails, delete and recreate the link at both ends.',
  },
  signature_invalid: {
    cause: 'the request signature did not verify: the link URL is not the base URL the remote application reports, or a proxy or server.xml changes the scheme (http vs https)',
    fix: "Make the Application Link URL equal the remote's base URL exactly, and check the proxy and the connector's scheme, proxyName and proxyPort in server.xml.",
  },
  timestamp_refused: {
    cause: "the request's oauth_timestamp is 5 minutes or more away from the receiving server's clock (clock drift, a wrong time zone, old tzdata, or latency)",
    fix: 'Synchronise both servers with NTP and update the Java time-zone data (tzdata); check that each server runs in its correct time zone.',
  },
  token_rejected: {
    cause: 'the remote application has no such access token: the user revoked it, or the remote OAuth configuration changed and all tokens were dropped',
    fix: 'Re-authenticate: the user chooses "Allow access" on the link again (the gadget or panel offers it); harmless otherwise.',
  },
  token_expired: {
    cause: 'the access token has expired',
    fix: 'Re-authenticate through the Application Link ("Allow access") to get a new token.',
  },
  token_revoked: {
    cause: 'the access token was revoked',
    fix: 'Re-authenticate through the Application Link ("Allow access") to get a new token.',
  },
  nonce_used: {
    cause: 'the same oauth_nonce was sent twice: a replayed or retried request',
    fix: 'Send the request again (each request needs a new nonce); if it repeats, look for a proxy or client that retries signed requests.',
  },
  permission_denied: {
    cause: 'the user behind the token may not do this on the remote application',
    fix: 'Grant the user the permission on the remote application, or use a link with the right user impersonation setting.',
  },
  signature_method_rejected: {
    cause: 'the remote application does not accept this signature method (Application Links sign with RSA-SHA1)',
    fix: 'Recreate the Application Link so both sides use the same OAuth signature method.',
  },
  parameter_absent: {
    cause: 'a required OAuth parameter was missing from the request',
    fix: 'Check that nothing between the servers (a proxy) strips the Authorization header, then recreate the link if it persists.',
  },
  version_rejected: {
    cause: 'the remote application does not accept this oauth_version',
    fix: 'Recreate the Application Link so both sides speak OAuth 1.0a.',
  },
};

/** Cause and fix of an oauth_problem value; a generic one for values without an entry. */
export function explainOAuthProblem(problem: string): OAuthProblem & { known: boolean } {
  const p = Object.prototype.hasOwnProperty.call(PROBLEMS, problem) ? PROBLEMS[problem] : undefined;
  if (p) return { ...p, known: true };
  return {
    known: false,
    cause: 'the remote application refused the OAuth 1.0 request for a reason its log names',
    fix: "Read the remote application's log for this oauth_problem, and check the Application Link's status on both sides (Administration → Application Links).",
  };
}
