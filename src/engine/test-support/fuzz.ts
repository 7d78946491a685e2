/**
 * Property-test parameters: fixed seeds and bounded counts in `npm test`; `npm run fuzz` scales the counts
 * (FUZZ_SCALE) and moves the seeds (FUZZ_SEED, printed by the script so a failure can be replayed).
 */
export function fuzz(seed: number, numRuns: number): { seed: number; numRuns: number } {
  const scale = Number(process.env.FUZZ_SCALE ?? 1);
  const base = process.env.FUZZ_SEED;
  return { seed: base ? Number(base) + seed : seed, numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) ? scale : 1))) };
}
