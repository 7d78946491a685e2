/**
 * Replay: re-issue a captured request with `os_authType` set and a chosen credentials source, alone or as a
 * matrix of every mode, and compare the answers with the original. Pure (no browser or Node API): the
 * browser side turns a ReplayPlan into fetch() and the Response back into a ReplayResponse.
 *
 *   const r = planReplay(exchange, { authType: 'cookie', source: { kind: 'browser' } });
 *   if (!r.ok) show(r.error); else if (!r.plan.needsConfirmation || await confirm()) {
 *     const res = await fetch(r.plan.url, fetchInit(r.plan));            // browser side
 *     const outcome = outcomeOf({ status: res.status, url: res.url, headers, bodyText, redirected: res.redirected, type: res.type });
 *   }
 */
export { withAuthType, originOf, withoutRedactedParams, containsRedaction, authTypeLabel, AUTH_TYPE_CHOICES, ReplayUrlError, type AuthType, type AuthTypeChoice, type RedactionCleanup } from './url';
export {
  planReplay,
  replayableHeaders,
  authorizationValue,
  fetchInit,
  base64Utf8,
  FORBIDDEN_REQUEST_HEADERS,
  BODY_NOT_CAPTURED_NOTE,
  type CredentialSource,
  type SourceKind,
  type ReplayOptions,
  type ReplayPlan,
  type PlanResult,
  type ReplayableRequest,
  type FilteredHeaders,
  type FetchInit,
} from './plan';
export {
  outcomeOf,
  outcomeOfError,
  outcomeOfExchange,
  userLabel,
  isAuthenticated,
  isServedAnonymous,
  jsonTotal,
  utf8Length,
  REDIRECT_NOT_FOLLOWED,
  type ReplayResponse,
  type ReplayOutcome,
  type OutcomeKind,
} from './outcome';
export {
  matrixCells,
  cellLabel,
  sourceOfCell,
  skipReason,
  compareCell,
  matrixVerdict,
  COMPARED_FIELDS,
  SOURCE_LABEL,
  type MatrixSource,
  type MatrixCell,
  type MatrixResult,
  type OutcomeField,
  type VerdictContext,
} from './matrix';
export { ReplayLimiter, CAPTCHA_WARNING, DEFAULT_MAX_PER_MINUTE, DEFAULT_MIN_SPACING_MS, type LimiterOptions, type LimiterDecision } from './limiter';
export { toCurl, shellQuote, cookiePlaceholder, CURL_PLACEHOLDERS, type CurlOptions, type CurlResult } from './curl';
