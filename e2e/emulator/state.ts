/** Everything one emulator instance knows, shared by its route handlers. */
import type { Clock } from './clock';
import type { Directory, LoginRecords } from './auth';
import type { Mode } from './mode';
import type { Profile } from './profile';
import type { SessionStore } from './sessions';
import type { EmulatorUser } from './users';
import type { IdpServer } from './idp/idp-server';
import type { AppLink } from './applink';
import type { OAuth2Tokens } from './oauth2';
import type { PlatformServer } from './platform';
import type { SsoOptions, SsoSettings, SsoState } from './idp/sso-state';

export interface RequestLogEntry {
  method: string;
  url: string;
  status: number;
}

export interface EmulatorState {
  mode: Mode;
  /** The product and deployment emulated: what differs between them (profile.ts). */
  profile: Profile;
  /** Origin printed in links and login-url; the listening URL unless publicOrigin was given. */
  origin: string;
  /** Served over HTTPS: cookies get Secure. */
  secure: boolean;
  sessionCookieName: string;
  cookieMaxAgeSec: number | null;
  users: readonly EmulatorUser[];
  clock: Clock;
  sessions: SessionStore;
  directory: Directory;
  records: LoginRecords;
  log: RequestLogEntry[];
  /** Anonymous visitors may read public content; false: anonymous pages redirect to the login, anonymous REST is 401. */
  anonymousAccess: boolean;
  /** Crowd SSO: every successful Basic call clears and re-sets studio.crowd.tokenkey, `OUT, OK`. */
  rotateCookies: boolean;
  /** X-ASEN value (Server/DC). */
  sen: string;
  /** Single sign-on settings and the logins the product started (off by default). */
  sso: SsoState;
  /** The emulated IdP, started when SSO is first turned on; null before. */
  idp: IdpServer | null;
  /** Cloud: the site's cloudId (`/_edge/tenant_info`, the gateway's /ex/{product}/{cloudId}). */
  cloudId: string;
  /** Cloud: OAuth 2.0 (3LO) access and refresh tokens (auth.atlassian.com). */
  oauth: OAuth2Tokens;
  /** Cloud: api.atlassian.com and auth.atlassian.com on their own port (platform.ts); null on Data Center. */
  platform: PlatformServer | null;
  /** Cloud: Atlassian's login refuses with authentication-policy-strategy-mismatch (platform.ts /authorize). */
  ssoPolicyMismatch: boolean;
  /** Data Center: the OAuth 1.0a application link and its failure switch (applink.ts). */
  appLink: AppLink;
  /** Applies SSO settings (server.ts: starts the IdP on first use); call it once the emulator listens (the SP's URLs need its origin). */
  configureSso: (settings: SsoOptions & { enabled?: boolean }) => Promise<SsoSettings>;
}
