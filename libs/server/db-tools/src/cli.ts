/**
 * Database commands for developers and deploy scripts (run from the workspace root):
 *
 *   generate      derive prisma/postgresql/schema.prisma, then generate both Prisma clients
 *   deploy        apply pending migrations to $DATABASE_URL (default: the embedded SQLite file)
 *   new <name>    after a change to prisma/schema.prisma: write a migration for SQLite and PostgreSQL
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { migrateDatabase, MigrationError } from '@glucodiary/db/migrations';
import { createMigration, projectPaths } from './create-migration';
import { writePostgresSchema } from './postgres-schema';

const paths = projectPaths(resolve('.'));
const log = (message: string) => console.log(message);

async function main([command, ...rest]: string[]): Promise<void> {
  switch (command) {
    case 'generate':
      await writePostgresSchema(paths.schema, paths.postgresSchema);
      for (const schema of [paths.schema, paths.postgresSchema]) generateClient(schema);
      return;
    case 'deploy': {
      const databaseUrl = process.env['DATABASE_URL'] || `file:${join(resolve(process.env['DATA_DIR'] ?? 'data'), 'glucodiary.db')}`;
      await migrateDatabase(databaseUrl, { migrationsRoot: paths.migrationsRoot, log });
      return;
    }
    case 'new':
      if (rest.length !== 1 || !rest[0]) throw new MigrationError('usage: npm run db:migration:new -- <name>');
      await createMigration(rest[0], paths, log);
      return;
    default:
      throw new MigrationError('usage: db <generate | deploy | new <name>>');
  }
}

/**
 * `prisma generate` runs in WebAssembly and never starts the schema engine, but the CLI insists
 * on finding one (and would download it): pointing it at any existing file satisfies it.
 */
function generateClient(schema: string): void {
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  execFileSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: prismaCli, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
  });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof MigrationError ? `error: ${error.message}` : error);
  process.exitCode = 1;
});
