import './provided-context';

export { freePort, freePortBlock } from './free-port';
export { startThrowawayPostgres, findPostgresBin, type ThrowawayPostgres } from './postgres-server';
export { scratchPostgresDatabase, scratchSqliteDatabase, type ScratchDatabase } from './scratch-database';
