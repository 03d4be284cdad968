import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Vitest's default is one file fewer at a time than the machine has cores: on a CI machine
    // of two cores, one file at a time, with each file's start-up (import, transform) between.
    // The server and web tests wait on PostgreSQL, SQLite's disk and timers much of the time:
    // two at a time took their part of the suite from 318 s to 217 s on such a machine
    // (2026-12-03). Each PostgreSQL test file has a database of its own (test-app.ts). The
    // e2e files still run one at a time, after the others (fileParallelism below).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: [
            'src/server/**/*.test.ts',
            'src/domain/**/*.test.ts',
            'src/contracts/**/*.test.ts',
            'src/cli/**/*.test.ts',
          ],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          environment: 'happy-dom',
          include: ['src/web/**/*.test.{ts,tsx}'],
          setupFiles: ['src/web/test-setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
