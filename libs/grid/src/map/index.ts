export { GridMap, type EntryEvent, type EntryEventType, type EntryView, type SetOptions, type Unsubscribe } from './grid-map';
export { MapService, type MapConfig, type MapServiceOptions, type OperationStats } from './map-service';
export { RecordStore } from './record-store';
