/**
 * The doctor's probe plan: a small, fixed list of GETs, known before anything is sent and printed first. Steps
 * whose URL or credential depends on an earlier answer name that condition; nothing outside the plan is sent.
 *   1. the application-links manifest (public): product, version, base URL
 *   2. Jira's serverInfo (public): deployment type and version (Confluence has no public equivalent: its
 *      manifest above is that)
 *   3. Cloud only: /_edge/tenant_info (public): the cloudId
 *   4. who the credential is: Jira /rest/api/2/myself, Confluence /rest/api/user/current (a session cookie
 *      with os_authType=cookie), the one credentialed request to the site
 *   5. only when 4 is refused on Cloud and the credential is a Basic API token: the same question once through
 *      the API gateway, https://api.atlassian.com/ex/{product}/{cloudId} (scoped tokens work only there)
 */
import { secretShape } from '../engine/ground/parse/credential-shape';
import type { CredentialShape } from '../engine/types';
import { isCloudSiteHost } from '../engine/analysis/tokens';

export type Product = 'jira' | 'confluence';
export type Deployment = 'cloud' | 'server';

export type Credential =
  | { kind: 'basic'; user: string; secret: string; shape: CredentialShape }
  | { kind: 'bearer'; secret: string; shape: CredentialShape }
  | { kind: 'cookie'; name: string | null; value: string }
  | null;

export const DEFAULT_GATEWAY = 'https://api.atlassian.com';

export interface Site {
  /** The URL as given, without a trailing slash: the base, context path included. */
  base: string;
  origin: string;
  host: string;
}

export function siteOf(url: string): Site {
  const u = new URL(url);
  const base = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  return { base, origin: u.origin, host: u.hostname.toLowerCase() };
}

export type StepId = 'manifest' | 'serverInfo' | 'tenantInfo' | 'identity' | 'anonymousView' | 'gateway';

export interface Step {
  n: number;
  id: StepId;
  method: 'GET';
  /** Concrete URL, or alternatives when the product is not known yet ({cloudId} where it comes from step 3). */
  urls: { when: string | null; url: string }[];
  /** How the step authenticates, for people: never the secret. */
  credential: string;
  /** Why it is asked. */
  why: string;
  /** Sent only if… (null: always). */
  only: string | null;
}

export interface Known {
  product: Product | null;
  deployment: Deployment | null;
  cloudId: string | null;
}

/** A secret described without itself: its shape and length. */
export function describeSecret(secret: string, shape: CredentialShape): string {
  const what = shape === 'api-token' ? 'API token' : shape === 'pat' ? 'personal access token' : shape === 'password' ? 'password' : shape === 'jwt' ? 'JWT' : 'secret';
  return `<${what}, ${secret.length} characters>`;
}

/** How the credential goes on the wire for a deployment: a PAT-shaped token to Data Center goes as Bearer. */
export function wireCredential(cred: Credential, deployment: Deployment | null): Credential {
  if (cred?.kind === 'basic' && cred.shape === 'pat' && deployment === 'server') return { kind: 'bearer', secret: cred.secret, shape: cred.shape };
  return cred;
}

export function cookieName(cred: Extract<Credential, { kind: 'cookie' }>, deployment: Deployment | null): string {
  return cred.name ?? (deployment === 'cloud' ? 'tenant.session.token' : 'JSESSIONID');
}

export function describeCredential(cred: Credential, deployment: Deployment | null): string {
  if (!cred) return 'no credentials';
  if (cred.kind === 'cookie') {
    if (cred.name || deployment) return `Cookie: ${cookieName(cred, deployment)}=<session cookie, ${cred.value.length} characters>`;
    return `Cookie: JSESSIONID (Data Center) or tenant.session.token (Cloud) =<session cookie, ${cred.value.length} characters>`;
  }
  const wire = wireCredential(cred, deployment);
  const basic = cred.kind === 'basic' ? `Authorization: Basic ${cred.user}:${describeSecret(cred.secret, cred.shape)}` : '';
  const bearer = `Authorization: Bearer ${describeSecret(cred.secret, cred.shape)}`;
  if (wire?.kind === 'bearer') return cred.kind === 'basic' ? `${bearer} (Data Center: a personal access token goes in Bearer; ${cred.user} is not sent)` : bearer;
  if (cred.kind === 'basic' && cred.shape === 'pat' && deployment === null) return `${bearer} on Data Center (a personal access token goes in Bearer), ${basic} on Cloud`;
  return basic;
}

export function identityPath(product: Product, cookie: boolean): string {
  const p = product === 'jira' ? '/rest/api/2/myself' : '/rest/api/user/current';
  return cookie ? `${p}?os_authType=cookie` : p;
}

/** Anonymous only: what the public can read, counted, not listed. */
export function anonymousViewPath(product: Product): string {
  return product === 'jira' ? '/rest/api/2/search?maxResults=0' : '/rest/api/space?limit=25';
}

/** The gateway's path for the identity question (Confluence keeps /wiki there). */
export function gatewayUrl(gateway: string, product: Product, cloudId: string): string {
  const g = gateway.replace(/\/+$/, '');
  return product === 'jira' ? `${g}/ex/jira/${cloudId}/rest/api/2/myself` : `${g}/ex/confluence/${cloudId}/wiki/rest/api/user/current`;
}

/** What can be told before sending anything: the product from a `/wiki` base, Cloud from the host name. */
export function knownFromUrl(site: Site, product: Product | null): Known {
  return {
    product: product ?? (/\/wiki$/.test(site.base) ? 'confluence' : null),
    deployment: isCloudSiteHost(site.host) ? 'cloud' : null,
    cloudId: null,
  };
}

export function planFor(site: Site, cred: Credential, known: Known, gateway: string): Step[] {
  const { product, deployment } = known;
  const products: Product[] = product ? [product] : ['jira', 'confluence'];
  const label = (p: Product) => (product ? null : p === 'jira' ? 'if Jira' : 'if Confluence');
  const steps: Step[] = [];
  const add = (s: Omit<Step, 'n' | 'method'>) => steps.push({ n: steps.length + 1, method: 'GET', ...s });
  add({ id: 'manifest', urls: [{ when: null, url: `${site.base}/rest/applinks/1.0/manifest` }], credential: 'no credentials', why: 'which product, version and base URL (public)', only: null });
  if (product !== 'confluence') {
    add({ id: 'serverInfo', urls: [{ when: null, url: `${site.base}/rest/api/2/serverInfo` }], credential: 'no credentials', why: 'Cloud or Data Center, and the version (public; Confluence has no public equivalent, its manifest is that)', only: product ? null : 'if the manifest does not say Confluence' });
  }
  if (deployment !== 'server') {
    add({ id: 'tenantInfo', urls: [{ when: null, url: `${site.origin}/_edge/tenant_info` }], credential: 'no credentials', why: "the Cloud site's cloudId (public)", only: deployment ? null : 'if the site is Cloud' });
  }
  const cookie = cred?.kind === 'cookie';
  const dcNote = deployment !== 'cloud' && cred && cred.kind !== 'cookie' ? ' Data Center counts failed Basic logins toward a CAPTCHA: this is the only credentialed request to it.' : '';
  add({
    id: 'identity',
    urls: products.map((p) => ({ when: label(p), url: `${site.base}${identityPath(p, cookie)}` })),
    credential: describeCredential(cred, deployment),
    why: (cred ? 'who the credential is at the site' : 'what an anonymous caller is at the site') + '.' + dcNote,
    only: 'if the site answered as Jira or Confluence (credentials go to Atlassian sites only)',
  });
  if (!cred) {
    add({
      id: 'anonymousView',
      urls: products.map((p) => ({ when: label(p), url: `${site.base}${anonymousViewPath(p)}` })),
      credential: 'no credentials',
      why: 'what an anonymous caller can read (Jira: how many issues, none listed; Confluence: which spaces)',
      only: 'if the site answered as Jira or Confluence',
    });
  }
  const tokenShaped = cred?.kind === 'basic' && cred.shape === 'api-token';
  if (tokenShaped && deployment !== 'server') {
    add({
      id: 'gateway',
      urls: products.map((p) => ({ when: label(p), url: gatewayUrl(gateway, p, known.cloudId ?? '{cloudId}') })),
      credential: describeCredential(cred, 'cloud'),
      why: 'the same question once through the API gateway, where scoped API tokens work',
      only: `only if step ${steps.length} is refused and the site is Cloud`,
    });
  }
  return steps;
}

export function planLines(steps: readonly Step[]): string[] {
  const out: string[] = [];
  for (const s of steps) {
    const urls = s.urls.map((u) => (u.when ? `${u.url} (${u.when})` : u.url));
    out.push(`  ${s.n}. GET ${urls.join('\n        or GET ')}`);
    out.push(`       with ${s.credential}`);
    out.push(`       ${s.only ? `${s.only}: ` : ''}${s.why}`);
  }
  return out;
}

/** The token, its user and its shape; a PAT-shaped token without a user is Bearer. */
export function credentialFrom(env: Record<string, string | undefined>, stdinToken: string | null): Credential {
  const token = stdinToken ?? env.JIRA_TOKEN ?? '';
  const user = env.JIRA_USER ?? '';
  const session = env.JIRA_SESSION ?? '';
  if (token && session) throw new CredentialError('set JIRA_TOKEN (or --token-stdin) or JIRA_SESSION, not both');
  if (session) {
    const eq = session.indexOf('=');
    return eq > 0 && /^[\w.-]+$/.test(session.slice(0, eq)) ? { kind: 'cookie', name: session.slice(0, eq), value: session.slice(eq + 1) } : { kind: 'cookie', name: null, value: session };
  }
  if (!token) {
    if (user) throw new CredentialError('JIRA_USER is set but JIRA_TOKEN is not (or use --token-stdin)');
    return null;
  }
  const shape = secretShape(token);
  if (!user) return { kind: 'bearer', secret: token, shape };
  return { kind: 'basic', user, secret: token, shape };
}

export class CredentialError extends Error {}
