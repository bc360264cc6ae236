export { openDatabase, type Database } from './open-database';
export { migrateDatabase, MigrationError } from './migrations';
export { providerOf, DatabaseUrlError, type DatabaseProvider } from './database-url';
export { Prisma, PrismaClient } from './generated/sqlite/client';
export type { User, Reading, Session, Import, Treatment, DeviceEvent } from './generated/sqlite/client';
