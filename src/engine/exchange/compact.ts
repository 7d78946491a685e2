/**
 * The headers the analysis reads, and the compact form of a stored record. Every exchange keeps these
 * headers; the panel's exchanges keep the others too (exchange.ts ExchangeOptions), and storage bounds
 * those tighter (background/storage-caps.ts).
 */
import type { Exchange } from '../types';
import { lowerName } from './headers';

const KEPT_HEADERS = new Set([
  // request side (values already sanitized by toExchange)
  'authorization',
  'cookie',
  // response side
  'www-authenticate',
  'x-seraph-loginreason',
  'x-authentication-denied-reason',
  'x-ausername',
  'x-aaccountid',
  'x-auserid',
  'x-asen',
  'x-confluence-request-time',
  'x-arequestid',
  'x-asessionid',
  'atl-traceid',
  'set-cookie',
  'location',
  'content-type',
]);

export function isKeptHeader(name: string): boolean {
  return KEPT_HEADERS.has(lowerName(name));
}

/**
 * The exchange as the live log stores it: without the tab and frame ids, since the log is stored per tab
 * already and nothing reads the frame (each byte counts: 5,000 records a tab share storage.session's 10 MB).
 */
export function compactExchange<T extends Exchange | Omit<Exchange, 'index'>>(ex: T): Omit<T, 'tabId' | 'frameId'> {
  const { tabId: _tabId, frameId: _frameId, ...rest } = ex;
  return rest;
}
