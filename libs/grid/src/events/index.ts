export {
  EntryEvents,
  type EntryEventType,
  type EntryEventsOptions,
  type EntryListener,
  type SubscriptionState,
  type Unsubscribe,
  type WireEntryEvent,
} from './entry-events';
