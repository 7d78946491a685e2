/**
 * What a replay (one request or the whole matrix) is about to do, in numbers and words, before anything
 * is sent: how many requests, which methods to which URLs, and the risks that need the user's explicit yes.
 *  - Anything but GET and HEAD may change data on the server each time it is sent: the question names the
 *    number of such requests, so one click never sends 12 DELETEs unawares.
 *  - Typed credentials over plain http:// cross the network readable by anyone on the path (Basic is
 *    base64, not encryption).
 * Pure: the panel shows the result and sends only what the user kept.
 */
import { hasTypedCredentials, type ReplayPlan } from './plan';

export interface ReplayTarget {
  method: string;
  url: string;
  /** Planned requests with this method and URL (the matrix sends one URL with several credential sources). */
  count: number;
}

export interface ReplayBatchCheck {
  /** Requests that will be sent. */
  count: number;
  /** Of them, requests with a method other than GET and HEAD. */
  unsafe: number;
  /** Distinct method + URL, in plan order. */
  targets: ReplayTarget[];
  /** Requests with typed credentials over plain http://, and their origins. */
  plainHttp: { count: number; origins: string[] } | null;
  /** True when the user must say yes before anything is sent. */
  needsConfirmation: boolean;
  /** One sentence with the number and where they go. */
  question: string;
  /** One sentence per risk, naming it. */
  risks: string[];
  /** The label of the button that sends them, with the number. */
  sendLabel: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function isPlainHttpWithCredentials(plan: ReplayPlan): boolean {
  return hasTypedCredentials(plan) && /^http:/i.test(plan.url);
}

export function checkReplayBatch(plans: readonly ReplayPlan[]): ReplayBatchCheck {
  const targets: ReplayTarget[] = [];
  const byKey = new Map<string, ReplayTarget>();
  let unsafe = 0;
  const httpOrigins = new Set<string>();
  let httpCount = 0;
  for (const p of plans) {
    if (p.needsConfirmation) unsafe++;
    if (isPlainHttpWithCredentials(p)) {
      httpCount++;
      httpOrigins.add(p.origin);
    }
    const key = `${p.method} ${p.url}`;
    const t = byKey.get(key);
    if (t) t.count++;
    else {
      const target = { method: p.method, url: p.url, count: 1 };
      byKey.set(key, target);
      targets.push(target);
    }
  }
  const count = plans.length;
  const origins = [...new Set(plans.map((p) => p.origin))];
  const methods = [...new Set(plans.filter((p) => p.needsConfirmation).map((p) => p.method))];
  const risks: string[] = [];
  if (unsafe > 0) {
    risks.push(
      count === 1
        ? `It is not a GET: ${methods[0]} may change data on the server, and the request body was not captured (it is sent without one).`
        : `${plural(unsafe, `${methods.join('/')} request`)} may each change data on the server (${unsafe === count ? 'all' : unsafe} of ${count}; sent without the body, which was not captured).`,
    );
  }
  const plainHttp = httpCount > 0 ? { count: httpCount, origins: [...httpOrigins] } : null;
  if (plainHttp) {
    risks.push(
      `Your typed credentials go unencrypted over plain http:// to ${plainHttp.origins.join(', ')} (${plural(httpCount, 'request')}): anyone on the network between you and the server can read them (Basic is base64, not encryption). Prefer the https:// address of the site.`,
    );
  }
  const where = targets.length === 1 ? targets[0]!.url : `${plural(targets.length, 'URL')} on ${origins.join(', ')}`;
  const what = methods.length ? methods.join('/') : [...new Set(plans.map((p) => p.method))].join('/');
  const question = `Send ${plural(count, `${what} request`)} to ${where}?`;
  const sendLabel = count === 1 ? (plainHttp ? 'Send over unencrypted http' : 'Send') : `Send all ${count}${plainHttp ? ' (credentials unencrypted)' : ''}`;
  return { count, unsafe, targets, plainHttp, needsConfirmation: unsafe > 0 || plainHttp !== null, question, risks, sendLabel };
}
