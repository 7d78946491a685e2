#!/usr/bin/env node
/**
 * `node scripts/parallel.mjs typecheck lint`: runs npm scripts side by side (tsc and eslint each use one
 * core, and this machine has two), prints each one's output whole when it ends so the logs never interleave,
 * and fails when any of them fails. Used by `npm test` and `npm run test:quick`.
 */
import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (!names.length) {
  console.error('usage: node scripts/parallel.mjs <npm script>…');
  process.exit(2);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const runs = names.map(
  (name) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(npm, ['run', '-s', name], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: process.stdout.isTTY ? '1' : '0' } });
      const out = [];
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
      child.on('error', (err) => out.push(Buffer.from(`${err.message}\n`)));
      child.on('close', (code) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        process.stdout.write(Buffer.concat(out));
        process.stdout.write(`${code === 0 ? '✔' : '✘'} ${name} (${seconds} s)${code === 0 ? '' : `: exit ${code}`}\n`);
        resolve(code === 0);
      });
    }),
);
const ok = await Promise.all(runs);
process.exit(ok.every(Boolean) ? 0 : 1);
