import { join, resolve } from 'node:path';
import { providerOf, sqliteFileOf } from '../database-url';
import { prepareSqliteFile } from '../sqlite-file';
import { readMigrationFolders } from './migration-folders';
import { MigrationError } from './migration-error';
import { withSchemaEngine, type Log } from './schema-engine';

const NO_FILTER = { externalTables: [], externalEnums: [] };

export interface MigrateOptions {
  /** Folder holding one migrations tree per provider; default prisma/migrations under the working directory. */
  migrationsRoot?: string;
  log?: Log;
}

/**
 * Applies the pending migrations of `<migrationsRoot>/<provider>` and records them in
 * `_prisma_migrations` with Prisma's own checksums (what `prisma migrate deploy` does).
 * Idempotent; creates the SQLite file and its folder when missing.
 */
export async function migrateDatabase(databaseUrl: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const { log } = options;
  const provider = providerOf(databaseUrl);
  const dir = join(resolve(options.migrationsRoot ?? 'prisma/migrations'), provider);
  const migrationsList = await readMigrationFolders(dir, provider);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new MigrationError(`no ${provider} migrations found in ${dir}`);
  }
  if (provider === 'sqlite') {
    const file = sqliteFileOf(databaseUrl);
    try {
      prepareSqliteFile(file);
    } catch (error) {
      throw new MigrationError(`cannot create the SQLite database ${file}: ${(error as Error).message}`);
    }
  }

  const { appliedMigrationNames } = await withSchemaEngine(databaseUrl, undefined, log, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
    // Like `prisma migrate deploy`, an edited, already-applied migration is not re-run: say so.
    const { editedMigrationNames } = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: NO_FILTER,
    });
    for (const name of editedMigrationNames) log?.(`${provider}: warning: ${name}/migration.sql changed after it was applied`);
    return result;
  });
  log?.(
    appliedMigrationNames.length
      ? `${provider}: applied ${appliedMigrationNames.join(', ')}`
      : `${provider}: no pending migrations (${migrationsList.migrationDirectories.length} already applied)`,
  );
  return { applied: appliedMigrationNames };
}
