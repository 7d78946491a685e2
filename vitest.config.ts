import { defineConfig } from 'vitest/config';

// Unit tests only: the engine, the CLI and the emulator. Browser tests are Playwright specs (*.spec.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/emulator/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
