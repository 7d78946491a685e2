/**
 * Builds the engine's Exchange from whatever an adapter saw (webRequest events, a DevTools HAR entry,
 * a HAR file entry). This is where secrets are dropped, by the same rules redactHar applies to the same
 * fields of a HAR entry (redact.ts: the request URL, each header, then the sweep of every value found in any
 * of them out of everything kept); bodies are read for a few non-secret facts and then forgotten.
 */
import type { BodyFacts, Exchange, Header } from '../types';
import { headerValues } from '../exchange/headers';
import { cookieHeaderNames } from '../ground/parse/cookie';
import { parseAuthorization } from '../ground/parse/authorization';
import { isSearchPath } from '../ground/atlassian';
import { redactHeader, redactRequestUrl, redactText, sweepExchange } from '../redact/redact';
import { collecting } from '../redact/sweep';
import { isKeptHeader } from '../exchange/compact';
import { samlMessageOf, ssoFacts } from '../sso/sso';
import { maskedSamlXml } from '../redact/saml-view';
import { preferred } from '../sso/carry';
import { authSignals } from '../exchange/auth-signals';
import { scrubAuthSignals, scrubSsoFacts } from '../redact/fact-text';
import type { RawBody, RawExchange } from '../types';
export type { RawBody, RawExchange };

/** Bodies larger than this are not read for facts: the facts live in small JSON answers. */
const MAX_FACT_BODY = 2 * 1024 * 1024;

/** What an exchange keeps beyond what the analysis reads: what the panel shows people. */
export interface ExchangeOptions {
  /**
   * Every header, each sanitized by its rule (header-policy.ts), for the panel's Headers tab (live capture,
   * DevTools, imports). Without it only the headers the analysis reads are kept (compact.ts): the CLI's
   * reports show no headers, and sanitizing those nobody reads would be most of the cost of a large HAR.
   */
  allHeaders?: boolean;
  /**
   * The SAML message the exchange carries, as pretty XML with its secrets masked (redact/saml-view.ts), for the
   * SSO tab of a file the panel imports: the file already holds the message. Never for live capture, which
   * keeps only the facts.
   */
  samlXml?: boolean;
}

/** Every header kept, no SAML message: what the live extension (capture, DevTools) keeps for the panel. */
export const LIVE_VIEW: ExchangeOptions = { allHeaders: true };
/** Every header and the masked SAML message: what the panel keeps of an imported file or a paste. */
export const IMPORT_VIEW: ExchangeOptions = { allHeaders: true, samlXml: true };

/** The exchange the analysis needs: the headers it reads, the SSO facts (the CLI's reports need no more). */
export function toExchange(raw: RawExchange): Exchange {
  return toExchangeKeeping(raw, {});
}

/** The exchange with what `options` asks for besides (the panel's views). */
export function toExchangeKeeping(raw: RawExchange, options: ExchangeOptions): Exchange {
  // Every value redacted in one place of the exchange is swept out of the others (a Bearer token also in the
  // URL's path, an API key header's value in the Location), as redactHar does in a file.
  const { result: ex, found } = collecting(() => sanitizedExchange(raw, options));
  return found.size ? sweepExchange(ex, found) : ex;
}

function sanitizedExchange(raw: RawExchange, options: ExchangeOptions): Exchange {
  const requestHeaders = sanitizedHeaders(raw.requestHeaders, options.allHeaders === true);
  const responseHeaders = sanitizedHeaders(raw.responseHeaders, options.allHeaders === true);
  const cookiesSent = headerValues(raw.requestHeaders, 'cookie').flatMap(cookieHeaderNames);
  const auth = headerValues(raw.requestHeaders, 'authorization')[0];
  const ex: Exchange = {
    index: raw.index,
    id: raw.id,
    time: raw.time,
    method: raw.method.toUpperCase(),
    url: redactRequestUrl(raw.url),
    status: raw.status,
    requestHeaders,
    responseHeaders,
    cookiesSent,
    credentials: auth === undefined ? null : parseAuthorization(auth),
  };
  if (raw.durationMs !== undefined) ex.durationMs = raw.durationMs;
  if (raw.tabId !== undefined) ex.tabId = raw.tabId;
  if (raw.frameId !== undefined) ex.frameId = raw.frameId;
  if (raw.type !== undefined) ex.type = raw.type;
  // Token and OAuth signals come from URLs and headers too, so the live extension (no bodies) has some.
  const found = authSignals(raw);
  const signals = found && scrubAuthSignals(found);
  const facts = bodyFacts(raw);
  if (facts || signals) ex.bodyFacts = { ...facts, ...signals };
  // From the raw URL, Location and form body: the SAML message and OIDC code are redacted from the exchange.
  const sso = preferred(ssoFacts(raw), raw.sso);
  if (sso) ex.sso = scrubSsoFacts(sso);
  if (options.samlXml) {
    const message = samlMessageOf(raw);
    const xml = message && maskedSamlXml(message.value, message.binding);
    if (xml) ex.samlXml = xml;
  }
  return ex;
}

/** The headers kept (all, or those the analysis reads), sanitized; the others are redacted too, only to note their secrets for the sweep. */
function sanitizedHeaders(headers: readonly Header[], all: boolean): Header[] {
  const out: Header[] = [];
  for (const h of headers) {
    const value = redactHeader(h.name, h.value);
    if (all || isKeptHeader(h.name)) out.push({ name: h.name, value });
  }
  return out;
}

function pathOf(url: string): string {
  const q = url.search(/[?#]/);
  const noQuery = q < 0 ? url : url.slice(0, q);
  const scheme = noQuery.indexOf('://');
  if (scheme < 0) return noQuery;
  const slash = noQuery.indexOf('/', scheme + 3);
  return slash < 0 ? '/' : noQuery.slice(slash);
}

function json(body: RawBody | undefined): unknown {
  const text = body?.text;
  if (!text || text.length > MAX_FACT_BODY) return undefined;
  const t = text.trimStart();
  if (!t.startsWith('{')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x.length <= 256 ? x : undefined);
const rec = (x: unknown): Record<string, unknown> | undefined =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

/** The login forms of Jira (/login.jsp) and Confluence (/dologin.action), which post os_username. */
const LOGIN_FORM = /\/(?:login\.jsp|dologin\.action)$/;

/** Non-secret facts from the few bodies that carry them; only URLs that can have them are parsed. */
function bodyFacts(raw: RawExchange): BodyFacts | undefined {
  if (!raw.requestBody?.text && !raw.responseBody?.text) return undefined;
  const path = pathOf(raw.url);
  const facts: BodyFacts = {};
  const method = raw.method.toUpperCase();
  if (method === 'POST' && LOGIN_FORM.test(path)) {
    const user = formField(raw.requestBody?.text, 'os_username');
    if (user) facts.user = user;
  } else if (/\/rest\/auth\/(1|latest)\/session\/?$/.test(path)) {
    const res = rec(json(raw.responseBody));
    if (method === 'POST') {
      const user = str(rec(json(raw.requestBody))?.username);
      if (user) facts.user = user;
      const name = str(rec(res?.session)?.name);
      if (name) facts.sessionCookieName = name;
    } else if (method === 'GET' && raw.status === 200) {
      const name = str(res?.name);
      if (name) facts.user = name;
    }
  } else if (isSearchPath(path)) {
    // A search answer can be megabytes of issues; "total" comes first in Jira's JSON, so read just that.
    const total = /^\s*\{[^{[]*?"total"\s*:\s*(\d{1,12})/.exec(raw.responseBody?.text?.slice(0, 4096) ?? '');
    if (total) facts.searchTotal = Number(total[1]);
  }
  // Most error answers are pages or JSON without errorMessages: only those that name it are parsed.
  if (raw.status >= 400 && raw.responseBody?.text?.includes('"errorMessages"')) {
    const messages = rec(json(raw.responseBody))?.errorMessages;
    // Error texts are kept (the panel shows them), so they go through the free-text secret patterns.
    if (Array.isArray(messages)) facts.errorMessages = messages.filter((m): m is string => typeof m === 'string').slice(0, 5).map((m) => redactText(m.slice(0, 300)));
  }
  return Object.keys(facts).length ? facts : undefined;
}

/** One field of a small urlencoded form body; undefined when absent, undecodable or implausibly long. */
function formField(text: string | undefined, name: string): string | undefined {
  if (!text || text.length > 65_536) return undefined;
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== name) continue;
    try {
      return str(decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
