import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** An empty SQLite file in its own temp folder. */
export async function scratchSqliteDatabase(): Promise<ScratchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'glucodiary-test-'));
  return { url: `file:${join(dir, 'test.db')}`, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** A new, empty database on a (throwaway) PostgreSQL server, so test files never share data. */
export async function scratchPostgresDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `glucodiary_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
