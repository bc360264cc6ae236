import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { migrateDatabase, openDatabase, type PrismaClient } from '@glucodiary/db';

declare module 'fastify' {
  interface FastifyInstance {
    db: PrismaClient;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string;
  migrateOnStart: boolean;
  migrationsRoot: string;
}

/** Opens the database named by DATABASE_URL (SQLite or PostgreSQL) and migrates it when asked. */
export const databasePlugin = fp(
  async (app: FastifyInstance, options: DatabasePluginOptions) => {
    if (options.migrateOnStart) {
      const { applied } = await migrateDatabase(options.databaseUrl, {
        migrationsRoot: options.migrationsRoot,
        log: (message) => app.log.debug(message),
      });
      if (applied.length > 0) app.log.info({ applied }, 'database migrated');
    }
    const database = openDatabase(options.databaseUrl);
    app.decorate('db', database.prisma);
    app.addHook('onClose', () => database.close());
  },
  { name: 'database' },
);
