import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MigrationError } from '@glucodiary/db/migrations';
import { projectPaths } from './create-migration';
import { derivePostgresSchema } from './postgres-schema';

const paths = projectPaths(resolve(__dirname, '../../../..'));

describe('the PostgreSQL schema', () => {
  it('differs from the SQLite schema only in provider and client folder', () => {
    const sqlite = readFileSync(paths.schema, 'utf8');
    const derived = derivePostgresSchema(sqlite);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('"../../libs/server/db/src/generated/postgresql"');
    const changed = derived.split('\n').slice(1).filter((line, index) => line !== sqlite.split('\n')[index]);
    expect(changed).toHaveLength(2);
  });

  it('is committed in sync with prisma/schema.prisma', () => {
    expect(readFileSync(paths.postgresSchema, 'utf8')).toBe(derivePostgresSchema(readFileSync(paths.schema, 'utf8')));
  });

  it('refuses a schema it cannot derive from unambiguously', () => {
    expect(() => derivePostgresSchema('datasource db {\n  provider = "mysql"\n}')).toThrow(MigrationError);
  });
});
