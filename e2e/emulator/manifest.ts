/**
 * The application-links manifest, `/rest/applinks/1.0/manifest`: public on every Jira and Confluence (Data Center and
 * Cloud), it names the product (`typeId`), its version and base URL. Real products answer XML by default and JSON
 * when asked (`Accept: application/json`); the fields here are the ones a real manifest has, with the emulator's values.
 */
import type { Exchange } from './exchange';

export function isManifestPath(base: string, pathname: string): boolean {
  return pathname === `${base}/rest/applinks/1.0/manifest`;
}

export function manifest(ex: Exchange): void {
  const { state } = ex;
  const jira = state.profile.product === 'jira';
  const cloud = state.profile.cloud;
  const fields = {
    id: cloud ? state.cloudId : jira ? 'B8A3-4F2E-9C1D-77E0' : '8f3e2d1c-0b9a-4c7d-a6e5-f4d3c2b1a098',
    name: jira ? 'Jira' : 'Confluence',
    typeId: jira ? 'jira' : 'confluence',
    version: cloud ? (jira ? '1001.0.0-SNAPSHOT' : '1000.0.0-SNAPSHOT') : jira ? '9.12.0' : '8.5.4',
    buildNumber: cloud ? 100_289 : jira ? 912_000 : 9_012,
    applinksVersion: '9.1.5',
    publicSignup: false,
    url: `${state.origin}${state.profile.base}`,
  };
  if (/json/i.test(String(ex.req.headers.accept ?? ''))) return ex.json(200, fields);
  const xml = Object.entries(fields).map(([k, v]) => `<${k}>${String(v)}</${k}>`).join('');
  ex.send(200, 'application/xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><manifest>${xml}</manifest>`);
}
