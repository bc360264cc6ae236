export * from './lib/glucose-bands';
export * from './lib/glucose-statistics';
export * from './lib/counted-readings';
export * from './lib/sensor-active-time';
export * from './lib/daily-pattern';
export * from './lib/logbook';
export * from './lib/local-time';
export * from './lib/trend';
export { percentile, mean, sampleStandardDeviation } from './lib/percentile';
