import { linkedSignal, type Resource, type Signal } from '@angular/core';

/**
 * A resource's latest value, kept while the next one loads or fails: a page whose period
 * changed shows what it showed, marked as loading, rather than going blank until the answer.
 */
export function latestValueOf<T>(source: Resource<T>): Signal<T | undefined> {
  return linkedSignal<T | undefined, T | undefined>({
    source: () => (source.hasValue() ? source.value() : undefined),
    computation: (next, previous) => next ?? previous?.value,
  });
}
