/** Plain-language meanings of Atlassian auth signals, for the panel's detail view and the popup. */

export interface Meaning {
  meaning: string;
  fix?: string;
}

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
