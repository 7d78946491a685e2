// Compiles the CLI (src/cli/bin.ts and the engine it uses) into one plain JavaScript file for Node,
// dist/cli/seraph-lens.mjs: the package's bin. Nothing it runs needs a dev dependency (no tsx, no vite).
//   node scripts/build-cli.mjs [outDir]     (default dist/cli)
import { build } from 'vite';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_FILE = 'seraph-lens.mjs';
process.env.NODE_ENV = 'production'; // as scripts/build.mjs: the same output under vitest (NODE_ENV=test)

/** Builds the CLI into outDir (absolute or relative to the project root); returns the file's path. */
export async function buildCli(outDir = 'dist/cli') {
  const out = path.resolve(ROOT, outDir);
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    mode: 'production',
    define: { __SERAPH_LENS_VERSION__: JSON.stringify(version) },
    // Node's own modules stay imports; everything else (the engine) is bundled.
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: 'src/cli/bin.ts',
      outDir: out,
      emptyOutDir: true,
      target: 'node20',
      minify: false, // readable stack traces in bug reports; the file is small either way
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rollupOptions: { output: { format: 'es', entryFileNames: CLI_FILE } },
    },
  });
  const file = path.join(out, CLI_FILE);
  const code = readFileSync(file, 'utf8');
  writeFileSync(file, `#!/usr/bin/env node\n// seraph-lens ${version}: built from src/cli by scripts/build-cli.mjs; do not edit.\n${code.replace(/^#!.*\n/, '')}`);
  chmodSync(file, 0o755);
  return file;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const file = await buildCli(process.argv[2]);
  console.error(`built ${path.relative(process.cwd(), file)} in ${Date.now() - started} ms`);
}
