import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MigrationError } from '@glucodiary/db/migrations';

/**
 * The PostgreSQL schema is derived from the SQLite one (the single source of truth):
 * only the datasource provider and the generated client's folder change.
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  const swap = (text: string, from: RegExp, to: string, what: string) => {
    const hits = text.match(new RegExp(from.source, 'gm'))?.length ?? 0;
    if (hits !== 1) throw new MigrationError(`prisma/schema.prisma: expected exactly one ${what}, found ${hits}`);
    return text.replace(from, to);
  };
  let derived = swap(sqliteSchema, /^(\s*provider\s*=\s*)"sqlite"/m, '$1"postgresql"', 'provider = "sqlite"');
  derived = swap(
    derived,
    /^(\s*output\s*=\s*)"\.\.\/libs\/server\/db\/src\/generated\/sqlite"/m,
    '$1"../../libs/server/db/src/generated/postgresql"',
    'output = "../libs/server/db/src/generated/sqlite"',
  );
  return `// GENERATED from ../schema.prisma by \`npm run db:generate\`: do not edit.\n${derived}`;
}

/** Writes the derived schema when it differs; returns its text. */
export async function writePostgresSchema(sqliteSchemaPath: string, postgresSchemaPath: string): Promise<string> {
  const derived = derivePostgresSchema(await readFile(sqliteSchemaPath, 'utf8'));
  if ((await readFile(postgresSchemaPath, 'utf8').catch(() => null)) !== derived) {
    await mkdir(dirname(postgresSchemaPath), { recursive: true });
    await writeFile(postgresSchemaPath, derived);
  }
  return derived;
}
