/** The benchmark pages (bench-pages.ts): what they ask for, and that their answers look like Jira's. */
import { describe, expect, it } from 'vitest';
import { get, start } from './test-client';

describe('benchmark pages', () => {
  it('the Atlassian-like page names 300 subresources, and the subresources and its /rest calls answer with Atlassian headers', async () => {
    const { emu } = await start();
    const html = await (await get(emu, '/__bench/page')).text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    const styles = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    const images = [...html.matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => m[1]!);
    expect([scripts.length, styles.length, images.length]).toEqual([100, 20, 80]);
    expect(html).toContain('for (let i = 0; i < 100; i++)'); // + 100 /rest calls
    expect(html).toContain('window.__benchSettled');
    for (const p of [scripts[0]!, styles[0]!, images[0]!, '/rest/api/2/serverInfo?i=1']) {
      const res = await get(emu, p);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-arequestid')).toMatch(/^\d+x\d+x1$/);
      expect(res.headers.get('cache-control')).toContain('no-store');
    }
    expect((await get(emu, '/rest/api/2/myself?i=0')).status).toBe(401); // anonymous: the page's 401s
  });

  it('the loop page takes its count, batch and pauses from the query, clamped', async () => {
    const { emu } = await start();
    const html = await (await get(emu, '/__bench/loop?n=1000&batch=20&pause=100,5000,x')).text();
    expect(html).toContain('i < 1000; i += 20');
    expect(html).toContain('const pauses = [100,1000];'); // 5000 is past n: clamped to it; junk dropped
    const bare = await (await get(emu, '/__bench/loop?n=-5&batch=9999')).text();
    expect(bare).toContain('i < 1; i += 500');
    expect(bare).toContain('const pauses = [];');
    expect((await get(emu, '/__bench/nothing')).status).toBe(404);
  });
});
