/**
 * Which origins are Atlassian, which deployment and which product.
 * - Cloud: known by host name (atlassian.ts), from the first exchange; or a fingerprinted answer that names
 *   the caller by account id (X-AACCOUNTID: only Cloud does).
 * - Server / Data Center: any response carrying a fingerprint header (X-AUSERNAME, X-Seraph-LoginReason,
 *   X-AREQUESTID, X-ASESSIONID, X-ASEN, X-Confluence-Request-Time).
 * - Product: the first exchange of an Atlassian origin that shows one (atlassian.ts productSignal). It is checked on the exchange itself before the rules run, so a Jira
 *   Server's very first response (which carries X-AUSERNAME) is already analysed. Exchanges of the origin
 *   before its first fingerprint are not analysed afterwards: findings stay append-only and each step
 *   cheap, and those responses carried nothing Atlassian to analyse anyway.
 * - User-added self-hosted origins (`extraAtlassianOrigins`) count as Server / Data Center from the start.
 *   Entries may be origins (`https://jira.corp.example:8443`, a trailing path is ignored) or bare host names
 *   (`jira.corp.example`, any scheme and port).
 * Once Atlassian, an origin stays Atlassian.
 */
import type { Deployment, Exchange, OriginInfo } from '../types';
import { FINGERPRINT_HEADERS, isCloudHost, productSignal, urlParts } from '../ground/atlassian';
import { lowerName } from '../exchange/headers';

export class OriginClassifier {
  private readonly known = new Map<string, OriginInfo>();
  private readonly extraOrigins = new Set<string>();
  private readonly extraHosts = new Set<string>();

  constructor(extraAtlassianOrigins: readonly string[] = []) {
    for (const entry of extraAtlassianOrigins) {
      const e = entry.trim();
      if (!e) continue;
      const parts = urlParts(e);
      if (parts) this.extraOrigins.add(parts.origin);
      else this.extraHosts.add(e.replace(/[/:].*$/, '').toLowerCase());
    }
  }

  /** Classifies the exchange's origin; returns the info and whether it is new or changed (for deltas). */
  observe(origin: string, host: string, path: string, ex: Exchange): { info: OriginInfo; changed: boolean } {
    let info = this.known.get(origin);
    let changed = !info;
    if (!info) {
      info = { origin, atlassian: false, deployment: this.initialDeployment(origin, host), product: 'unknown' };
      info.atlassian = info.deployment !== 'unknown';
      this.known.set(origin, info);
    }
    // Once an origin is Atlassian with a known product, nothing is left to learn: no header scan.
    if (info.atlassian && info.product !== 'unknown') return { info, changed };
    const names = ex.responseHeaders.map((h) => lowerName(h.name));
    if (!info.atlassian && FINGERPRINT_HEADERS.some((n) => names.includes(n))) {
      info.atlassian = true;
      // Only Cloud names the caller by account id; everything else with a fingerprint is Server / Data Center.
      info.deployment = names.includes('x-aaccountid') ? 'cloud' : 'server';
      changed = true;
    }
    // The first exchange that names the product decides it (a Cloud site's Jira and Confluence share the origin).
    if (info.atlassian && info.product === 'unknown') {
      const product = productSignal(names, cookieNames(ex), path);
      if (product) {
        info.product = product;
        changed = true;
      }
    }
    return { info, changed };
  }

  /** Copies, in first-seen order. */
  all(): OriginInfo[] {
    return [...this.known.values()].map((o) => ({ ...o }));
  }

  private initialDeployment(origin: string, host: string): Deployment {
    if (isCloudHost(host)) return 'cloud';
    if (this.extraOrigins.has(origin) || this.extraHosts.has(host)) return 'server';
    return 'unknown';
  }
}

/** Cookies the request sent and those the response set (names only). */
function cookieNames(ex: Exchange): string[] {
  const names = ex.cookiesSent.slice();
  for (const h of ex.responseHeaders) {
    if (lowerName(h.name) !== 'set-cookie') continue;
    for (const line of h.value.split('\n')) names.push(line.slice(0, line.indexOf('=')).trim());
  }
  return names;
}
