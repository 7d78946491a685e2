/**
 * `seraph-lens doctor <site-url>`: asks an Atlassian site a few safe questions with the credential of the
 * environment (JIRA_USER + JIRA_TOKEN, JIRA_SESSION, or none) and answers in the engine's words: every answer
 * becomes an engine exchange (toExchange drops the secrets), the analyzer raises its findings, and a verdict
 * says what is wrong, the fix, and what works. The plan (doctor-plan.ts) is printed before anything is sent.
 * Exit 0 healthy (or anonymous as asked), 1 a problem found, 2 could not check.
 */
import { analyze } from '../engine/analysis/analyzer';
import { toExchange, type RawExchange } from '../engine/intake/to-exchange';
import { redactUrl } from '../engine/redact/redact';
import { parseLoginReason } from '../engine/ground/parse/seraph';
import { FINGERPRINT_HEADERS } from '../engine/ground/atlassian';
import type { Finding, Header } from '../engine/types';
import { API_TOKEN_PAGE } from '../engine/analysis/explain-tokens';
import { get, parseConnectTo, proxyFor, proxyName, type HttpAnswer, type HttpOptions } from './doctor-http';
import {
  DEFAULT_GATEWAY, anonymousViewPath, cookieName, gatewayUrl, identityPath, knownFromUrl, planFor, siteOf, wireCredential,
  type Credential, type Known, type Product, type Site, type Step, type StepId,
} from './doctor-plan';
import { CLI_VERSION } from './version';

export type VerdictCode =
  | 'healthy' | 'anonymous' | 'token-refused' | 'scoped-token' | 'cloud-password' | 'wrong-scheme' | 'api-token-on-dc'
  | 'login-failed' | 'no-access' | 'captcha' | 'session-expired' | 'refused'
  | 'not-atlassian' | 'unreachable' | 'tls' | 'redirected' | 'unknown-product' | 'insecure';

export interface Verdict {
  code: VerdictCode;
  /** One sentence: what is wrong (or who you are). */
  summary: string;
  fix: string | null;
  /** What works, where the doctor found something that does. */
  works: string | null;
  exit: 0 | 1 | 2;
}

export interface DoctorOptions {
  url: string;
  product: Product | null;
  dryRun: boolean;
  allowHttp: boolean;
  timeoutMs: number;
  credential: Credential;
  env: Record<string, string | undefined>;
  /** In-process tests: extra trusted certificates. */
  ca?: readonly string[];
}

export interface Probe {
  step: number;
  id: StepId;
  url: string;
  credential: string;
  answer: HttpAnswer;
}

export interface DoctorResult {
  site: { url: string; origin: string; product: Product | null; deployment: 'cloud' | 'server' | null; version: string | null; baseUrl: string | null; cloudId: string | null };
  plan: Step[];
  probes: Probe[];
  findings: (Finding & { step: number })[];
  verdict: Verdict | null;
  proxy: string | null;
}

const ACCEPT = { Accept: 'application/json', 'User-Agent': `seraph-lens/${CLI_VERSION} (doctor)` };

/** The gateway's base: api.atlassian.com, or SERAPH_LENS_GATEWAY (a test hook: the emulator's platform listener). */
export const gatewayOf = (env: Record<string, string | undefined>) => env.SERAPH_LENS_GATEWAY || DEFAULT_GATEWAY;

export function dryPlan(opts: Pick<DoctorOptions, 'url' | 'product' | 'credential' | 'env'>): Step[] {
  const site = siteOf(opts.url);
  return planFor(site, opts.credential, knownFromUrl(site, opts.product), gatewayOf(opts.env));
}

const header = (headers: readonly Header[], name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? null;

function jsonOf(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
const str = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : null);

/** A manifest's fields from its JSON or XML form. */
function manifestOf(a: HttpAnswer): { typeId: string | null; version: string | null; url: string | null } | null {
  if (a.status !== 200) return null;
  const j = jsonOf(a.body);
  if (j && (str(j.typeId) || str(j.applinksVersion))) return { typeId: str(j.typeId), version: str(j.version), url: str(j.url) };
  if (!/<manifest[\s>]/.test(a.body)) return null;
  const tag = (t: string) => new RegExp(`<${t}>([^<]{0,200})</${t}>`).exec(a.body)?.[1] ?? null;
  return { typeId: tag('typeId'), version: tag('version'), url: tag('url') };
}

function authHeaders(cred: Credential, deployment: 'cloud' | 'server' | null): Record<string, string> {
  const wire = wireCredential(cred, deployment);
  if (!wire) return {};
  if (wire.kind === 'basic') return { Authorization: `Basic ${Buffer.from(`${wire.user}:${wire.secret}`).toString('base64')}` };
  if (wire.kind === 'bearer') return { Authorization: `Bearer ${wire.secret}` };
  return { Cookie: `${cookieName(wire, deployment)}=${wire.value}` };
}

export interface DoctorHooks {
  /** Before a request is sent (the gateway step is announced here, before it is asked). */
  before?(id: StepId, step: number): void;
  /** Each answer as it arrives. */
  answered?(probe: Probe): void;
}

export async function runDoctor(opts: DoctorOptions, hooks: DoctorHooks = {}): Promise<DoctorResult> {
  const site: Site = siteOf(opts.url);
  const gateway = gatewayOf(opts.env);
  const known: Known = knownFromUrl(site, opts.product);
  const plan = planFor(site, opts.credential, known, gateway);
  const proxy = proxyFor(opts.env, new URL(site.base));
  const result: DoctorResult = {
    site: { url: site.base, origin: site.origin, product: known.product, deployment: known.deployment, version: null, baseUrl: null, cloudId: null },
    plan,
    probes: [],
    findings: [],
    verdict: null,
    proxy: proxy ? proxyName(proxy) : null,
  };
  if (opts.dryRun) return result;

  const http: HttpOptions = {
    timeoutMs: opts.timeoutMs,
    env: opts.env,
    connectTo: parseConnectTo(opts.env.SERAPH_LENS_CONNECT_TO),
    ...(opts.ca ? { ca: opts.ca } : {}),
  };
  const stepOf = (id: StepId) => plan.find((s) => s.id === id)!;
  const send = async (id: StepId, url: string, headers: Record<string, string>, credential: string) => {
    hooks.before?.(id, stepOf(id).n);
    const answer = await get(url, { ...ACCEPT, ...headers }, http);
    const probe: Probe = { step: stepOf(id).n, id, url, credential, answer };
    result.probes.push(probe);
    hooks.answered?.(probe);
    return probe;
  };
  const finish = (v: Verdict) => {
    result.verdict = v;
    result.findings = engineFindings(result.probes, opts.credential, result.site.deployment);
    return result;
  };
  const failed = (p: Probe) => (p.answer.failure ? finish(failureVerdict(p)) : null);

  // 1. manifest
  const m = await send('manifest', stepOf('manifest').urls[0]!.url, {}, 'no credentials');
  const f1 = failed(m);
  if (f1) return f1;
  if (m.answer.status >= 300 && m.answer.status < 400) return finish(redirectVerdict(m));
  const manifest = manifestOf(m.answer);
  let fingerprinted = hasFingerprint(m.answer);
  if (manifest?.typeId === 'jira' || manifest?.typeId === 'confluence') known.product ??= manifest.typeId;
  result.site.version = manifest?.version ?? null;
  result.site.baseUrl = manifest?.url ?? null;
  if (manifest?.version && Number(manifest.version.split('.')[0]) >= 1000) known.deployment ??= 'cloud';

  // 2. serverInfo (Jira or unknown)
  const si = plan.find((s) => s.id === 'serverInfo');
  if (si && known.product !== 'confluence') {
    const p = await send('serverInfo', si.urls[0]!.url, {}, 'no credentials');
    const f2 = failed(p);
    if (f2) return f2;
    const info = p.answer.status === 200 ? jsonOf(p.answer.body) : null;
    fingerprinted ||= hasFingerprint(p.answer);
    if (info && (str(info.deploymentType) || str(info.baseUrl))) {
      known.product ??= 'jira';
      const type = str(info.deploymentType)?.toLowerCase();
      if (type) known.deployment ??= type === 'cloud' ? 'cloud' : 'server';
      result.site.version ??= str(info.version);
      result.site.baseUrl ??= str(info.baseUrl);
    }
  }
  if (!manifest && !fingerprinted && known.product === null) return finish(notAtlassian(site));
  if (known.product === null) {
    return finish({ code: 'unknown-product', summary: `${site.base} answers like an Atlassian site but did not say whether it is Jira or Confluence.`, fix: 'Run doctor again with --product jira or --product confluence.', works: null, exit: 2 });
  }
  known.deployment ??= 'server';
  result.site.product = known.product;
  result.site.deployment = known.deployment;

  // 3. tenant_info (Cloud)
  if (known.deployment === 'cloud' && plan.some((s) => s.id === 'tenantInfo')) {
    const p = await send('tenantInfo', stepOf('tenantInfo').urls[0]!.url, {}, 'no credentials');
    const cloudId = p.answer.status === 200 ? str(jsonOf(p.answer.body)?.cloudId) : null;
    if (cloudId && /^[0-9a-f-]{8,64}$/i.test(cloudId)) known.cloudId = result.site.cloudId = cloudId;
  }

  // 4. who the credential is
  const cred = opts.credential;
  if (cred && site.base.startsWith('http:') && !opts.allowHttp) {
    return finish({ code: 'insecure', summary: `${site.base} is plain http: the credential was not sent.`, fix: 'Use the https:// URL of the site, or --allow-http if this really is a test site on a trusted network.', works: null, exit: 2 });
  }
  const idUrl = `${site.base}${identityPath(known.product, cred?.kind === 'cookie')}`;
  const id = await send('identity', idUrl, authHeaders(cred, known.deployment), planFor(site, cred, known, gateway).find((s) => s.id === 'identity')!.credential);
  const f4 = failed(id);
  if (f4) return f4;

  // Anonymous: what the public can read.
  let anonymousView: string | null = null;
  if (!cred && plan.some((s) => s.id === 'anonymousView')) {
    const p = await send('anonymousView', `${site.base}${anonymousViewPath(known.product)}`, {}, 'no credentials');
    const j = p.answer.status === 200 ? jsonOf(p.answer.body) : null;
    if (known.product === 'jira' && typeof j?.total === 'number') anonymousView = `${j.total} issue${j.total === 1 ? '' : 's'} in a search`;
    else if (known.product === 'confluence' && Array.isArray(j?.results)) anonymousView = `${j.results.length} space${j.results.length === 1 ? '' : 's'}${j.results.length ? ` (${j.results.map((x) => str((x as Record<string, unknown>).key)).filter(Boolean).slice(0, 5).join(', ')})` : ''}`;
    else if (!p.answer.failure) anonymousView = `nothing (${p.answer.status} on ${new URL(p.url).pathname})`;
  }

  // 5. the gateway, once, where a token is refused at a Cloud site
  let gw: Probe | null = null;
  const wire = wireCredential(cred, known.deployment);
  if (known.deployment === 'cloud' && wire?.kind === 'basic' && wire.shape === 'api-token' && refused(id.answer) && plan.some((s) => s.id === 'gateway')) {
    if (!known.cloudId) {
      return finish({ code: 'refused', summary: `The site refused the API token of ${wire.user}, and its cloudId could not be read, so the gateway was not asked.`, fix: `Check the token at ${API_TOKEN_PAGE}.`, works: null, exit: 1 });
    }
    if (gateway.startsWith('http:') && !opts.allowHttp) return finish({ code: 'insecure', summary: `The gateway ${gateway} is plain http: the credential was not sent there.`, fix: 'Use https, or --allow-http for a test gateway.', works: null, exit: 2 });
    gw = await send('gateway', gatewayUrl(gateway, known.product, known.cloudId), authHeaders(cred, 'cloud'), stepOf('gateway').credential);
    const f5 = failed(gw);
    if (f5) return f5;
  }
  return finish(verdictOf(site, known as Known & { product: Product }, cred, id, gw, anonymousView));
}

const loginReasonOf = (a: HttpAnswer) => parseLoginReason(a.headers.filter((h) => h.name.toLowerCase() === 'x-seraph-loginreason').map((h) => h.value));

function hasFingerprint(a: HttpAnswer): boolean {
  const names = a.headers.map((h) => h.name.toLowerCase());
  return FINGERPRINT_HEADERS.some((n) => names.includes(n));
}

function refused(a: HttpAnswer): boolean {
  const reason = loginReasonOf(a);
  return a.status === 401 || a.status === 403 || reason.all.includes('AUTHENTICATED_FAILED') || reason.all.includes('AUTHENTICATION_DENIED');
}

function failureVerdict(p: Probe): Verdict {
  const f = p.answer.failure!;
  const where = new URL(p.url).host;
  if (f.kind === 'tls') {
    return { code: 'tls', summary: `The TLS connection to ${where} failed: ${f.message}.`, fix: 'If the site uses a private or corporate CA, point NODE_EXTRA_CA_CERTS at its certificate (PEM) and run again; otherwise check the certificate the site serves (name, expiry, chain).', works: null, exit: 2 };
  }
  if (f.kind === 'timeout') return { code: 'unreachable', summary: `${where} did not answer ${p.url} in time.`, fix: 'Check the URL, the network and any proxy (HTTPS_PROXY, NO_PROXY); raise --timeout for a slow site.', works: null, exit: 2 };
  if (f.kind === 'proxy') return { code: 'unreachable', summary: `The proxy failed: ${f.message}.`, fix: 'Check HTTPS_PROXY / HTTP_PROXY and NO_PROXY.', works: null, exit: 2 };
  return { code: 'unreachable', summary: `${where} could not be reached: ${f.message}.`, fix: 'Check the URL, DNS and the network (a proxy goes in HTTPS_PROXY).', works: null, exit: 2 };
}

function redirectVerdict(p: Probe): Verdict {
  const raw = header(p.answer.headers, 'location');
  const location = raw === null ? null : redactUrl(raw);
  return {
    code: 'redirected',
    summary: `${p.url} answered ${p.answer.status} with a redirect to ${location ?? '(no Location)'}; doctor follows no redirect.`,
    fix: location ? `If that is the site's real address, run doctor with it (the base URL, with its context path such as /jira).` : 'Check the site URL.',
    works: null,
    exit: 2,
  };
}

function notAtlassian(site: Site): Verdict {
  return {
    code: 'not-atlassian',
    summary: `${site.base} does not answer as Jira or Confluence (no application-links manifest, no serverInfo, no Atlassian headers); no credential was sent.`,
    fix: 'Check the URL: the base URL of the site, with its context path (https://host/jira, https://acme.atlassian.net/wiki).',
    works: null,
    exit: 2,
  };
}

/** Who the answer names: X-AUSERNAME, X-AACCOUNTID, or the JSON of /myself or /user/current. */
function whoOf(a: HttpAnswer): string | null {
  if (a.status !== 200) return null;
  const j = jsonOf(a.body);
  const ausername = header(a.headers, 'x-ausername');
  if (j?.type === 'anonymous' || (ausername === 'anonymous' && !j?.name)) return null;
  const name = str(j?.emailAddress) ?? str(j?.email) ?? str(j?.name) ?? str(j?.username) ?? str(j?.publicName) ?? (ausername && ausername !== 'anonymous' ? ausername : null) ?? str(j?.accountId) ?? header(a.headers, 'x-aaccountid');
  if (!name) return null;
  const display = str(j?.displayName);
  const account = str(j?.accountId) ?? header(a.headers, 'x-aaccountid');
  return `${name}${display && display !== name ? ` (${display})` : ''}${account && account !== name ? `, account ${account}` : ''}`;
}

function verdictOf(site: Site, known: Known & { product: Product }, cred: Credential, id: Probe, gw: Probe | null, anonymousView: string | null): Verdict {
  const a = id.answer;
  const reason = loginReasonOf(a);
  const denied = header(a.headers, 'x-authentication-denied-reason');
  const who = whoOf(a);
  const product = known.product === 'jira' ? 'Jira' : 'Confluence';
  const where = `${product} ${known.deployment === 'cloud' ? 'Cloud' : 'Data Center'}`;
  const wire = wireCredential(cred, known.deployment);
  if (a.status >= 300 && a.status < 400) return { ...redirectVerdict(id), exit: 1 };

  if (!cred) {
    return {
      code: 'anonymous',
      summary: who
        ? `No credentials were given, yet the site named a user (${who}).`
        : `No credentials given: at this ${where} site an anonymous caller ${a.status === 200 ? 'is served as anonymous' : `gets ${a.status}`} on ${new URL(id.url).pathname}` +
          `${anonymousView ? ` and can read ${anonymousView}` : ''}; the public manifest${known.product === 'jira' ? ' and serverInfo' : ''} answered.`,
      fix: 'Set JIRA_USER and JIRA_TOKEN (or JIRA_SESSION) to check a credential.',
      works: null,
      exit: 0,
    };
  }
  if (who && !reason.all.includes('AUTHENTICATED_FAILED')) {
    const asBearer = cred.kind === 'basic' && wire?.kind === 'bearer';
    return {
      code: 'healthy',
      summary: `The credential works: ${where} says you are ${who}.`,
      fix: null,
      works: asBearer ? 'Sent as Authorization: Bearer: it is a personal access token, which Data Center takes only as Bearer (as a Basic password it would be refused and count toward a CAPTCHA).' : null,
      exit: 0,
    };
  }
  if (denied?.includes('CAPTCHA') || reason.all.includes('AUTHENTICATION_DENIED')) {
    return { code: 'captcha', summary: `${where} wants a CAPTCHA for this user after failed logins: Basic and REST logins are refused until someone signs in through the browser.`, fix: `Sign in once in a browser at ${site.base} (solving the CAPTCHA), then fix the credential that kept failing; a personal access token (Bearer) never trips the CAPTCHA.`, works: null, exit: 1 };
  }
  if (reason.all.includes('AUTHORISATION_FAILED')) {
    return { code: 'no-access', summary: `The credential is right but the user may not use ${product} (AUTHORISATION_FAILED).`, fix: `Ask an administrator to grant the user application access to ${product}.`, works: null, exit: 1 };
  }
  if (cred.kind === 'cookie') {
    return { code: 'session-expired', summary: `The session cookie is no longer a signed-in session (${a.status} with os_authType=cookie).`, fix: `Sign in again at ${site.base} and copy the new cookie; scripts should use an API token (Cloud) or a personal access token (Data Center) instead of a browser session.`, works: null, exit: 1 };
  }
  if (known.deployment === 'cloud') {
    if (wire?.kind === 'bearer') {
      return { code: 'wrong-scheme', summary: `Atlassian Cloud does not take an API token as Bearer (${a.status}).`, fix: 'Send Authorization: Basic base64(email:token), with the account email as the user: set JIRA_USER to the email.', works: null, exit: 1 };
    }
    if (wire?.kind === 'basic' && wire.shape === 'api-token') {
      const cloudId = known.cloudId ?? '{cloudId}';
      const gwBase = gw ? gw.url.slice(0, gw.url.indexOf(`/ex/${known.product}/`)) : DEFAULT_GATEWAY;
      if (gw && whoOf(gw.answer)) {
        return {
          code: 'scoped-token',
          summary: `The site refused the API token of ${wire.user}, but the API gateway accepted it (you are ${whoOf(gw.answer)}): it is a scoped token, which works only through the gateway.`,
          fix: `Send the requests to ${gwBase}/ex/${known.product}/${cloudId}/… (the same paths${known.product === 'confluence' ? ', /wiki included' : ''}) instead of ${site.origin}; or make a classic token at ${API_TOKEN_PAGE} for the site host.`,
          works: 'The same token works through the gateway.',
          exit: 1,
        };
      }
      return {
        code: 'token-refused',
        summary: `The API token of ${wire.user} is refused at the site${gw ? ' and at the API gateway' : ''}: it has expired or was revoked (or ${wire.user} is not its owner's email).`,
        fix: `Check its expiry at ${API_TOKEN_PAGE}; make a new token and send Basic email:token with the owner's email.`,
        works: null,
        exit: 1,
      };
    }
    if (wire?.kind === 'basic') {
      return { code: 'cloud-password', summary: `Atlassian Cloud refused Basic with what looks like a password for ${wire.user}: Cloud takes API tokens only.`, fix: `Make an API token at ${API_TOKEN_PAGE} and put it in JIRA_TOKEN, with the account email in JIRA_USER.`, works: null, exit: 1 };
    }
  } else {
    if (wire?.kind === 'bearer') {
      return { code: 'token-refused', summary: `${where} refused the personal access token (${a.status}): it has expired, was revoked, or belongs to another site.`, fix: `Make a new personal access token in ${product} (profile → Personal Access Tokens) and send it as Authorization: Bearer.`, works: null, exit: 1 };
    }
    if (wire?.kind === 'basic' && wire.shape === 'api-token') {
      return { code: 'api-token-on-dc', summary: `${where} refused Basic ${wire.user} with an API-token-shaped secret: Data Center does not take Atlassian Cloud API tokens.`, fix: `Make a personal access token in ${product} (profile → Personal Access Tokens) and send it as Authorization: Bearer (put it in JIRA_TOKEN: doctor sends a PAT as Bearer), or use the password.`, works: null, exit: 1 };
    }
    if (wire?.kind === 'basic' && refused(a)) {
      return { code: 'login-failed', summary: `${where} refused the username or password of ${wire.user} (${a.status}${reason.all.length ? `, ${reason.all.join(', ')}` : ''}). Each failed Basic login counts toward a CAPTCHA.`, fix: `Check the username and password by signing in at ${site.base}; for scripts prefer a personal access token (Bearer), which never trips the CAPTCHA.`, works: null, exit: 1 };
    }
  }
  return { code: 'refused', summary: `The site did not name a user for the credential (${a.status}).`, fix: 'See the findings above.', works: null, exit: 1 };
}

/** Every probe as an engine exchange (secrets dropped by toExchange), analysed in order. */
function engineFindings(probes: readonly Probe[], cred: Credential, deployment: 'cloud' | 'server' | null): (Finding & { step: number })[] {
  const start = Date.now();
  const raws: RawExchange[] = probes
    .filter((p) => !p.answer.failure)
    .map((p, i) => ({
      index: i,
      id: String(i),
      time: start + i,
      method: 'GET',
      url: p.url,
      status: p.answer.status,
      requestHeaders: Object.entries(p.id === 'identity' || p.id === 'gateway' ? authHeaders(cred, p.id === 'gateway' ? 'cloud' : deployment) : {}).map(([name, value]) => ({ name, value })),
      responseHeaders: p.answer.headers,
      responseBody: { text: p.answer.body, mimeType: header(p.answer.headers, 'content-type') ?? '' },
    }));
  const stepOfIndex = probes.filter((p) => !p.answer.failure).map((p) => p.step);
  const result = analyze(raws.map(toExchange));
  return result.findings.map((f) => ({ ...f, step: stepOfIndex[f.entry] ?? 0 }));
}
