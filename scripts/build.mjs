// Builds every extension variant: chrome + firefox, each as the store build and the dev build
// (dev = loopback host permissions for the emulator; see manifestFor in vite.config.ts).
// `node scripts/build.mjs chrome-dev` builds only the named variants.
import { build } from 'vite';

// The same output whoever runs it: under vitest (NODE_ENV=test) vite would otherwise build differently
// (16 KB more), and the store packages must be what `npm run package` makes on a clean shell.
process.env.NODE_ENV = 'production';

const all = ['chrome', 'firefox', 'chrome-dev', 'firefox-dev'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : all;

for (const variant of wanted) {
  if (!all.includes(variant)) {
    console.error(`unknown variant "${variant}" (expected one of ${all.join(', ')})`);
    process.exit(2);
  }
  const [target, flavor = 'store'] = variant.split('-');
  process.env.SERAPH_TARGET = target;
  process.env.SERAPH_FLAVOR = flavor;
  const started = Date.now();
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  console.log(`built dist/${variant} in ${Date.now() - started} ms`);
}
