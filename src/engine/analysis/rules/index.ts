/** Every rule, in the order findings are reported for one exchange. One file per finding code. */
import type { Rule } from './rule';
import { silentAnonymous } from './silent-anonymous';
import { sessionExpired } from './session-expired';
import { captchaRequired } from './captcha-required';
import { loginFailed } from './login-failed';
import { authorisationFailed } from './authorisation-failed';
import { cloudBasicAuthUsername } from './cloud-basic-auth-username';
import { authRequiredNoChallenge } from './auth-required-no-challenge';
import { basicChallenge } from './basic-challenge';
import { sessionCookieCleared } from './session-cookie-cleared';
import { loggedOut } from './logged-out';
import { ssoFailed } from './sso-failed';
import { ssoAssertionExpired } from './sso-assertion-expired';
import { ssoClockSkew } from './sso-clock-skew';
import { ssoAudienceMismatch } from './sso-audience-mismatch';
import { ssoDestinationMismatch } from './sso-destination-mismatch';
import { ssoLoop } from './sso-loop';
import { ssoUserUnknown } from './sso-user-unknown';

export const RULES: readonly Rule[] = [
  silentAnonymous,
  sessionExpired,
  captchaRequired,
  loginFailed,
  authorisationFailed,
  cloudBasicAuthUsername,
  authRequiredNoChallenge,
  basicChallenge,
  sessionCookieCleared,
  loggedOut,
  ssoFailed,
  ssoAssertionExpired,
  ssoClockSkew,
  ssoAudienceMismatch,
  ssoDestinationMismatch,
  ssoLoop,
  ssoUserUnknown,
];
export type { Rule, RuleContext, OriginState, Verdict } from './rule';
