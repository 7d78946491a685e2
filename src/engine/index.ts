/** The engine's public surface, shared by the worker, the panel and the CLI. Pure TypeScript, no platform APIs. */
export type * from './types';

// Analysis
export { createAnalyzer, analyze, type Analyzer, type AnalyzerOptions } from './analysis/analyzer';
export { originStatuses, worstStatus, statusText, nextStatusChange, diagnosticSummary, STATUS_PRIORITY, type OriginStatus, type AuthStatusKind } from './analysis/status';
export { RULES, type Rule, type RuleContext, type OriginState, type Verdict } from './analysis/rules';

// Header parsers and Atlassian knowledge (the panel decodes headers with the same code as the rules)
export { parseWwwAuthenticate, hasBasicChallenge, type Challenge } from './ground/parse/www-authenticate';
export { parseSetCookie, parseCookieDate, type SetCookie } from './ground/parse/set-cookie';
export { parseLoginReason, parseDeniedReason, parseAUsername, type LoginReason, type DeniedReason, type AUsername } from './ground/parse/seraph';
export { SESSION_COOKIES, FINGERPRINT_HEADERS, isSessionCookie, isCloudHost, isRestPath, osAuthType, urlParts, type OsAuthType } from './ground/atlassian';

// Request side: sanitized exchanges, HAR files, redaction
export { toExchange, type RawExchange } from './intake/to-exchange';
export { readHar, readHarDocument, fromHarEntry, exchangesToHar, HarError, type HarReadResult } from './har/har';
export { redactHar, redactUrl, redactBody, sanitizeHeader } from './redact/redact';
export { compactExchange } from './exchange/compact';
export { requestNumber, requestLabel } from './request-number';
