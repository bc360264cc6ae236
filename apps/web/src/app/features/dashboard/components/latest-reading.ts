import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, LOCALE_ID, signal } from '@angular/core';
import type { Reading, UserProfile } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { BAND_LABELS, bandOfReading } from '../../../shared/glucose/glucose-band';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { GlucoseValue } from '../../../shared/glucose/glucose-value';
import { readingAge, trendArrowOf } from '../../../shared/glucose/trend-arrow';
import { MEAL_CONTEXT_LABELS } from '../../readings/components/meal-context-label';

@Component({
  selector: 'app-latest-reading',
  imports: [GlucoseValue, GlucoseUnitPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (reading(); as latest) {
      <p class="value" [class]="'band-' + band()">
        <span class="number"><app-glucose-value [reading]="latest" /></span>
        @if (!latest.beyondRange) {
          <span class="unit"> {{ latest.unit | glucoseUnit }}</span>
        }
        @if (arrow(); as trend) {
          <span class="arrow" role="img" [attr.aria-label]="trend.label" [title]="trend.label">{{ trend.symbol }}</span>
        }
      </p>
      <p class="band" [class]="'band-' + band()">{{ label().symbol }} {{ label().label }}</p>
      <p class="when muted">
        @if (age(); as ago) {
          <span class="age">{{ ago }}</span> ·
        }
        {{ when() }} · {{ latest.deviceName ?? contextLabel() }}
      </p>
    } @else {
      <p class="muted" i18n>No reading in this period yet.</p>
    }
  `,
  styles: `
    .value { margin: 0; } .number { font-size: 3rem; font-weight: 700; line-height: 1; }
    .arrow { font-size: 2.5rem; font-weight: 700; margin-left: 0.5rem; }
    .band { font-weight: 600; margin: 0.25rem 0; } .when { margin: 0; } .age { font-weight: 600; }
  `,
})
export class LatestReading {
  readonly reading = input.required<Reading | null>();
  readonly profile = input.required<UserProfile | null>();
  /** The clock the reading's age is told against, moved on every half minute so "3 min ago" stays true. */
  private readonly now = signal(Date.now());
  private readonly locale = inject(LOCALE_ID);
  protected readonly arrow = computed(() => trendArrowOf(this.reading()?.direction ?? null));
  protected readonly age = computed(() => {
    const latest = this.reading();
    return latest ? readingAge(latest.takenAt, this.now()) : null;
  });

  constructor() {
    const ticking = setInterval(() => this.now.set(Date.now()), 30_000);
    inject(DestroyRef).onDestroy(() => clearInterval(ticking));
  }
  protected readonly band = computed(() => {
    const latest = this.reading();
    return latest ? bandOfReading(latest, this.profile()) : 'inRange';
  });
  protected readonly label = computed(() => BAND_LABELS[this.band()]);
  protected readonly when = computed(() => {
    const latest = this.reading();
    return latest ? formatZoned(latest.takenAt, this.profile()?.timeZone ?? 'UTC', 'weekdayDayMonthTime', this.locale) : '';
  });
  protected readonly contextLabel = computed(() => {
    const latest = this.reading();
    return latest ? MEAL_CONTEXT_LABELS[latest.context] : '';
  });
}
