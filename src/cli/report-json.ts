/** The CLI's JSON output, exactly the schema of findings.md. */
import type { AnalysisResult, SessionSso, SsoEntry } from '../engine/types';
import { requestNumber } from '../engine/request-number';

export const REPORT_VERSION = 1;

/** ECMAScript dates end at ±8.64e15 ms: a later expiry (a huge Max-Age) is written as the last one. */
const MAX_DATE_MS = 8.64e15;

/** ISO-8601 for an epoch-ms time; never throws. */
export function isoTime(ms: number): string {
  const clamped = Number.isNaN(ms) ? 0 : Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, ms));
  return new Date(clamped).toISOString();
}

export interface JsonInput {
  entries: number;
  skipped: number;
  /** A transcript's format and what it did not show (added 2026-12-07); absent for a HAR file. */
  format?: string;
  lacks?: readonly string[];
}

export function jsonReport(result: AnalysisResult, input: JsonInput) {
  return {
    version: REPORT_VERSION,
    input: {
      entries: input.entries,
      skipped: input.skipped,
      ...(input.format !== undefined ? { format: input.format, lacks: [...(input.lacks ?? [])] } : {}),
    },
    origins: result.origins.map(({ origin, atlassian, deployment, product }) => ({ origin, atlassian, deployment, product })),
    sessions: result.sessions.map((s) => ({
      origin: s.origin,
      cookie: s.cookie,
      user: s.user,
      issuedEntry: s.issuedEntry,
      expires: s.expires === null ? null : isoTime(s.expires),
      tokenExpires: s.tokenExpires === null ? null : isoTime(s.tokenExpires),
      clearedEntry: s.clearedEntry,
      lastSentEntry: s.lastSentEntry,
      // Only for a session created through SSO, and `sso` below only when the log has SSO traffic: the
      // output of every other log stays exactly as it was (added 2026-12).
      ...(s.sso ? { sso: sessionSso(s.sso) } : {}),
    })),
    // `number` (added 2026-12-07) beside every `entry`: the 1-based request number the text report and the panel show.
    findings: result.findings.map(({ code, severity, entry, url, message, fix }) => ({ code, severity, entry, number: requestNumber(entry), url, message, fix })),
    ...(result.sso?.length ? { sso: result.sso.map(ssoEntry) } : {}),
  };
}

const isoOrNull = (ms: number | null) => (ms === null ? null : isoTime(ms));

/** How a session was signed in through SSO (added 2026-12). */
function sessionSso(s: SessionSso) {
  return { entry: s.entry, number: requestNumber(s.entry), protocol: s.protocol, issuer: s.issuer, nameId: s.nameId, authnInstant: isoOrNull(s.authnInstant), sessionNotOnOrAfter: isoOrNull(s.sessionNotOnOrAfter) };
}

/**
 * One SSO message or callback (added 2026-12): facts only. Never the SAML message or assertion, a
 * signature, an attribute value, an OIDC code or a token: the engine does not hold them.
 */
function ssoEntry({ entry, url, sso }: SsoEntry) {
  const m = sso.saml;
  return {
    entry,
    number: requestNumber(entry),
    url,
    endpoint: sso.endpoint,
    from: sso.from ?? null,
    departs: sso.departs ?? null,
    error: sso.error ?? null,
    saml: m
      ? {
          binding: m.binding,
          message: m.message,
          id: m.id,
          inResponseTo: m.inResponseTo,
          issueInstant: isoOrNull(m.issueInstant),
          issuer: m.issuer,
          destination: m.destination,
          acsUrl: m.acsUrl,
          status: m.status,
          nameId: m.nameId,
          nameIdFormat: m.nameIdFormat,
          sessionIndex: m.sessionIndex,
          audiences: m.audiences,
          assertionIssuer: m.assertionIssuer,
          assertionIssueInstant: isoOrNull(m.assertionIssueInstant),
          notBefore: isoOrNull(m.notBefore),
          notOnOrAfter: isoOrNull(m.notOnOrAfter),
          subjectNotBefore: isoOrNull(m.subjectNotBefore),
          subjectNotOnOrAfter: isoOrNull(m.subjectNotOnOrAfter),
          recipient: m.recipient,
          authnInstant: isoOrNull(m.authnInstant),
          sessionNotOnOrAfter: isoOrNull(m.sessionNotOnOrAfter),
          attributeNames: m.attributeNames,
          responseSigned: m.responseSigned,
          assertionSigned: m.assertionSigned,
          assertionEncrypted: m.assertionEncrypted,
        }
      : null,
    oidc: sso.oidc ? { ...sso.oidc } : null,
    responseDate: sso.responseDate === undefined ? null : isoTime(sso.responseDate),
  };
}
