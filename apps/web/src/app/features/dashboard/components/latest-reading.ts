import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Reading, UserProfile } from '@glucodiary/contracts';
import { formatInZone } from '../../../core/time/zoned-time';
import { BAND_LABELS, bandOfReading } from '../../../shared/glucose/glucose-band';
import { GlucoseValue } from '../../../shared/glucose/glucose-value';
import { MEAL_CONTEXT_LABELS } from '../../readings/components/meal-context-label';

@Component({
  selector: 'app-latest-reading',
  imports: [GlucoseValue],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (reading(); as latest) {
      <p class="value" [class]="'band-' + band()">
        <span class="number"><app-glucose-value [reading]="latest" /></span>
        @if (!latest.beyondRange) {
          <span class="unit"> {{ latest.unit }}</span>
        }
      </p>
      <p class="band" [class]="'band-' + band()">{{ label().symbol }} {{ label().label }}</p>
      <p class="when muted">{{ when() }} · {{ contextLabel() }}</p>
    } @else {
      <p class="muted">No reading in this period yet.</p>
    }
  `,
  styles: `
    .value { margin: 0; } .number { font-size: 3rem; font-weight: 700; line-height: 1; }
    .band { font-weight: 600; margin: 0.25rem 0; } .when { margin: 0; }
  `,
})
export class LatestReading {
  readonly reading = input.required<Reading | null>();
  readonly profile = input.required<UserProfile | null>();
  protected readonly band = computed(() => {
    const latest = this.reading();
    return latest ? bandOfReading(latest, this.profile()) : 'inRange';
  });
  protected readonly label = computed(() => BAND_LABELS[this.band()]);
  protected readonly when = computed(() => {
    const latest = this.reading();
    return latest ? formatInZone(latest.takenAt, this.profile()?.timeZone ?? 'UTC', 'EEE d MMM, HH:mm') : '';
  });
  protected readonly contextLabel = computed(() => {
    const latest = this.reading();
    return latest ? MEAL_CONTEXT_LABELS[latest.context] : '';
  });
}
