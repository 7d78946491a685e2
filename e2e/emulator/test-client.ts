/** Test helpers for the emulator's unit tests: a started emulator per test and a fetch client with a cookie jar. */
import { afterEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions } from './server';

export const basic = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

type Init = Omit<RequestInit, 'headers'> & { headers?: Record<string, string> };

/** fetch with a cookie jar, as a browser tab keeps one (no redirects followed, so 302s can be asserted). */
export class Client {
  readonly jar = new Map<string, string>();
  constructor(readonly emu: Emulator) {}

  async req(path: string, init: Init = {}): Promise<Response> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(this.emu.url + path, {
      redirect: 'manual',
      ...init,
      headers: { ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = sc.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a))) this.jar.delete(name);
      else this.jar.set(name, pair.slice(eq + 1));
    }
    return res;
  }

  /** POST /rest/auth/1/session (Confluence Cloud: pass '/wiki/rest/auth/1/session') */
  login(username = 'fred', password = 'fred', path = '/rest/auth/1/session'): Promise<Response> {
    return this.req(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  }

  /** POST the login form as the browser does: Jira's /login.jsp, or Confluence's /dologin.action. */
  formLogin(fields: Record<string, string>, path = '/login.jsp'): Promise<Response> {
    return this.req(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** Emulators started in a test are closed after it. */
const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

export async function start(opts: EmulatorOptions = {}): Promise<{ emu: Emulator; c: Client }> {
  const emu = await startEmulator(opts);
  running.push(emu);
  return { emu, c: new Client(emu) };
}

/** A request with no cookie jar at all. */
export function get(emu: Emulator, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(emu.url + path, { redirect: 'manual', headers });
}

/** Server/DC's OAuth provider challenge on 401s (atlassian-auth.md §4): not one a plain client can answer. */
export const oauthChallenge = (emu: Emulator) => `OAuth realm="${encodeURIComponent(emu.origin)}"`;

export const JSON_HEADERS = { 'Content-Type': 'application/json' };
