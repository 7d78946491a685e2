/**
 * Which origins are Atlassian, and which deployment. Cloud is known by host name; Server/Data Center by
 * the fingerprint headers of any response (checked on the same exchange, before rules run, so a Jira
 * Server's very first response is already classified); user-added self-hosted origins count from the start.
 */
import type { Deployment, Exchange, OriginInfo } from './types';
import { FINGERPRINT_HEADERS, isCloudHost } from './atlassian';

export class OriginClassifier {
  private readonly known = new Map<string, OriginInfo>();
  private readonly extra: Set<string>;

  constructor(extraAtlassianOrigins: readonly string[] = []) {
    this.extra = new Set(extraAtlassianOrigins.map((o) => o.replace(/\/+$/, '').toLowerCase()));
  }

  /** Classifies the exchange's origin; returns the info and whether it changed (for deltas). */
  observe(origin: string, host: string, ex: Exchange): { info: OriginInfo; changed: boolean } {
    let info = this.known.get(origin);
    const isNew = !info;
    if (!info) {
      const deployment: Deployment = isCloudHost(host) ? 'cloud' : this.extra.has(origin.toLowerCase()) ? 'server' : 'unknown';
      info = { origin, atlassian: deployment !== 'unknown', deployment };
      this.known.set(origin, info);
    }
    if (!info.atlassian && hasFingerprint(ex)) {
      info.atlassian = true;
      info.deployment = 'server';
      return { info, changed: true };
    }
    return { info, changed: isNew };
  }

  all(): OriginInfo[] {
    return [...this.known.values()].map((o) => ({ ...o }));
  }
}

function hasFingerprint(ex: Exchange): boolean {
  return ex.responseHeaders.some((h) => FINGERPRINT_HEADERS.includes(h.name.toLowerCase()));
}
