import { formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { AuthStore } from '../auth/auth.store';
import { formatZoned } from '../i18n/zoned-date-format';
import { Outbox } from './outbox';
import type { OutboxEntry } from './outbox-entry';
import { describeOutboxEntry, waitingSummary } from './outbox-entry-text';

/**
 * What this device keeps to send: each entry with its time, value and state, and for one the API
 * refused, why, with the choice to send it again or discard it. The summary line is a live
 * region, so a screen reader hears entries join and leave.
 */
@Component({
  selector: 'app-outbox-panel',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="outbox" [class.empty]="rows().length === 0" [attr.aria-labelledby]="rows().length > 0 ? 'outbox-heading' : null">
      @if (rows().length > 0) {
        <h2 id="outbox-heading" i18n>Not sent yet</h2>
      }
      <p role="status" class="summary">{{ summary() }}</p>
      @if (rows().length > 0) {
        <ul i18n-aria-label aria-label="Entries waiting to be sent">
          @for (row of rows(); track row.entry.key) {
            <li>
              <span class="what">{{ row.time }} · {{ row.what }}</span>
              <span class="state" [class.error]="row.entry.state === 'refused'">{{ row.state }}</span>
              @if (row.entry.state === 'refused') {
                <span class="actions">
                  <button mat-stroked-button type="button" (click)="outbox.retry(row.entry.key)" i18n>Send again</button>
                  <button mat-button type="button" (click)="outbox.discard(row.entry.key)" i18n>Discard</button>
                </span>
              }
            </li>
          }
        </ul>
      }
    </section>
  `,
  styles: `
    .outbox { border: 1px solid #c4c6d0; border-radius: 8px; padding: 0.75rem 1rem; }
    .outbox.empty { border: 0; padding: 0; }
    h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
    .summary { margin: 0; }
    .summary:empty { position: absolute; }
    ul { list-style: none; margin: 0.5rem 0 0; padding: 0; display: flex; flex-direction: column; gap: 0.5rem; }
    li { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 1rem; }
    .state { color: #444; }
    .actions { display: flex; gap: 0.5rem; }
  `,
})
export class OutboxPanel {
  protected readonly outbox = inject(Outbox);
  private readonly auth = inject(AuthStore);
  private readonly locale = inject(LOCALE_ID);

  protected readonly summary = computed(() => {
    const waiting = waitingSummary(this.outbox.waiting(), this.locale);
    const refused = this.outbox.refused().length;
    const refusedText = refused ? $localize`${formatNumber(refused, this.locale, '1.0-0')}:count: not accepted by GlucoDiary` : '';
    return [waiting, refusedText].filter(Boolean).join('; ');
  });

  protected readonly rows = computed(() => {
    const sending = this.outbox.sending();
    const zone = this.auth.timeZone();
    return this.outbox.entries().map((entry) => ({
      entry,
      time: formatZoned(entry.body.takenAt, zone, 'dayMonthTime', this.locale),
      what: describeOutboxEntry(entry, this.locale),
      state: this.stateOf(entry, sending.has(entry.key)),
    }));
  });

  private stateOf(entry: OutboxEntry, sending: boolean): string {
    if (entry.state === 'refused') return $localize`Not accepted: ${entry.reason ?? $localize`refused`}:reason:`;
    return sending ? $localize`Sending…` : $localize`Waiting for a connection`;
  }
}
