import { scratchPostgresDatabase, scratchSqliteDatabase } from '@glucodiary/server-testing';
import type { Writable } from 'node:stream';
import { inject } from 'vitest';
import { buildApp, type App } from '../app';
import { loadConfig, type AppConfig } from '../core/config';
import type { LoginRateLimit } from '../modules/auth/account-throttle';

/** Settings no environment variable reaches, for tests only. */
export interface TestOverrides {
  /** Shorter sign-in throttle delays, so a test can wait them out. */
  loginThrottle?: LoginRateLimit['throttle'];
  /** Where the app's log lines (JSON, from level debug) go; none are written without it. */
  logStream?: Writable;
  /** A built web app to serve; none without it. */
  webRoot?: string;
}

export interface TestApp {
  app: App;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database of the kind this test project runs against
 * (TEST_DATABASE=sqlite or postgresql), with a cheap password hash and no web root.
 */
export async function startTestApp(env: Record<string, string> = {}, overrides: TestOverrides = {}): Promise<TestApp> {
  const database = await scratchDatabase();
  const app = await buildTestApp(database.url, env, overrides);
  return {
    ...app,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface TestCluster {
  instances: TestApp[];
  close(): Promise<void>;
}

/** Several API instances on one database, their grid members forming one cluster, as in production. */
export async function startTestCluster(size: number, env: Record<string, string> = {}, overrides: TestOverrides = {}): Promise<TestCluster> {
  const database = await scratchDatabase();
  const first = await buildTestApp(database.url, env, overrides);
  const instances = [first];
  for (let i = 1; i < size; i++) {
    instances.push(await buildTestApp(database.url, { ...env, GRID_SEEDS: first.app.grid.address, DB_MIGRATE_ON_START: 'false' }, overrides));
  }
  return {
    instances,
    close: async () => {
      for (const instance of instances.reverse()) await instance.close();
      await database.drop();
    },
  };
}

function scratchDatabase() {
  return process.env['TEST_DATABASE'] === 'postgresql'
    ? scratchPostgresDatabase(inject('postgresServerUrl'))
    : scratchSqliteDatabase();
}

async function buildTestApp(databaseUrl: string, env: Record<string, string>, overrides: TestOverrides): Promise<TestApp> {
  const loaded = loadConfig({
    DATABASE_URL: databaseUrl,
    JWT_SECRET: 'integration-test-secret-at-least-32-characters',
    PASSWORD_HASH_MEMORY_KIB: '1024',
    INSTANCE_ID: 'test-instance',
    GRID_CLUSTER_SECRET: 'integration-test-grid-secret',
    GRID_PORT: '0',
    GRID_PORT_AUTO_INCREMENT: 'false',
    ...env,
  });
  // The throttle rides along with the sign-in limit, which app.ts hands to the sign-in throttle as is.
  const loginRateLimit: LoginRateLimit = {
    ...loaded.loginRateLimit,
    ...(overrides.loginThrottle && { throttle: overrides.loginThrottle }),
  };
  const config: AppConfig = { ...loaded, loginRateLimit, webRoot: overrides.webRoot ?? null };
  const app = await buildApp(config, overrides.logStream ? { level: 'debug', stream: overrides.logStream } : false);
  await app.ready();
  return { app, config, close: () => app.close() };
}

let accounts = 0;

/** Registers a fresh account, which signs it in; returns its bearer header and profile. */
export async function signedInUser(app: App, overrides: { email?: string; password?: string } = {}) {
  accounts += 1;
  const email = overrides.email ?? `person${accounts}.${Date.now()}@example.test`;
  const password = overrides.password ?? 'correct horse battery';
  const registered = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, password, displayName: `Person ${accounts}` },
  });
  if (registered.statusCode !== 201) throw new Error(`register failed: ${registered.body}`);
  const { accessToken, user } = registered.json<{ accessToken: string; user: { id: string } }>();
  return { email, password, user, accessToken, headers: { authorization: `Bearer ${accessToken}` } };
}
