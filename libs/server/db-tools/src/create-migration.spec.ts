import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { createMigration, projectPaths } from './create-migration';

const workspace = resolve(__dirname, '../../../..');

/** A copy of prisma/ to change freely. */
function copyOfPrismaFolder() {
  const root = mkdtempSync(join(tmpdir(), 'create-migration-'));
  cpSync(join(workspace, 'prisma'), join(root, 'prisma'), { recursive: true });
  return { paths: projectPaths(root), remove: () => rmSync(root, { recursive: true, force: true }) };
}

describe('creating a migration', () => {
  beforeAll(() => {
    process.env['MIGRATE_PG_SCRATCH_URL'] = inject('postgresServerUrl');
  });

  it('finds nothing to do: the committed migrations match prisma/schema.prisma on both databases', async () => {
    const copy = copyOfPrismaFolder();
    const messages: string[] = [];
    try {
      expect(await createMigration('drift_check', copy.paths, (m) => messages.push(m))).toBeNull();
      expect(messages).toContain('no changes');
    } finally {
      copy.remove();
    }
  });

  it('writes one folder per database for a schema change', async () => {
    const copy = copyOfPrismaFolder();
    try {
      // A column no real migration adds: this test's own.
      const schema = readFileSync(copy.paths.schema, 'utf8').replace('  note        String?', '  note        String?\n  scratchTag  String?');
      writeFileSync(copy.paths.schema, schema);
      const folder = await createMigration('Add reading scratch tag!', copy.paths, () => undefined);
      expect(folder).toMatch(/^\d{14}_add_reading_scratch_tag$/);
      for (const provider of ['sqlite', 'postgresql']) {
        const dir = join(copy.paths.migrationsRoot, provider);
        expect(readdirSync(dir)).toContain(folder);
        expect(readFileSync(join(dir, folder ?? '', 'migration.sql'), 'utf8')).toMatch(/scratchTag/);
      }
    } finally {
      copy.remove();
    }
  });
});
