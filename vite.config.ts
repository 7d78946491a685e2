import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import sourceManifest from './manifest.json' with { type: 'json' };
import packageJson from './package.json' with { type: 'json' };
import { GECKO_ID } from './src/shared/extension-ids.ts';

/**
 * One source manifest (Chrome shape) and every per-browser / per-flavour difference derived here, so
 * there is exactly one place to look when Chrome and Firefox disagree.
 *
 *   SERAPH_TARGET = chrome | firefox   (default chrome)
 *   SERAPH_FLAVOR = store | dev        (default store)
 *
 * The dev flavour (tests and the `npm start` demo) adds host permissions for the loopback emulator,
 * which the store build must not ask for, and in Firefox exposes the extension pages to ordinary pages so
 * WebDriver BiDi tests can navigate to them (Firefox refuses direct moz-extension:// navigation over BiDi).
 */
export type Target = 'chrome' | 'firefox';
export type Flavor = 'store' | 'dev';

export const LOOPBACK_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

export function manifestFor(target: Target, flavor: Flavor): ManifestV3Export {
  const m = structuredClone(sourceManifest) as Record<string, unknown> & typeof sourceManifest;
  // One version for everything: package.json's goes into both manifests (and the CLI, and the zips' names).
  m.version = packageJson.version;
  if (flavor === 'dev') {
    m.name = `${m.name} (dev)`;
    m.host_permissions = [...m.host_permissions, ...LOOPBACK_HOSTS];
  }
  if (target === 'firefox') {
    // Firefox MV3 runs the background as an event page: `scripts`, not `service_worker`
    // (crxjs fails in crx:background-loader-file with the Chrome shape and browser: 'firefox').
    m.background = { scripts: [sourceManifest.background.service_worker], type: 'module' } as never;
    delete (m as Record<string, unknown>).minimum_chrome_version;
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // 140: the first (ESR) release that knows data_collection_permissions.
        strict_min_version: '140.0',
        // Nothing leaves the browser; web-ext lint asks for the declaration.
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
    if (flavor === 'dev') {
      m.web_accessible_resources = [
        { resources: ['src/panel/index.html', 'src/popup/index.html', 'src/options/index.html', 'assets/*'], matches: ['<all_urls>'] },
      ];
    }
  }
  return m as ManifestV3Export;
}

const target = (process.env.SERAPH_TARGET ?? 'chrome') as Target;
const flavor = (process.env.SERAPH_FLAVOR ?? 'store') as Flavor;

export default defineConfig({
  plugins: [preact(), crx({ manifest: manifestFor(target, flavor), browser: target })],
  define: {
    __SERAPH_TARGET__: JSON.stringify(target),
  },
  build: {
    outDir: `dist/${target}${flavor === 'dev' ? '-dev' : ''}`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // SERAPH_NO_MINIFY=1 keeps names readable in CPU profiles.
    ...(process.env.SERAPH_NO_MINIFY ? { minify: false } : {}),
    rollupOptions: {
      // The devtools page creates the panel at run time, so crxjs cannot discover it from the manifest.
      input: { panel: 'src/panel/index.html' },
    },
  },
  // The panel's HAR import worker (src/panel/import-worker.ts) is a module worker, bundled as an ES module.
  worker: { format: 'es' },
  server: { strictPort: true },
});
