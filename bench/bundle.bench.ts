/**
 * Bundle sizes of the store build (dist/chrome), gzipped with node:zlib, per entry. The entries come from the
 * manifest (worker, popup, options, DevTools page) and the panel from the page the DevTools page creates;
 * from each, every JS file it loads is followed: an HTML page's scripts and modulepreloads, a module's static
 * imports (initial), and what it can load later (dynamic imports, workers: any `.js` path it names that exists
 * in the build). Shared chunks count for every entry that loads them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../e2e/support/paths';
import type { BenchRow } from './measure';

const DIST = path.join(ROOT, 'dist/chrome');

/**
 * THE BUDGETS (gzipped KB of all JS an entry can load, lazy chunks included), one reason each. Preact is
 * ~5 KB; the engine (parsers, rules, redaction) is ~10-15 KB and shared by the worker, the panel and the popup.
 */
const BUDGETS: Record<string, { kb: number; why: string }> = {
  worker: { kb: 30, why: 'engine + capture + storage; parsed at every browser start and every worker wake-up' },
  panel: { kb: 60, why: 'Preact + engine + UI + HAR reader/writer + replay; opened on demand' },
  popup: { kb: 20, why: 'Preact + engine status + text; must open instantly' },
  options: { kb: 20, why: 'Preact + settings; rarely opened' },
  devtools: { kb: 5, why: 'runs in every DevTools window, panel used or not: registers the panel only' },
};

interface Manifest {
  background?: { service_worker?: string };
  action?: { default_popup?: string };
  options_ui?: { page?: string };
  options_page?: string;
  devtools_page?: string;
}

function resolveRef(from: string, ref: string): string | null {
  const candidates = ref.startsWith('/')
    ? [path.join(DIST, ref)]
    : [path.resolve(path.dirname(from), ref), path.join(DIST, ref)]; // vite's preload lists name files from the root
  return candidates.find((f) => f.startsWith(DIST) && existsSync(f)) ?? null;
}

/** The JS files an entry (HTML page or module) loads at once, and those it may load later. */
function closure(entry: string): { initial: Set<string>; lazy: Set<string> } {
  const initial = new Set<string>();
  const lazy = new Set<string>();
  const visit = (file: string, eager: boolean) => {
    if (initial.has(file) || (!eager && lazy.has(file))) return;
    (eager ? initial : lazy).add(file);
    if (eager) lazy.delete(file);
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      const refs = [...text.matchAll(/<script[^>]+src="([^"]+)"/g), ...text.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)];
      for (const m of refs) {
        const f = resolveRef(file, m[1]!);
        if (f) visit(f, eager);
      }
      return;
    }
    const statics = new Set([...text.matchAll(/(?:\bimport|\bfrom)\s*["'`]([^"'`]+\.js)["'`]/g)].map((m) => m[1]!));
    for (const m of text.matchAll(/["'`]([^"'`\s]+\.js)["'`]/g)) {
      const f = resolveRef(file, m[1]!);
      if (f && f !== file) visit(f, eager && statics.has(m[1]!));
    }
  };
  visit(entry, true);
  const js = (s: Set<string>) => new Set([...s].filter((f) => f.endsWith('.js')));
  return { initial: js(initial), lazy: js(lazy) };
}

/** The page the DevTools page's scripts create as a panel (`panels.create(title, icon, '<page>.html')`). */
function panelPage(devtoolsPage: string): string | null {
  for (const file of closure(devtoolsPage).initial) {
    for (const m of readFileSync(file, 'utf8').matchAll(/["'`]([^"'`\s]+\.html)["'`]/g)) {
      const f = resolveRef(file, m[1]!);
      if (f) return f;
    }
  }
  return null;
}

export function bundleBench(): BenchRow[] {
  const manifestFile = path.join(DIST, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error('dist/chrome is missing: `node scripts/build.mjs chrome` builds it');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const at = (p: string | undefined) => (p ? resolveRef(manifestFile, p) : null);
  const devtools = at(manifest.devtools_page);
  const entries: Record<string, string | null> = {
    worker: at(manifest.background?.service_worker),
    panel: devtools ? panelPage(devtools) : null,
    popup: at(manifest.action?.default_popup),
    options: at(manifest.options_ui?.page ?? manifest.options_page),
    devtools,
  };
  const gz = (files: Iterable<string>) => [...files].reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0) / 1024;
  return Object.entries(BUDGETS).map(([name, budget]) => {
    const entry = entries[name];
    if (!entry) return { bench: 'bundle', case: `${name}: entry not found in dist/chrome`, value: NaN, unit: 'KB', target: `≤ ${budget.kb} KB`, met: false };
    const { initial, lazy } = closure(entry);
    const kb = +(gz(initial) + gz(lazy)).toFixed(1);
    const split = lazy.size ? `, ${gz(initial).toFixed(1)} KB at once + ${gz(lazy).toFixed(1)} KB lazy` : '';
    return {
      bench: 'bundle',
      case: `${name}, ${initial.size + lazy.size} JS files gzipped${split} — budget: ${budget.why}`,
      value: kb,
      unit: 'KB',
      target: `≤ ${budget.kb} KB`,
      met: kb <= budget.kb,
    };
  });
}
