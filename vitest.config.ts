import os from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests only: the engine, the CLI and the emulator. Browser tests are Playwright specs (*.spec.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/emulator/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Speed on a 2-core machine (issue 28.3): vitest's default is one worker fewer than the cores (one here),
    // while many CLI tests wait on child processes. Threads without a fresh module graph per file save the
    // ~20 s of re-importing the engine in each of ~100 files; the tests keep no global state between files
    // (fake timers and spies are restored in afterEach).
    pool: 'threads',
    isolate: false,
    maxWorkers: Math.max(os.availableParallelism(), 2),
  },
});
