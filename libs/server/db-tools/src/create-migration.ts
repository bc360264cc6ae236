import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pg from 'pg';
import {
  lockfileText,
  MigrationError,
  readMigrationFolders,
  redactUrl,
  withSchemaEngine,
  type DatabaseProvider,
  type Log,
} from '@glucodiary/db/migrations';
import { writePostgresSchema } from './postgres-schema';

const PROVIDERS: DatabaseProvider[] = ['sqlite', 'postgresql'];
const NO_FILTER = { externalTables: [], externalEnums: [] };

export interface ProjectPaths {
  root: string;
  schema: string;
  postgresSchema: string;
  migrationsRoot: string;
}

export const projectPaths = (root: string): ProjectPaths => ({
  root,
  schema: join(root, 'prisma', 'schema.prisma'),
  postgresSchema: join(root, 'prisma', 'postgresql', 'schema.prisma'),
  migrationsRoot: join(root, 'prisma', 'migrations'),
});

/**
 * Writes `<timestamp>_<name>` for both providers from the current schema: the migrations so far
 * are replayed on a scratch database, and the engine diffs that against the schema.
 * Returns the folder name, or null when the schema has not changed.
 */
export async function createMigration(name: string, paths: ProjectPaths, log: Log): Promise<string | null> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 200);
  if (!slug) throw new MigrationError(`invalid migration name "${name}": use letters and digits`);
  const schemas: Record<DatabaseProvider, { path: string; content: string }> = {
    sqlite: { path: relative(paths.root, paths.schema), content: await readFile(paths.schema, 'utf8') },
    postgresql: {
      path: relative(paths.root, paths.postgresSchema),
      content: await writePostgresSchema(paths.schema, paths.postgresSchema),
    },
  };
  // Both scripts are computed before anything is written, so a failure leaves no half-made migration.
  const scripts = {} as Record<DatabaseProvider, string | null>;
  for (const provider of PROVIDERS) scripts[provider] = await pendingSql(provider, schemas[provider], paths, log);
  if (!scripts.sqlite && !scripts.postgresql) {
    log('no changes');
    return null;
  }
  const folder = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${slug}`;
  for (const provider of PROVIDERS) {
    const dir = join(paths.migrationsRoot, provider);
    const sql = scripts[provider];
    if (!sql) {
      log(`${provider}: no changes`);
      continue;
    }
    if (existsSync(join(dir, folder))) throw new MigrationError(`${join(dir, folder)} already exists`);
    await mkdir(join(dir, folder), { recursive: true });
    if (!existsSync(join(dir, 'migration_lock.toml'))) await writeFile(join(dir, 'migration_lock.toml'), lockfileText(provider));
    await writeFile(join(dir, folder, 'migration.sql'), sql);
    log(`${provider}: wrote ${relative(paths.root, join(dir, folder, 'migration.sql'))}`);
  }
  return folder;
}

/** SQL that brings the replayed migrations of `provider` to `schema`, or null when nothing changes. */
async function pendingSql(provider: DatabaseProvider, schema: { path: string; content: string }, paths: ProjectPaths, log: Log) {
  const dir = join(paths.migrationsRoot, provider);
  const migrationsList = await readMigrationFolders(dir, provider);
  return withScratchDatabase(provider, log, (url) =>
    withSchemaEngine(
      url,
      schema,
      log,
      async (engine) => {
        if (migrationsList.migrationDirectories.length) {
          await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
        }
        // The wasm engine refuses to diff from a URL, and diffing from migrations needs a shadow
        // database the adapters cannot give: introspect the scratch database instead.
        const { exitCode, stdout } = await engine.diff({
          from: { tag: 'schemaDatasource', files: [schema], configDir: paths.root },
          to: { tag: 'schemaDatamodel', files: [schema] },
          script: true,
          exitCode: true,
          filters: NO_FILTER,
        });
        return exitCode === 2 && stdout ? stdout : null;
      },
      `${provider} (${schema.path} vs ${relative(paths.root, dir)})`,
    ),
  );
}

/** A scratch database for one provider, dropped afterwards. */
async function withScratchDatabase<T>(provider: DatabaseProvider, log: Log, work: (url: string) => Promise<T>): Promise<T> {
  if (provider === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'migrate-scratch-'));
    try {
      return await work(`file:${join(dir, 'scratch.db')}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  // PostgreSQL: a fresh database on $MIGRATE_PG_SCRATCH_URL (needs CREATEDB), else a throwaway
  // cluster of the locally installed server.
  const server = process.env['MIGRATE_PG_SCRATCH_URL'];
  if (server) {
    const name = `migrate_scratch_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server, connectionTimeoutMillis: 10_000 });
    await admin.connect().catch((error: Error) => {
      throw new MigrationError(`MIGRATE_PG_SCRATCH_URL ${redactUrl(server)}: ${error.message}`);
    });
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = new URL(server);
      url.pathname = `/${name}`;
      try {
        return await work(url.toString());
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  }
  const { startThrowawayPostgres } = await import('@glucodiary/server-testing');
  log('postgresql: starting a throwaway PostgreSQL server for the scratch database…');
  const cluster = await startThrowawayPostgres().catch((error: Error) => {
    throw new MigrationError(`no scratch PostgreSQL: ${error.message}. Set MIGRATE_PG_SCRATCH_URL to a server where you may CREATE DATABASE.`);
  });
  try {
    return await work(cluster.url);
  } finally {
    await cluster.stop();
  }
}
