/**
 * The SSO part of an origin's analysis state, apart from analysis/sso.ts so that the rules' state
 * (rules/rule.ts) can hold it without importing the code that advances it.
 */
import type { SessionSso } from '../types';

/** Shared by all Atlassian origins of one analysis: a Cloud login crosses id.atlassian.com and auth.atlassian.com. */
export interface SsoTrail {
  /** The last time an Atlassian origin sent the browser to the IdP. */
  lastDeparture: { entry: number; time: number } | null;
  /** An IdP answer reached an Atlassian consumer since that departure. */
  returned: boolean;
  /** Someone was signed in since that answer. */
  signedIn: boolean;
  /** A loop was reported and no sign-in ended it yet (one finding per loop, not per round). */
  looping: boolean;
  /**
   * When Atlassian's login last refused a sign-in for its SSO policy by redirecting (sso-policy-mismatch on the
   * redirect): the page the browser lands on says it again, and is not a second finding.
   */
  policyRefusal: { to: string; time: number } | null;
}

export function newSsoTrail(): SsoTrail {
  return { lastDeparture: null, returned: false, signedIn: false, looping: false, policyRefusal: null };
}

/** Per origin. */
export interface SsoOriginState {
  /** The consumer accepted an answer and redirected: who it named, until a page shows the outcome. */
  accepted: (SessionSso & { time: number }) | null;
}
