import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { GLUCOSE_BANDS } from '@glucodiary/clinical';
import type { TimeInRange } from '@glucodiary/contracts';
import { BAND_LABELS } from './glucose-band';

/** The stacked time-in-range bar of the consensus report, with every share also written out. */
@Component({
  selector: 'app-time-in-range-bar',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar" aria-hidden="true">
      @for (segment of segments(); track segment.band) {
        @if (segment.share > 0) {
          <span class="segment" [style.width.%]="segment.share" [style.background]="'var(--band-' + segment.band + ')'"></span>
        }
      }
    </div>
    <ul class="legend" aria-label="Time in ranges" i18n-aria-label>
      @for (segment of legend(); track segment.band) {
        <li>
          <span class="swatch" [style.background]="'var(--band-' + segment.band + ')'"></span>
          <span class="name">{{ segment.symbol }} {{ segment.label }}</span>
          <span class="share">{{ segment.share | number: '1.0-1' }}%</span>
        </li>
      }
    </ul>
  `,
  styles: `
    .bar { display: flex; height: 28px; border-radius: 4px; overflow: hidden; background: #eee; }
    .segment { display: block; height: 100%; }
    .legend { list-style: none; padding: 0; margin: 0.5rem 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0.25rem 1rem; }
    .legend li { display: flex; align-items: center; gap: 0.4rem; }
    .swatch { width: 0.9rem; height: 0.9rem; border-radius: 2px; flex: none; }
    .share { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 600; }
  `,
})
export class TimeInRangeBar {
  readonly timeInRange = input.required<TimeInRange>();
  protected readonly segments = computed(() =>
    GLUCOSE_BANDS.map((band) => ({ band, share: this.timeInRange()[band], ...BAND_LABELS[band] })),
  );
  /** The legend lists the bands from very high down to very low. */
  protected readonly legend = computed(() => this.segments().slice().reverse());
}
