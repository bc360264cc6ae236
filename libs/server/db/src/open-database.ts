import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresqlClient } from './generated/postgresql/client';
import { PrismaClient } from './generated/sqlite/client';
import { providerOf, sqliteFileOf, type DatabaseProvider } from './database-url';
import { prepareSqliteFile } from './sqlite-file';

export interface Database {
  provider: DatabaseProvider;
  /** Typed by the SQLite client; the PostgreSQL client is generated from the same models. */
  prisma: PrismaClient;
  close(): Promise<void>;
}

/** SQLite waits this long for a lock held by another process (several API instances share one file). */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function openDatabase(databaseUrl: string): Database {
  const provider = providerOf(databaseUrl);
  if (provider === 'sqlite') prepareSqliteFile(sqliteFileOf(databaseUrl));
  const prisma =
    provider === 'sqlite'
      ? new PrismaClient({
          adapter: new PrismaBetterSqlite3({ url: sqliteFileOf(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS }),
        })
      : (new PostgresqlClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as PrismaClient);
  return { provider, prisma, close: () => prisma.$disconnect() };
}
