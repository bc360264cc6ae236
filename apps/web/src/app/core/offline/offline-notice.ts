import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import { AuthStore } from '../auth/auth.store';
import { formatZoned } from '../i18n/zoned-date-format';
import { formatInZone } from '../time/zoned-time';

/** "Offline — as of 14:05" above figures that are a copy kept on this device. */
@Component({
  selector: 'app-offline-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The live region is always there, so that a screen reader hears the notice appear.
  template: `
    <p role="status" [class.notice]="asOf() !== null">
      @if (asOf() !== null) {
        <ng-container i18n>Offline — as of {{ shownTime() }}. These are the figures this device last received.</ng-container>
      }
    </p>
  `,
  styles: `
    :host { display: contents; }
    p { margin: 0; }
    /* Empty, it takes no room (not even a flex gap) but stays a live region. */
    p:empty { position: absolute; }
  `,
})
export class OfflineNotice {
  /** Epoch ms when the copy shown was received; null when the page shows the API's answer. */
  readonly asOf = input.required<number | null>();

  private readonly auth = inject(AuthStore);
  private readonly locale = inject(LOCALE_ID);
  protected readonly shownTime = computed(() => {
    const at = this.asOf();
    if (at === null) return '';
    const zone = this.auth.timeZone();
    const sameDay = formatInZone(new Date(at), zone, 'yyyy-MM-dd') === formatInZone(new Date(), zone, 'yyyy-MM-dd');
    return formatZoned(at, zone, sameDay ? 'time' : 'dateTime', this.locale);
  });
}
