// The long fuzz run: every property test of the engine and the HAR reader with 20× the cases of `npm test`
// and fresh seeds. The seed is printed first, so a failure can be replayed with FUZZ_SEED=<seed>.
import { spawnSync } from 'node:child_process';

const seed = process.env.FUZZ_SEED ?? String(Date.now() % 1_000_000_000);
const scale = process.env.FUZZ_SCALE ?? '20';
console.log(`fuzz: FUZZ_SEED=${seed} FUZZ_SCALE=${scale}`);
const run = spawnSync('npx', ['--no-install', 'vitest', 'run', 'src/engine', 'src/cli'], { stdio: 'inherit', env: { ...process.env, FUZZ_SEED: seed, FUZZ_SCALE: scale } });
process.exit(run.status ?? 1);
