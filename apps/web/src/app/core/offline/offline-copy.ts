import { computed, DestroyRef, inject, type Signal } from '@angular/core';
import { ReportCopies } from './report-copies';

/**
 * When the reports of a page's period were last received, if what the page shows is a copy kept
 * on this device (the API could not be reached); null while it shows the API's answer. Back
 * online, `reload` fetches the period afresh.
 */
export function offlineCopyTime(period: Signal<{ from: Date }>, reload: () => void): Signal<number | null> {
  const copies = inject(ReportCopies);
  const storedAt = computed(() => {
    // A period runs up to the moment of asking: its start names it.
    const from = period().from.toISOString();
    let oldest: number | null = null;
    for (const [url, at] of copies.servedOffline()) {
      if (new URLSearchParams(url.split('?')[1] ?? '').get('from') === from) oldest = Math.min(oldest ?? at, at);
    }
    return oldest;
  });
  const online = () => {
    if (storedAt() !== null) reload();
  };
  window.addEventListener('online', online);
  inject(DestroyRef).onDestroy(() => window.removeEventListener('online', online));
  return storedAt;
}
