import { formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, LOCALE_ID, computed, inject, input } from '@angular/core';
import type { Statistics } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';

/**
 * The lab HbA1c values of the period beside the GMI the readings give: GMI estimates an HbA1c,
 * and a clinician looks at how far the two lie apart.
 */
@Component({
  selector: 'app-hba1c-beside-gmi',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="hba1c">
      <div>
        <dt i18n>Lab HbA1c</dt>
        @for (lab of labValues(); track $index) {
          <dd>{{ lab }}</dd>
        } @empty {
          <dd class="muted" i18n>None logged in this period</dd>
        }
      </div>
      <div>
        <dt i18n>GMI from the readings</dt>
        <dd [class.muted]="gmi() === null">{{ gmi() ?? tooFew }}</dd>
      </div>
    </dl>
  `,
  styles: `
    .hba1c { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0.75rem 0 0; }
    dt { font-size: 0.85rem; color: #444; } dd { margin: 0; font-variant-numeric: tabular-nums; }
  `,
})
export class Hba1cBesideGmi {
  readonly statistics = input.required<Statistics>();
  private readonly locale = inject(LOCALE_ID);
  protected readonly tooFew = $localize`Too few readings`;

  /** "7.1% on 29 Mar 2026", newest first, each in the unit the lab gave. */
  protected readonly labValues = computed(() => {
    const { hba1c, timeZone } = this.statistics();
    return hba1c.map(({ value, unit, takenAt }) => {
      const number = formatNumber(value, this.locale, unit === '%' ? '1.1-1' : '1.0-0');
      const shown = `${number}${unit === '%' ? '%' : ` ${unit}`}`;
      return $localize`${shown}:value: on ${formatZoned(takenAt, timeZone, 'date', this.locale)}:date:`;
    });
  });

  protected readonly gmi = computed(() => {
    const { gmiPercent, gmiMmolPerMol } = this.statistics();
    if (gmiPercent === null) return null;
    const percent = `${formatNumber(gmiPercent, this.locale, '1.1-1')}%`;
    return gmiMmolPerMol === null ? percent : `${percent} (${gmiMmolPerMol} mmol/mol)`;
  });
}
