/**
 * Reads until `ok` holds or the time is up, and returns the last value read (the caller's expect then names
 * it). For the Firefox specs: puppeteer has no retrying assertions like Playwright's `expect.poll`.
 */
export async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
