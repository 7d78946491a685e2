/**
 * The Headers tab's sections as DevTools draws them (General, Response Headers, Request Headers), with the
 * headers that say who you are and how you authenticated first and marked, the others after them in the
 * order they were sent. Pure, so the order is unit-tested.
 */
import type { Exchange, Header } from '../engine/types';
import { lowerName } from '../engine/exchange/headers';

/** Headers about authentication and the session: shown first and highlighted. */
const AUTH = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'x-atlassian-token',
  'www-authenticate', 'proxy-authenticate', 'set-cookie', 'x-seraph-loginreason', 'x-authentication-denied-reason',
  'x-ausername', 'x-auserid', 'x-aaccountid', 'x-asessionid',
]);

export const isAuthHeader = (name: string) => AUTH.has(lowerName(name));

export interface ShownHeader extends Header {
  auth: boolean;
}

export interface HeaderSection {
  dir: 'response' | 'request';
  title: string;
  headers: ShownHeader[];
  /** Headers the stored record left out (storage-caps.ts), to be said. */
  cut: number;
}

/** Auth headers first (in wire order among themselves), then the rest in wire order. */
export function authFirst(headers: readonly Header[]): ShownHeader[] {
  const auth: ShownHeader[] = [];
  const rest: ShownHeader[] = [];
  for (const h of headers) (isAuthHeader(h.name) ? auth : rest).push({ name: h.name, value: h.value, auth: isAuthHeader(h.name) });
  return [...auth, ...rest];
}

export function headerSections(ex: Pick<Exchange, 'requestHeaders' | 'responseHeaders' | 'headersCut'>): HeaderSection[] {
  return [
    { dir: 'response', title: 'Response Headers', headers: authFirst(ex.responseHeaders), cut: ex.headersCut?.response ?? 0 },
    { dir: 'request', title: 'Request Headers', headers: authFirst(ex.requestHeaders), cut: ex.headersCut?.request ?? 0 },
  ];
}

/** DevTools' General section: what the request was and how it was answered. */
export function generalRows(ex: Pick<Exchange, 'url' | 'method' | 'status'>): [label: string, value: string][] {
  return [
    ['Request URL', ex.url],
    ['Request Method', ex.method],
    ['Status Code', ex.status === 0 ? '(failed: no response)' : String(ex.status)],
  ];
}
