// Migrations entry point: usable before the Prisma clients are generated (it never imports them).
export { migrateDatabase, type MigrateOptions } from './migrate-database';
export { readMigrationFolders, lockfileText } from './migration-folders';
export { MigrationError } from './migration-error';
export { withSchemaEngine, type Log, type SchemaEngine } from './schema-engine';
export { providerOf, redactUrl, sqliteFileOf, DatabaseUrlError, type DatabaseProvider } from '../database-url';
