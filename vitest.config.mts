import { defineConfig } from 'vitest/config';

// Every Node-side test project of the workspace; `npx vitest run` runs them all.
// The Angular app's unit tests run through Angular's own builder (`nx test web`).
export default defineConfig({
  test: {
    projects: [
      'libs/contracts',
      'libs/clinical',
      'libs/server/db',
      'libs/server/db-tools',
      'libs/server/auth',
      'apps/api/vitest.config.mts',
      'apps/api/vitest.postgresql.config.mts',
    ],
  },
});
