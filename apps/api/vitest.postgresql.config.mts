import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { defineConfig } from 'vitest/config';

// The API's integration tests against a real PostgreSQL server that globalSetup starts on loopback.
export default defineConfig({
  plugins: [nxViteTsPaths()],
  test: {
    name: 'api:postgresql',
    include: ['src/**/*.integration.spec.ts'],
    // Faults of node:cluster and the grid, the same on every database: run once, on SQLite.
    exclude: ['src/cluster-crash.integration.spec.ts', 'src/sessions-pause.integration.spec.ts'],
    environment: 'node',
    globals: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { TEST_DATABASE: 'postgresql' },
    globalSetup: ['../../libs/server/testing/src/postgres-global-setup.ts'],
  },
});
