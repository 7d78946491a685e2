/**
 * Cloud session cookies (tenant.session.token, cloud.session.token) are JWTs from Atlassian's session
 * service (atlassian-auth.md §8): the payload says whose session it is and when it ends, while the cookie
 * itself is a browser-session cookie. The signature is random bytes: nobody verifies it, the emulator
 * finds sessions by the whole token, as an opaque key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorUser } from './users';

export interface SessionTokenClaims {
  sub: string;
  email: string | undefined;
  iat: number;
  nbf: number;
  exp: number;
  refreshTimeout: number;
  sessionId: string;
  jti: string;
  iss: 'session-service';
  aud: 'atlassian';
  impersonation: unknown[];
}

/** The session service asks for a refresh ten minutes after issue (refreshTimeout = iat + 600). */
export const REFRESH_AFTER_SEC = 600;
/** Real Cloud sessions last 30 days (exp = iat + 30 days in the recorded token). */
export const DEFAULT_SESSION_LIFETIME_SEC = 30 * 24 * 3600;

const b64url = (s: string) => Buffer.from(s).toString('base64url');

export function sessionToken(user: EmulatorUser, accountId: string, sessionId: string, nowMs: number, lifetimeSec: number): string {
  const iat = Math.floor(nowMs / 1000);
  const claims: SessionTokenClaims = {
    sub: accountId,
    email: user.email,
    iat,
    nbf: iat,
    exp: iat + lifetimeSec,
    refreshTimeout: iat + REFRESH_AFTER_SEC,
    sessionId,
    jti: randomUUID(),
    iss: 'session-service',
    aud: 'atlassian',
    impersonation: [],
  };
  const header = { kid: 'session-service/session-service', alg: 'RS256' };
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${randomBytes(256).toString('base64url')}`;
}

/** The payload of a session token, for tests and the control page; null when it is not one. */
export function decodeSessionToken(token: string): SessionTokenClaims | null {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as SessionTokenClaims;
  } catch {
    return null;
  }
}
