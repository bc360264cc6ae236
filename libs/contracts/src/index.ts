export * from './lib/glucose-units';
export * from './lib/errors';
export * from './lib/profile';
export * from './lib/auth';
export * from './lib/readings';
export * from './lib/transfer';
export * from './lib/health';
export * from './lib/statistics';
