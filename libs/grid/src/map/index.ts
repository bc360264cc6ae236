export { GridMap, type EntryEvent, type EntryEventType, type EntryView, type SetOptions, type Unsubscribe, type WriteOptions } from './grid-map';
export { MapService, type MapConfig, type MapServiceOptions } from './map-service';
export { RecordStore } from './record-store';
export type { OperationStats } from './stats';
