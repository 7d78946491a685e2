/** Who may sign in to the emulator, and how. Defaults follow atlassian-auth.md's examples (fred:fred, user@example.com + API token). */
import { createHash } from 'node:crypto';
import type { Mode } from './mode';

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
  /** Data Center personal access token (`Authorization: Bearer`). */
  personalAccessToken?: string;
  /** false: the credentials are right but the user may not use the application (AUTHORISATION_FAILED). */
  appAccess?: boolean;
}

export const SERVER_USERS: readonly EmulatorUser[] = [
  { name: 'fred', displayName: 'Fred Sanders', password: 'fred', personalAccessToken: 'pat-fred-0123456789abcdef' },
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
    accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
  },
];

export function defaultUsers(mode: Mode): EmulatorUser[] {
  return (mode === 'cloud' ? CLOUD_USERS : SERVER_USERS).map((u) => ({ ...u }));
}

/** One line per way to sign in, for the CLI banner and the control page (these are test credentials). */
export function describeCredentials(user: EmulatorUser, mode: Mode): string[] {
  const lines: string[] = [];
  const login = mode === 'cloud' ? (user.email ?? user.name) : user.name;
  if (user.password !== undefined) lines.push(`login form / REST session: ${login} / ${user.password}`);
  if (mode === 'cloud' && user.email && user.apiToken) lines.push(`Basic: ${user.email} : ${user.apiToken} (API token)`);
  if (mode === 'cloud' && user.email && user.expiredApiToken) lines.push(`Basic: ${user.email} : ${user.expiredApiToken} (expired API token: 200 as anonymous)`);
  if (mode === 'server' && user.password !== undefined) lines.push(`Basic: ${user.name} : ${user.password}`);
  if (user.personalAccessToken) lines.push(`Bearer: ${user.personalAccessToken} (personal access token)`);
  if (user.appAccess === false) lines.push('no application access: logins end in AUTHORISATION_FAILED');
  return lines;
}

/** The account id Cloud names a user by: `557058:<uuid>` like Atlassian's, stable for a user name. */
export function accountIdOf(user: EmulatorUser): string {
  if (user.accountId) return user.accountId;
  const h = createHash('sha1').update(user.name).digest('hex');
  return `557058:${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
