/** Plain-language meanings of Atlassian auth signals, for the panel's detail view and the popup. */

import type { Meaning } from './meaning';
export type { Meaning };

export const LOGIN_REASONS: Record<string, Meaning> = {
  OK: { meaning: 'A login on this request succeeded (credentials, remember-me cookie, or a new session).' },
  OUT: { meaning: 'The user was logged out on this request.', fix: 'Expected after a logout; sign in again to continue.' },
  AUTHENTICATED_FAILED: {
    meaning: 'Wrong credentials: the username or password (or email and API token on Cloud) was rejected.',
    fix: 'Check the credentials; Cloud wants the account email and an API token. Repeated failures trigger a CAPTCHA.',
  },
  AUTHENTICATION_DENIED: {
    meaning: 'The login was refused without checking the password, most often because a CAPTCHA is required after failed logins.',
    fix: 'Sign in once in a browser and solve the CAPTCHA; REST and Basic logins fail until then.',
  },
  AUTHORISATION_FAILED: {
    meaning: 'The credentials are right, but the user may not use this application (no licence or permission).',
    fix: 'Ask an administrator for application access, or use another account.',
  },
};

export function explainLoginReason(value: string): Meaning {
  return LOGIN_REASONS[value.toUpperCase()] ?? { meaning: `Unknown login reason "${value}".` };
}

export const SESSION_EXPIRING_SOON_MS = 5 * 60_000;

/** When a session ends by time alone: the cookie's expiry, else its Cloud token's `exp`; null when unknown. */
export function sessionEnd(s: { expires: number | null; tokenExpires?: number | null }): number | null {
  return s.expires ?? s.tokenExpires ?? null;
}

export type SessionState = 'active' | 'expiring' | 'expired' | 'cleared' | 'anonymous' | 'browser-session';

/** The state of a session cookie at `now` (epoch ms), strongest signal first. */
export function sessionState(
  s: { clearedEntry: number | null; anonymousEntry: number | null; expires: number | null; tokenExpires?: number | null },
  now: number,
): SessionState {
  if (s.clearedEntry !== null) return 'cleared';
  if (s.anonymousEntry !== null) return 'anonymous';
  // A Cloud session cookie never expires by itself; its token's `exp` is when the session ends.
  const end = sessionEnd(s);
  if (end === null) return 'browser-session';
  if (end <= now) return 'expired';
  return end - now < SESSION_EXPIRING_SOON_MS ? 'expiring' : 'active';
}

export const SESSION_STATE_TEXT: Record<SessionState, string> = {
  active: 'active',
  expiring: 'expiring soon',
  expired: 'expired',
  cleared: 'cleared (logged out)',
  anonymous: 'no longer valid: served as anonymous',
  'browser-session': 'browser-session cookie: the server-side timeout is unknown',
};

/** "4:05" / "1:02:03" until `expires`, or null when past. */
export function countdown(expires: number, now: number): string | null {
  const left = Math.floor((expires - now) / 1000);
  if (left <= 0) return null;
  const h = Math.floor(left / 3600);
  const m = Math.floor((left % 3600) / 60);
  const sec = String(left % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/**
 * The single-sign-on findings in plain words: what usually causes each and what to do. Rules add the
 * specifics (issuer, times, URLs) to the message; the fix is this one.
 */
export const SSO_EXPLANATIONS = {
  'sso-failed': {
    meaning: 'The identity provider did not sign the user in: its answer carries a failure status (or an OpenID Connect error) instead of an assertion.',
    fix: "Read the IdP's status and message: usually the user is not assigned to this application in the IdP, the login was cancelled, or the IdP rejected the Atlassian request (check the IdP's log for the request ID).",
  },
  'sso-assertion-expired': {
    meaning: "The assertion reached Jira or Confluence after the end of its validity window, so the application had to refuse it.",
    fix: "Sign in again; if it keeps happening, the IdP's assertions live too short for the redirect (raise their lifetime to a few minutes) or a clock is wrong (sync the IdP and the application servers with NTP).",
  },
  'sso-clock-skew': {
    meaning: "The IdP's clock and the application's clock disagree: the assertion is dated in the application's future or far from the time the server answered.",
    fix: 'Synchronise the clocks of the IdP and the Atlassian servers (NTP); the application refuses assertions that are not yet valid.',
  },
  'sso-audience-mismatch': {
    meaning: 'The assertion is addressed to another service provider (its Audience is not this site), so the application must refuse it.',
    fix: "In the IdP, set the application's Audience / SP entity ID to the site's base URL exactly as Atlassian shows it on its SSO configuration page (scheme, host, port and context path).",
  },
  'sso-destination-mismatch': {
    meaning: 'The IdP addressed its response to another URL than the one it was posted to, so the application must refuse it.',
    fix: "In the IdP, set the reply / Assertion Consumer Service URL to the one Atlassian's SSO configuration page shows (the base URL followed by /plugins/servlet/samlconsumer); behind a proxy, make the base URL match the URL users open.",
  },
  'sso-loop': {
    meaning: 'The browser went to the IdP and came back, then was sent to the IdP again at once: the sign-in never produced a session.',
    fix: "Look at the consumer's answer of the first round (an SSO error, a session cookie the browser refused: SameSite, Secure over http, a cookie domain or path that does not match), and check that the base URL matches the URL users open.",
  },
  'sso-user-unknown': {
    meaning: 'The application accepted the assertion, but the user it names does not exist or may not log in there, so the pages that followed were anonymous or an error.',
    fix: "Make the IdP's NameID (or the configured username attribute) match an existing user's username or email in the application, or turn on just-in-time provisioning; check that the user is active and has application access.",
  },
} as const satisfies Record<string, Meaning & { fix: string }>;

/** The token, OAuth and Application Link findings in plain words (explain-tokens.ts). */
export { TOKEN_EXPLANATIONS, API_TOKEN_PAGE, tenantInfoUrl } from './explain-tokens';
