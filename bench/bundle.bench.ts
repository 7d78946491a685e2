/**
 * Bundle sizes of the store build (dist/chrome), gzipped: for the panel, popup, options and worker, every
 * JS file the entry loads (its HTML's scripts or the worker loader, and the chunks they import).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../e2e/support/paths';
import type { BenchRow } from './measure';

const DIST = path.join(ROOT, 'dist/chrome');

/**
 * Budgets (gzipped KB), each with its reason. Preact is ~5 KB; the engine (parsers, rules, redaction) is
 * the bulk and is shared by the worker and the panel.
 */
const BUDGETS: Record<string, { kb: number; why: string }> = {
  worker: { kb: 45, why: 'engine + redaction + storage; loaded on every browser start' },
  panel: { kb: 70, why: 'engine + Preact UI + HAR reader/writer + replay; opened on demand' },
  popup: { kb: 40, why: 'Preact + the status text; must open instantly' },
  options: { kb: 25, why: 'Preact + settings; rarely opened' },
};

const ENTRIES: Record<string, string> = {
  worker: 'service-worker-loader.js',
  panel: 'src/panel/index.html',
  popup: 'src/popup/index.html',
  options: 'src/options/index.html',
};

/** Every JS file reachable from an HTML page or a module, through static imports. */
function closure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/<script[^>]+src="([^"]+)"/g), ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!)
      : [...text.matchAll(/(?:import|from)\s*["']([^"']+\.js)["']/g)].map((m) => m[1]!);
    for (const ref of refs) visit(ref.startsWith('/') ? path.join(DIST, ref) : path.resolve(path.dirname(file), ref));
  };
  visit(path.join(DIST, entry));
  return [...seen].filter((f) => f.endsWith('.js'));
}

export function bundleBench(): BenchRow[] {
  if (!existsSync(path.join(DIST, 'manifest.json'))) throw new Error('dist/chrome is missing: run `npm run build` first');
  return Object.entries(ENTRIES).map(([name, entry]) => {
    const files = closure(entry);
    const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
    const kb = +(gz / 1024).toFixed(1);
    const budget = BUDGETS[name]!;
    return { bench: 'bundle', case: `${name} (${files.length} files, gzip) — budget: ${budget.why}`, value: kb, unit: 'KB', target: `≤ ${budget.kb} KB`, met: kb <= budget.kb };
  });
}
