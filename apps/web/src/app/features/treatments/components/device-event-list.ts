import { ChangeDetectionStrategy, Component, inject, input, LOCALE_ID } from '@angular/core';
import type { DeviceEvent } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { deviceEventText } from './device-event-text';

/** The day's device events (temporary basals, profile switches…) as the apps reported them; read only. */
@Component({
  selector: 'app-device-event-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="device-events">
      @for (event of events(); track event.id) {
        <li>
          <span class="time">{{ time(event) }}</span>
          <span class="what"
            ><strong>{{ event.eventType }}</strong> {{ text(event) }}
            @if (event.deviceName) {
              <span class="muted" i18n>· from {{ event.deviceName }}</span>
            }
          </span>
        </li>
      }
    </ol>
  `,
  styles: `
    .device-events { list-style: none; padding: 0; margin: 0; }
    li { display: flex; gap: 1rem; padding: 0.35rem 0; border-bottom: 1px solid #e0e0e0; }
    .time { font-variant-numeric: tabular-nums; min-width: 3.5rem; }
    .muted { color: #555; }
  `,
})
export class DeviceEventList {
  readonly events = input.required<DeviceEvent[]>();
  readonly timeZone = input.required<string>();
  private readonly locale = inject(LOCALE_ID);

  protected time(event: DeviceEvent): string {
    return formatZoned(event.takenAt, this.timeZone(), 'time', this.locale);
  }

  protected text(event: DeviceEvent): string {
    return deviceEventText(event, this.locale);
  }
}
