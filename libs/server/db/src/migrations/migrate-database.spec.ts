import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { scratchPostgresDatabase, scratchSqliteDatabase, type ScratchDatabase } from '@glucodiary/server-testing';
import { inject } from 'vitest';
import { openDatabase } from '../open-database';
import { migrateDatabase } from './migrate-database';
import { MigrationError } from './migration-error';

const migrationsRoot = resolve(__dirname, '../../../../../prisma/migrations');

describe.each(['sqlite', 'postgresql'] as const)('migrating a fresh %s database', (provider) => {
  let database: ScratchDatabase;
  beforeEach(async () => {
    database =
      provider === 'sqlite' ? await scratchSqliteDatabase() : await scratchPostgresDatabase(inject('postgresServerUrl'));
  });
  afterEach(() => database.drop());

  it('applies every migration once, records Prisma checksums, and a second run applies nothing', async () => {
    const first = await migrateDatabase(database.url, { migrationsRoot });
    expect(first.applied.length).toBeGreaterThan(0);
    const second = await migrateDatabase(database.url, { migrationsRoot });
    expect(second.applied).toEqual([]);

    const { prisma, close } = openDatabase(database.url);
    try {
      const recorded = await prisma.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(
        'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(recorded.map((row) => row.migration_name)).toEqual(first.applied);
      for (const row of recorded) {
        const sql = readFileSync(join(migrationsRoot, provider, row.migration_name, 'migration.sql'));
        expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      }
      // The schema is usable through the generated client: a user with a reading round-trips.
      const user = await prisma.user.create({
        data: {
          email: 'm@example.test',
          passwordHash: 'x',
          displayName: 'M',
          readings: { create: { takenAt: new Date('2026-03-29T01:30:00Z'), valueMgdl: 99.1, mealContext: 'fasting' } },
        },
        include: { readings: true },
      });
      expect(user.readings[0]).toMatchObject({ valueMgdl: 99.1, mealContext: 'fasting' });
      expect(user.readings[0]?.takenAt.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    } finally {
      await close();
    }
  });
});

describe('migration errors', () => {
  it('explains an unreachable PostgreSQL server instead of crashing', async () => {
    await expect(migrateDatabase('postgresql://nobody@127.0.0.1:1/none', { migrationsRoot })).rejects.toThrow(MigrationError);
  });

  it('refuses a folder with no migrations for the provider', async () => {
    const database = await scratchSqliteDatabase();
    try {
      await expect(migrateDatabase(database.url, { migrationsRoot: '/nonexistent' })).rejects.toThrow(/no sqlite migrations/);
    } finally {
      await database.drop();
    }
  });
});

describe('a new SQLite database is private to its user', () => {
  it('creates the folder 0700 and the file 0600 (and its WAL and journal follow the file)', async () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'glucodiary-perms-')), 'data', 'nested');
    const file = join(folder, 'diary.db');
    try {
      await migrateDatabase(`file:${file}`, { migrationsRoot });
      expect(statSync(folder).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const { prisma, close } = openDatabase(`file:${file}`);
      try {
        await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
        await prisma.user.create({ data: { email: 'p@example.test', passwordHash: 'x', displayName: 'P' } });
        for (const name of readdirSync(folder)) expect([name, statSync(join(folder, name)).mode & 0o077]).toEqual([name, 0]);
      } finally {
        await close();
      }
    } finally {
      rmSync(dirname(dirname(folder)), { recursive: true, force: true });
    }
  });
});
