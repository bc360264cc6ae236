import { defineConfig } from 'vitest/config';

// Cluster tests start real members (several in child processes) with real heartbeats: they run
// one file at a time so that a loaded 2-core machine does not turn timing into flakiness.
export default defineConfig({
  test: {
    name: 'grid',
    root: __dirname,
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
