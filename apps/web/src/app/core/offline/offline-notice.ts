import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { AuthStore } from '../auth/auth.store';
import { formatInZone } from '../time/zoned-time';

/** "Offline — as of 14:05" above figures that are a copy kept on this device. */
@Component({
  selector: 'app-offline-notice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The live region is always there, so that a screen reader hears the notice appear.
  template: `
    <p role="status" [class.notice]="asOf() !== null">
      @if (asOf() !== null) {
        Offline — as of {{ shownTime() }}. These are the figures this device last received.
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
  protected readonly shownTime = computed(() => {
    const at = this.asOf();
    if (at === null) return '';
    const zone = this.auth.timeZone();
    const sameDay = formatInZone(new Date(at), zone, 'yyyy-MM-dd') === formatInZone(new Date(), zone, 'yyyy-MM-dd');
    return formatInZone(new Date(at), zone, sameDay ? 'HH:mm' : 'd MMM yyyy, HH:mm');
  });
}
