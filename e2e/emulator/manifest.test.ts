import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server';

let emu: Emulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

describe('the application-links manifest', () => {
  it('is public on every profile, JSON when asked, XML otherwise, under /wiki on Confluence Cloud', async () => {
    for (const [product, mode, base] of [['jira', 'server', ''], ['confluence', 'server', ''], ['jira', 'cloud', ''], ['confluence', 'cloud', '/wiki']] as const) {
      emu = await startEmulator({ product, mode, anonymousAccess: false });
      const json = await fetch(`${emu.url}${base}/rest/applinks/1.0/manifest`, { headers: { Accept: 'application/json' } });
      expect(json.status).toBe(200);
      expect(await json.json()).toMatchObject({ typeId: product, url: `${emu.origin}${base}` });
      const xml = await (await fetch(`${emu.url}${base}/rest/applinks/1.0/manifest`)).text();
      expect(xml).toContain(`<typeId>${product}</typeId>`);
      await emu.close();
      emu = null;
    }
  });
});
