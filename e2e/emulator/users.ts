/** Who may sign in to the emulator, and how. Defaults mirror the docs' examples (fred:fred, user@example.com + API token). */
export interface EmulatorUser {
  /** Username as X-AUSERNAME and the session endpoint show it. */
  name: string;
  displayName: string;
  /** Server/DC login password (form, REST session, Basic). */
  password?: string;
  /** Cloud: the Atlassian account email, used with an API token over Basic. */
  email?: string;
  apiToken?: string;
  /** Data Center personal access token (Authorization: Bearer). */
  personalAccessToken?: string;
  /** False: the credentials are right but the user may not use the application (AUTHORISATION_FAILED). */
  appAccess?: boolean;
}

export const SERVER_USERS: EmulatorUser[] = [
  { name: 'fred', displayName: 'Fred Sanders', password: 'fred', personalAccessToken: 'pat-fred-0123456789abcdef' },
  { name: 'admin', displayName: 'Administrator', password: 'admin' },
  { name: 'guest', displayName: 'Unlicensed Guest', password: 'guest', appAccess: false },
];

export const CLOUD_USERS: EmulatorUser[] = [
  { name: 'user', displayName: 'Example User', email: 'user@example.com', password: 'secret', apiToken: 'user_api_token' },
];
