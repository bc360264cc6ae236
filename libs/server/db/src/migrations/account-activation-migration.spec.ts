import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scratchPostgresDatabase, scratchSqliteDatabase, type ScratchDatabase } from '@glucodiary/server-testing';
import { inject } from 'vitest';
import { openDatabase } from '../open-database';
import { migrateDatabase } from './migrate-database';

const migrationsRoot = resolve(__dirname, '../../../../../prisma/migrations');
const ACTIVATION = '20261204200117_account_activation';

describe.each(['sqlite', 'postgresql'] as const)('the account activation migration on %s', (provider) => {
  let database: ScratchDatabase;
  let root: string;
  beforeEach(async () => {
    database = provider === 'sqlite' ? await scratchSqliteDatabase() : await scratchPostgresDatabase(inject('postgresServerUrl'));
    // The migrations up to the one before it, as a database deployed before it has them.
    root = mkdtempSync(join(tmpdir(), 'glucodiary-migrations-'));
    const source = join(migrationsRoot, provider);
    for (const entry of readdirSync(source)) {
      if (entry < ACTIVATION || !/^\d/.test(entry)) cpSync(join(source, entry), join(root, provider, entry), { recursive: true });
    }
  });
  afterEach(async () => {
    rmSync(root, { recursive: true, force: true });
    await database.drop();
  });

  it('marks every existing account as activated when it was created, so all of them still sign in', async () => {
    await migrateDatabase(database.url, { migrationsRoot: root });
    const { prisma, close } = openDatabase(database.url);
    try {
      const createdAt = new Date('2026-01-02T03:04:05.000Z');
      // In SQL: the client of today's schema would write columns this database lacks yet.
      await prisma.$executeRaw`INSERT INTO "User" ("id", "email", "passwordHash", "displayName", "createdAt", "updatedAt") VALUES ('u1', 'old@example.test', 'x', 'Old', ${createdAt}, ${createdAt})`;
      // Then it and every later one, so the client of today's schema can read the accounts back.
      const later = readdirSync(join(migrationsRoot, provider)).filter((entry) => entry >= ACTIVATION && /^\d/.test(entry));
      for (const entry of later) cpSync(join(migrationsRoot, provider, entry), join(root, provider, entry), { recursive: true });
      const { applied } = await migrateDatabase(database.url, { migrationsRoot: root });
      expect(applied).toEqual(later.sort());
      expect(applied[0]).toBe(ACTIVATION);
      const user = await prisma.user.findUniqueOrThrow({ where: { id: 'u1' } });
      expect(user.activatedAt?.toISOString()).toBe(createdAt.toISOString());
      // New accounts start without it, unless the code sets it.
      const fresh = await prisma.user.create({ data: { email: 'new@example.test', passwordHash: 'x', displayName: 'New' } });
      expect(fresh.activatedAt).toBeNull();
    } finally {
      await close();
    }
  });
});
