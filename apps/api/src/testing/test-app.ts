import { scratchPostgresDatabase, scratchSqliteDatabase } from '@glucodiary/server-testing';
import { inject } from 'vitest';
import { buildApp, type App } from '../app';
import { loadConfig, type AppConfig } from '../core/config';

export interface TestApp {
  app: App;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real app on a fresh database of the kind this test project runs against
 * (TEST_DATABASE=sqlite or postgresql), with a cheap password hash and no web root.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database =
    process.env['TEST_DATABASE'] === 'postgresql'
      ? await scratchPostgresDatabase(inject('postgresServerUrl'))
      : await scratchSqliteDatabase();
  const config: AppConfig = {
    ...loadConfig({
      DATABASE_URL: database.url,
      JWT_SECRET: 'integration-test-secret-at-least-32-characters',
      PASSWORD_HASH_MEMORY_KIB: '1024',
      INSTANCE_ID: 'test-instance',
      ...env,
    }),
    webRoot: null,
  };
  const app = await buildApp(config, false);
  await app.ready();
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

let accounts = 0;

/** Registers a fresh account and signs it in; returns its bearer header and profile. */
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
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  const { accessToken, user } = login.json<{ accessToken: string; user: { id: string } }>();
  return { email, password, user, accessToken, headers: { authorization: `Bearer ${accessToken}` } };
}
