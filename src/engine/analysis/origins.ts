/**
 * Which origins are Atlassian, and which deployment.
 * - Cloud: known by host name (atlassian.ts), from the first exchange.
 * - Server / Data Center: any response carrying a fingerprint header (X-AUSERNAME, X-Seraph-LoginReason,
 *   X-AREQUESTID, X-ASESSIONID). It is checked on the exchange itself before the rules run, so a Jira
 *   Server's very first response (which carries X-AUSERNAME) is already analysed. Exchanges of the origin
 *   before its first fingerprint are not analysed afterwards: findings stay append-only and each step
 *   cheap, and those responses carried nothing Atlassian to analyse anyway.
 * - User-added self-hosted origins (`extraAtlassianOrigins`) count as Server / Data Center from the start.
 *   Entries may be origins (`https://jira.corp.example:8443`, a trailing path is ignored) or bare host names
 *   (`jira.corp.example`, any scheme and port).
 * Once Atlassian, an origin stays Atlassian.
 */
import type { Deployment, Exchange, OriginInfo } from '../types';
import { FINGERPRINT_HEADERS, isCloudHost, urlParts } from './atlassian';
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
  observe(origin: string, host: string, ex: Exchange): { info: OriginInfo; changed: boolean } {
    let info = this.known.get(origin);
    const isNew = !info;
    if (!info) {
      info = { origin, atlassian: false, deployment: this.initialDeployment(origin, host) };
      info.atlassian = info.deployment !== 'unknown';
      this.known.set(origin, info);
    }
    if (!info.atlassian && hasFingerprint(ex)) {
      info.atlassian = true;
      info.deployment = 'server';
      return { info, changed: true };
    }
    return { info, changed: isNew };
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

function hasFingerprint(ex: Exchange): boolean {
  for (const h of ex.responseHeaders) if (FINGERPRINT_HEADERS.includes(lowerName(h.name))) return true;
  return false;
}
