/**
 * "Who am I": `GET /rest/auth/1/session` on an origin with the browser's cookies for it, sent by the worker
 * (it holds the host permission, and a page's fetch would get the browser's login dialog on a Basic
 * challenge). The answer is read for the user name only.
 */
import type { WhoAmI } from '../shared/who-am-i';

export async function whoAmI(origin: string): Promise<WhoAmI> {
  try {
    const res = await fetch(`${origin}/rest/auth/1/session`, { credentials: 'include', cache: 'no-store', headers: { Accept: 'application/json' } });
    if (res.status === 401 || res.status === 403) return { kind: 'anonymous', status: res.status };
    if (!res.ok) return { kind: 'error', message: `the server answered ${res.status}` };
    const body = (await res.json()) as { name?: unknown };
    return typeof body.name === 'string' ? { kind: 'user', name: body.name } : { kind: 'error', message: 'the answer named no user' };
  } catch (err) {
    return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
  }
}
