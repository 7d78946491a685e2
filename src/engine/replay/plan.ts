/**
 * What a replay sends: method, URL, headers, and how credentials travel. Pure: the page runs the plan
 * with fetch(). Typed credentials go only to the origin they were typed for and live in the plan only (the
 * caller drops it after use). No replay follows a redirect: with the browser's cookies, a redirect to
 * another origin would carry that origin's cookies; with typed credentials, the Authorization header.
 */
import type { Exchange, Header } from '../types';
import { isRedactedMarker } from '../ground/marker';
import { originOf, withOsAuthType, type AuthTypeChoice } from './url';

export type CredentialSource =
  | { kind: 'browser' }
  | { kind: 'anonymous' }
  /** Server/DC username + password, or Cloud email + API token. */
  | { kind: 'basic'; username: string; secret: string; origin: string }
  /** Data Center personal access token. */
  | { kind: 'bearer'; token: string; origin: string };

export type SourceKind = CredentialSource['kind'];

export interface ReplayPlan {
  method: string;
  url: string;
  origin: string;
  headers: Header[];
  /** fetch() credentials mode: the browser's cookies only for the "browser" source. */
  credentials: 'include' | 'omit';
  /**
   * Always `manual`: a replay stops at the first answer, like the captured hop it is compared with, and
   * neither cookies nor typed credentials follow a redirect anywhere (the answer shows the Location).
   */
  redirect: 'manual';
  /** Anything but GET and HEAD asks the user first. */
  needsConfirmation: boolean;
  notes: string[];
}

/** Headers fetch() refuses to set (Fetch standard, forbidden request-header names) or that carry credentials. */
const DROPPED = new Set([
  'accept-charset', 'accept-encoding', 'access-control-request-headers', 'access-control-request-method', 'connection',
  'content-length', 'cookie', 'cookie2', 'date', 'dnt', 'expect', 'host', 'keep-alive', 'origin', 'referer', 'set-cookie',
  'te', 'trailer', 'transfer-encoding', 'upgrade', 'via', 'authorization', 'x-http-method', 'x-http-method-override', 'x-method-override',
]);
const DROPPED_PREFIX = /^(proxy-|sec-)/i;
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function planReplay(ex: Exchange, authType: AuthTypeChoice, source: CredentialSource): ReplayPlan | { error: string } {
  let url: string;
  try {
    url = withOsAuthType(ex.url, authType);
  } catch (err) {
    return { error: (err as Error).message };
  }
  const origin = originOf(url);
  if (!origin) return { error: `Not a replayable URL: ${ex.url.slice(0, 100)}` };
  const method = ex.method.toUpperCase();
  if (!/^[A-Z]{1,16}$/.test(method) || method === 'CONNECT' || method === 'TRACE' || method === 'TRACK') return { error: `The method ${ex.method.slice(0, 20)} cannot be replayed.` };

  const notes: string[] = [];
  const headers: Header[] = [];
  for (const h of ex.requestHeaders) {
    const name = h.name.toLowerCase();
    if (DROPPED.has(name) || DROPPED_PREFIX.test(name)) continue;
    if (h.value.includes('[redacted ') || isRedactedMarker(h.value)) {
      notes.push(`${h.name} was redacted at capture and is left out.`);
      continue;
    }
    if (/[\r\n\0]/.test(h.value) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(h.name)) continue;
    headers.push({ name: h.name, value: h.value });
  }

  let credentials: ReplayPlan['credentials'] = 'omit';
  if (source.kind === 'browser') credentials = 'include';
  else if (source.kind === 'basic' || source.kind === 'bearer') {
    if (originOf(source.origin) !== origin) return { error: `Credentials typed for ${source.origin} are never sent to ${origin}.` };
    const auth = authorization(source);
    if ('error' in auth) return auth;
    headers.push({ name: 'Authorization', value: auth.value });
  }
  if (!SAFE_METHODS.has(method)) notes.push('The request body was not captured; the replay sends none.');
  return { method, url, origin, headers, credentials, redirect: 'manual', needsConfirmation: !SAFE_METHODS.has(method), notes };
}

function authorization(source: Extract<CredentialSource, { kind: 'basic' | 'bearer' }>): { value: string } | { error: string } {
  if (source.kind === 'bearer') {
    const token = source.token.trim();
    if (!token) return { error: 'Type the personal access token.' };
    if (!/^[\x21-\x7e]+$/.test(token)) return { error: 'The token has spaces or control characters: paste it again.' };
    return { value: `Bearer ${token}` };
  }
  if (!source.username) return { error: 'Type the user name (Cloud: your email address).' };
  if (source.username.includes(':')) return { error: 'A user name cannot contain ":" in Basic authentication.' };
  if (/[\r\n\0]/.test(source.username + source.secret)) return { error: 'The credentials contain line breaks: type them again.' };
  return { value: `Basic ${base64Utf8(`${source.username}:${source.secret}`)}` };
}

function base64Utf8(s: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(s)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Whether a plan carries typed credentials (an Authorization header the plan added). */
export function hasTypedCredentials(plan: Pick<ReplayPlan, 'headers'>): boolean {
  return plan.headers.some((h) => h.name.toLowerCase() === 'authorization');
}
