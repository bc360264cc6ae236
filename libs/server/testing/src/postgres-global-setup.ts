import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from './postgres-server';

import './provided-context';

/** vitest globalSetup: one throwaway PostgreSQL server for a whole test project, on loopback. */
export default async function setup(project: TestProject) {
  const server = await startThrowawayPostgres();
  project.provide('postgresServerUrl', server.url);
  return () => server.stop();
}
