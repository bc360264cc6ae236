import { computed, inject, signal } from '@angular/core';
import { AuthStore } from '../../core/auth/auth.store';
import { lastDays } from './period';

/** The period a report page shows: the last N local days of the signed-in user (14 to start). */
export function periodSelection() {
  const auth = inject(AuthStore);
  const days = signal(14);
  const period = computed(() => lastDays(days(), auth.timeZone()));
  return { days, period };
}
