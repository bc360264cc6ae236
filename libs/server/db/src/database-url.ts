import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

export class DatabaseUrlError extends Error {
  override readonly name = 'DatabaseUrlError';
}

/** DATABASE_URL decides the database: `file:…` is SQLite, `postgres(ql)://…` is PostgreSQL. */
export function providerOf(databaseUrl: string): DatabaseProvider {
  if (/^file:/i.test(databaseUrl)) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(databaseUrl)) return 'postgresql';
  throw new DatabaseUrlError(
    `DATABASE_URL "${redactUrl(databaseUrl)}" is not supported: use file:<path> (SQLite) or postgresql://… (PostgreSQL)`,
  );
}

/** The file behind a `file:` URL (file:x.db, file:./x.db, file:/abs/x.db, file:///abs/x.db), resolved against the working directory. */
export function sqliteFileOf(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/i, '').replace(/\?.*$/, '');
  if (path === '') throw new DatabaseUrlError('DATABASE_URL file: needs a path, e.g. file:./data/glucodiary.db');
  return path.startsWith('//') ? fileURLToPath(`file:${path}`) : resolve(path);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}
