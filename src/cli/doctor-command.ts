/**
 * The doctor sub-command's output: the plan first (printed before anything is sent), then each answer, the
 * engine's findings, the verdict, its fix and what works. Text or JSON; neither ever holds a secret (the plan
 * describes credentials by kind, user and length; findings come from toExchange's redacted exchanges).
 */
import { CredentialError, credentialFrom, planLines, type Product, type Step } from './doctor-plan';
import { dryPlan, runDoctor, type DoctorResult, type Probe } from './doctor';
import { proxyFor, proxyName } from './doctor-http';
import type { Style } from './report-text';
import { redactUrl } from '../engine/redact/redact';

export interface DoctorArgs {
  url: string;
  format: 'text' | 'json';
  dryRun: boolean;
  tokenStdin: boolean;
  allowHttp: boolean;
  timeoutSec: number;
  product: Product | null;
}

export interface DoctorIo {
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string | undefined>;
  readStdin(): Promise<string>;
  style: Style;
  /** In-process tests: extra trusted certificates. */
  ca?: readonly string[];
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const clean = (s: string) => s.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export class DoctorUsageError extends Error {}

/** A redirect's target, with any secret in it (a code, a token, a SAML message) removed as the engine does. */
const locationOf = (headers: readonly { name: string; value: string }[]) => {
  const v = headers.find((h) => h.name.toLowerCase() === 'location')?.value;
  return v === undefined ? null : redactUrl(v);
};

export async function doctorCommand(args: DoctorArgs, io: DoctorIo): Promise<number> {
  let url: URL;
  try {
    url = new URL(args.url);
  } catch {
    throw new DoctorUsageError(`doctor: "${args.url}" is not a URL (https://jira.example.com, https://acme.atlassian.net/wiki)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DoctorUsageError(`doctor: ${url.protocol} URLs are not supported, only https (or http)`);
  if (url.username || url.password) throw new DoctorUsageError('doctor: no credentials in the URL: use JIRA_USER and JIRA_TOKEN (or --token-stdin), or JIRA_SESSION');
  let credential;
  try {
    const stdinToken = args.tokenStdin ? (await io.readStdin()).replace(/\r?\n$/, '').trim() : null;
    if (args.tokenStdin && !stdinToken) throw new CredentialError('--token-stdin read nothing');
    credential = credentialFrom(io.env, stdinToken);
  } catch (err) {
    if (err instanceof CredentialError) throw new DoctorUsageError(`doctor: ${err.message}`);
    throw err;
  }
  if (credential && url.protocol === 'http:' && !args.allowHttp && !args.dryRun) {
    io.stderr(`seraph-lens: doctor: ${url.origin} is plain http: credentials are sent only over https (or with --allow-http)\n`);
    return 2;
  }
  const opts = { url: url.href, product: args.product, dryRun: args.dryRun, allowHttp: args.allowHttp, timeoutMs: args.timeoutSec * 1000, credential, env: io.env, ...(io.ca ? { ca: io.ca } : {}) };
  const s = io.style;
  if (args.format === 'text') {
    const plan = dryPlan(opts);
    io.stdout(planText(plan, s, args.dryRun));
    if (args.dryRun) return 0;
  }
  if (args.format === 'json') {
    const result = await runDoctor(opts);
    io.stdout(JSON.stringify(doctorJson(result, args.dryRun), null, 2) + '\n');
    return result.verdict?.exit ?? 2;
  }
  // Text: each answer as it arrives, and the gateway step announced before it is asked.
  let headed = false;
  const result = await runDoctor(opts, {
    before: (id, step) => {
      if (!headed) {
        headed = true;
        io.stdout(`${s.bold('Sent')}\n`);
        const proxy = proxyFor(io.env, new URL(url.href));
        if (proxy) io.stdout(`  through the proxy ${proxyName(proxy)}\n`);
      }
      if (id === 'gateway') io.stdout(`  step ${step - 1} was refused on Cloud and the credential is an API token: asking the API gateway once\n`);
    },
    answered: (p) => io.stdout(probeLine(p) + '\n'),
  });
  io.stdout(resultText(result, s));
  return args.dryRun ? 0 : (result.verdict?.exit ?? 2);
}

function planText(plan: readonly Step[], s: Style, dry: boolean): string {
  const head = s.bold(dry ? 'Plan (dry run: nothing is sent)' : 'Plan (GET only, no redirect followed, nothing else is sent)');
  return [head, ...planLines(plan).map(clean), ''].join('\n') + '\n';
}

function probeLine(p: Probe): string {
  const a = p.answer;
  const location = locationOf(a.headers);
  const outcome = a.failure ? `failed (${a.failure.kind}: ${a.failure.message})` : `${a.status}${location ? ` → ${location}` : ''}`;
  return clean(`  ${p.step}. GET ${p.url}  ${outcome}  ${a.ms} ms`);
}

function resultText(r: DoctorResult, s: Style): string {
  const out: string[] = [];
  const site = r.site;
  if (site.product) {
    const name = site.product === 'jira' ? 'Jira' : 'Confluence';
    const dep = site.deployment === 'cloud' ? 'Cloud' : 'Data Center / Server';
    out.push('', s.bold('Site'), clean(`  ${name} ${dep}${site.version ? ` ${site.version}` : ''}${site.baseUrl ? `, base URL ${site.baseUrl}` : ''}${site.cloudId ? `, cloudId ${site.cloudId}` : ''}`));
  }
  if (r.findings.length) {
    out.push('', s.bold('Findings (the engine, as for a HAR)'));
    for (const f of r.findings) {
      out.push(clean(`  ${s.severity(f.severity, `[${f.severity}]`)} step ${f.step} · ${s.bold(f.code)}`));
      out.push(clean(`    ${f.message}`));
      out.push(s.dim(clean(`    fix: ${f.fix}`)));
    }
  }
  const v = r.verdict;
  if (v) {
    out.push('', s.bold(`Verdict: ${v.code}`), clean(`  ${v.summary}`));
    if (v.fix) out.push(clean(`  Fix: ${v.fix}`));
    if (v.works) out.push(clean(`  Works: ${v.works}`));
  }
  return out.join('\n') + '\n';
}

export function doctorJson(r: DoctorResult, dryRun: boolean) {
  return {
    version: 1,
    command: 'doctor',
    dryRun,
    site: r.site,
    proxy: r.proxy,
    plan: r.plan.map((p) => ({ step: p.n, id: p.id, method: p.method, urls: p.urls, credential: p.credential, only: p.only, why: p.why })),
    sent: r.probes.map((p) => ({
      step: p.step,
      id: p.id,
      method: 'GET',
      url: p.url,
      credential: p.credential,
      status: p.answer.status,
      location: locationOf(p.answer.headers),
      ms: p.answer.ms,
      failure: p.answer.failure ?? null,
    })),
    findings: r.findings.map(({ code, severity, step, url, message, fix }) => ({ code, severity, step, url, message, fix })),
    verdict: r.verdict,
  };
}
