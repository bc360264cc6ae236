import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { TimeInRange } from '@glucodiary/contracts';
import { timeInRangeSegments } from './time-in-range-segments';

/**
 * The consensus report's time in ranges: one stacked column of the five bands, and beside it each
 * band's share with its consensus goal. The column is a picture; the list beside it carries every
 * figure in words, in the same order, for screen readers and for print.
 */
@Component({
  selector: 'app-consensus-time-in-ranges',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tir">
      <div class="column" aria-hidden="true">
        @for (segment of segments(); track segment.band) {
          <span class="segment" [attr.data-band]="segment.band" [style.height.%]="segment.height" [style.background]="'var(--tir-' + segment.band + ')'"></span>
        }
      </div>
      <ul class="figures" i18n-aria-label aria-label="Time in ranges, with the consensus goals">
        @for (segment of segments(); track segment.band) {
          <li [attr.data-band]="segment.band">
            <span class="swatch" aria-hidden="true" [style.background]="'var(--tir-' + segment.band + ')'"></span>
            <!-- &ngsp; keeps a space between the cells, so the figures are read (and copied) as words apart. -->
            <span class="name">{{ segment.symbol }} {{ segment.label }}</span>&ngsp;
            <span class="share">{{ segment.share | number: '1.0-1' }}%</span>&ngsp;
            <span class="goal"><span class="visually-hidden"><ng-container i18n>goal</ng-container>&ngsp;</span>{{ segment.goal }}</span>
          </li>
        }
      </ul>
    </div>
    <p class="muted source" i18n>Goals for most adults with diabetes: international consensus on time in range, 2019.</p>
  `,
  styles: `
    /* The consensus AGP's colours; the fills are pictures only, every figure is also written out beside them. */
    :host {
      display: block;
      --tir-veryHigh: #e8731a;
      --tir-high: #f5c400;
      --tir-inRange: #2e9e44;
      --tir-low: #e53935;
      --tir-veryLow: #8b0000;
    }
    .tir { display: flex; gap: 1rem; align-items: stretch; }
    .column { display: flex; flex-direction: column; width: 3rem; min-height: 11rem; flex: none; border: 1px solid #999; background: #eee; }
    .segment { display: block; width: 100%; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    .figures { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; justify-content: space-between; gap: 0.25rem; flex: 1; max-width: 22rem; }
    .figures li { display: grid; grid-template-columns: 0.9rem 1fr 4rem 3.5rem; align-items: center; gap: 0.5rem; }
    .swatch { width: 0.9rem; height: 0.9rem; border-radius: 2px; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    .share { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
    .goal { color: #444; font-variant-numeric: tabular-nums; }
    .source { font-size: 0.85rem; margin: 0.5rem 0 0; }
  `,
})
export class ConsensusTimeInRanges {
  readonly timeInRange = input.required<TimeInRange>();
  protected readonly segments = computed(() => timeInRangeSegments(this.timeInRange()));
}
