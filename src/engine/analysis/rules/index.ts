/**
 * Every rule, in the order findings are reported for one exchange. One file per finding code. The token
 * rules come before login-failed: where both apply to one entry, the more specific cause is shown first.
 */
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
import { cloudTokenRefused } from './cloud-token-refused';
import { cloudPasswordBasic } from './cloud-password-basic';
import { scopeMismatch } from './scope-mismatch';
import { tokenWrongScheme } from './token-wrong-scheme';
import { oauthRefreshRejected } from './oauth-refresh-rejected';
import { applinkOauthProblem } from './applink-oauth-problem';
import { ssoPolicyMismatch } from './sso-policy-mismatch';

export const RULES: readonly Rule[] = [
  silentAnonymous,
  sessionExpired,
  captchaRequired,
  cloudTokenRefused,
  cloudPasswordBasic,
  scopeMismatch,
  tokenWrongScheme,
  oauthRefreshRejected,
  applinkOauthProblem,
  loginFailed,
  authorisationFailed,
  cloudBasicAuthUsername,
  authRequiredNoChallenge,
  basicChallenge,
  sessionCookieCleared,
  loggedOut,
  ssoPolicyMismatch,
  ssoFailed,
  ssoAssertionExpired,
  ssoClockSkew,
  ssoAudienceMismatch,
  ssoDestinationMismatch,
  ssoLoop,
  ssoUserUnknown,
];
export type { Rule, RuleContext, OriginState, Verdict } from './rule';
