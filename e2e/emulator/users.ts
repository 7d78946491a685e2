/** Who may sign in to the emulator, and how. Defaults follow atlassian-auth.md's examples (fred:fred, user@example.com + API token). */
import { createHash } from 'node:crypto';
import type { Mode } from './mode';
import { cloudApiTokenLike, personalAccessTokenLike } from './token-shapes';

/**
 * A Cloud API token (tokens-2026.md §1). Classic tokens work on the site host and the gateway; scoped ones
 * only at api.atlassian.com/ex/{product}/{cloudId}, and only for the endpoints their scopes cover.
 */
export interface CloudApiToken {
  token: string;
  kind: 'classic' | 'scoped';
  /** Expired (a year at most since 2024) and revoked tokens are refused alike: no answer tells them apart. */
  status: 'active' | 'expired' | 'revoked';
  /** Scoped tokens: e.g. read:jira-work, read:jira-user, read:confluence-content.all. */
  scopes?: string[];
}

/** The default Cloud user's tokens, one of each kind, shaped like real ones (`ATATT3xFfGF0…`). */
export const CLOUD_TOKENS = {
  classic: cloudApiTokenLike('user@example.com classic'),
  /** Scoped for reading Jira and Confluence through the gateway. */
  scoped: cloudApiTokenLike('user@example.com scoped'),
  /** Scoped to read:jira-user only: /myself works at the gateway, a search is "scope does not match". */
  scopedNarrow: cloudApiTokenLike('user@example.com scoped narrow'),
  expired: cloudApiTokenLike('user@example.com expired'),
  revoked: cloudApiTokenLike('user@example.com revoked'),
} as const;

/** fred's personal access tokens (Data Center): a live one and one past its expiry date. */
export const FRED_PAT = personalAccessTokenLike('fred');
export const FRED_EXPIRED_PAT = personalAccessTokenLike('fred expired');

export interface EmulatorUser {
  /** Username, as X-AUSERNAME and the session endpoint show it. */
  name: string;
  displayName: string;
  /** Login password: login form, REST session login, and (Server/DC only) Basic. */
  password?: string;
  /** Cloud: the Atlassian account email, the only login Basic accepts there (with an API token). */
  email?: string;
  apiToken?: string;
  /** Cloud: an API token that expired or was revoked. Basic with it answers 200 as anonymous, AUTHENTICATED_FAILED (jira.js#418). */
  expiredApiToken?: string;
  /** Cloud: the Atlassian account id (X-AACCOUNTID, the session token's sub); derived from the name when absent. */
  accountId?: string;
  /** Cloud API tokens beyond apiToken / expiredApiToken: classic and scoped, live, expired and revoked. */
  apiTokens?: CloudApiToken[];
  /** Data Center personal access token (`Authorization: Bearer`). */
  personalAccessToken?: string;
  /** Data Center: a personal access token past its expiry date (refused like an unknown one). */
  expiredPersonalAccessToken?: string;
  /** false: the credentials are right but the user may not use the application (AUTHORISATION_FAILED). */
  appAccess?: boolean;
}

export const SERVER_USERS: readonly EmulatorUser[] = [
  { name: 'fred', displayName: 'Fred Sanders', password: 'fred', personalAccessToken: FRED_PAT, expiredPersonalAccessToken: FRED_EXPIRED_PAT },
  { name: 'admin', displayName: 'Administrator', password: 'admin' },
  // Right password, no application access: lets tests produce AUTHORISATION_FAILED.
  { name: 'guest', displayName: 'Unlicensed Guest', password: 'guest', appAccess: false },
];

export const CLOUD_USERS: readonly EmulatorUser[] = [
  // A password exists (the login form takes it) so that tests can show Basic refusing it on Cloud.
  {
    name: 'user',
    displayName: 'user',
    email: 'user@example.com',
    password: 'secret',
    apiToken: 'user_api_token',
    expiredApiToken: 'user_expired_api_token',
    apiTokens: [
      { token: CLOUD_TOKENS.classic, kind: 'classic', status: 'active' },
      { token: CLOUD_TOKENS.scoped, kind: 'scoped', status: 'active', scopes: ['read:jira-user', 'read:jira-work', 'read:confluence-content.all', 'read:confluence-user'] },
      { token: CLOUD_TOKENS.scopedNarrow, kind: 'scoped', status: 'active', scopes: ['read:jira-user'] },
      { token: CLOUD_TOKENS.expired, kind: 'classic', status: 'expired' },
      { token: CLOUD_TOKENS.revoked, kind: 'classic', status: 'revoked' },
    ],
    accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
  },
];

export function defaultUsers(mode: Mode): EmulatorUser[] {
  return (mode === 'cloud' ? CLOUD_USERS : SERVER_USERS).map((u) => ({ ...u, ...(u.apiTokens ? { apiTokens: u.apiTokens.map((t) => ({ ...t })) } : {}) }));
}

/** One line per way to sign in, for the CLI banner and the control page (these are test credentials). */
export function describeCredentials(user: EmulatorUser, mode: Mode): string[] {
  const lines: string[] = [];
  const login = mode === 'cloud' ? (user.email ?? user.name) : user.name;
  if (user.password !== undefined) lines.push(`login form / REST session: ${login} / ${user.password}`);
  if (mode === 'cloud' && user.email && user.apiToken) lines.push(`Basic: ${user.email} : ${user.apiToken} (API token)`);
  if (mode === 'cloud' && user.email && user.expiredApiToken) lines.push(`Basic: ${user.email} : ${user.expiredApiToken} (expired API token: 200 as anonymous)`);
  if (mode === 'server' && user.password !== undefined) lines.push(`Basic: ${user.name} : ${user.password}`);
  for (const t of mode === 'cloud' ? (user.apiTokens ?? []) : []) lines.push(`Basic: ${user.email} : ${t.token} (${t.status} ${t.kind} API token${t.scopes ? `: ${t.scopes.join(' ')}` : ''})`);
  if (user.personalAccessToken) lines.push(`Bearer: ${user.personalAccessToken} (personal access token)`);
  if (user.expiredPersonalAccessToken) lines.push(`Bearer: ${user.expiredPersonalAccessToken} (expired personal access token)`);
  if (user.appAccess === false) lines.push('no application access: logins end in AUTHORISATION_FAILED');
  return lines;
}

/** The account id Cloud names a user by: `557058:<uuid>` like Atlassian's, stable for a user name. */
export function accountIdOf(user: EmulatorUser): string {
  if (user.accountId) return user.accountId;
  const h = createHash('sha1').update(user.name).digest('hex');
  return `557058:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
