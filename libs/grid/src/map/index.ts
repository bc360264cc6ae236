export { GridMap, type EntryEvent, type EntryEventType, type EntryView, type SetOptions, type Unsubscribe, type WriteOptions } from './grid-map';
export { MapService, type MapConfig, type MapServiceOptions, type OperationStats } from './map-service';
export { RecordStore } from './record-store';
