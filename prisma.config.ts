// Prisma 7 reads the datasource from here. DATABASE_URL picks the schema and the migrations tree,
// so Prisma's own CLI (`prisma migrate deploy`, `prisma studio`) works wherever its native engine does.
// Day to day, use `npm run db:*` (libs/server/db-tools), which need no native engine.
import { defineConfig } from 'prisma/config';

const url = process.env['DATABASE_URL'] || 'file:./data/glucodiary.db';
const provider = /^postgres(ql)?:\/\//i.test(url) ? 'postgresql' : 'sqlite';

export default defineConfig({
  schema: provider === 'postgresql' ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url },
});
