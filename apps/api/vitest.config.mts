import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { defineConfig } from 'vitest/config';

// Unit tests and the integration tests (*.integration.spec.ts) against SQLite. The workspace's
// vitest.config.mts runs the integration tests a second time against a real PostgreSQL server.
export default defineConfig({
  plugins: [nxViteTsPaths()],
  test: {
    name: 'api:sqlite',
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    globals: true,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: { TEST_DATABASE: 'sqlite' },
  },
});
