import { DecimalPipe, formatNumber } from '@angular/common';
import { ChangeDetectionStrategy, Component, LOCALE_ID, computed, inject, input } from '@angular/core';
import type { InsulinAndCarbs, LabHba1c, Statistics } from '@glucodiary/contracts';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { glucoseUnitLabel } from '../../../shared/glucose/glucose-unit';
import { count, listed } from '../../../shared/text/count-text';

interface Card {
  label: string;
  value: number | null;
  unit: string;
  digits: string;
  hint: string;
  /** Shown in place of the value when the figure is withheld. */
  withheld: string;
}

/**
 * The figures a clinician asks about; a withheld figure shows a dash and the reason. A lab HbA1c
 * of the period sits beside GMI, and insulin and carbohydrate cards follow when the diary logs
 * them. Below, which readings the figures rest on: a clinician weighs sensor data and
 * finger-sticks differently.
 */
@Component({
  selector: 'app-statistics-cards',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (statistics().count === 0) {
      <p class="no-readings" i18n>No readings in this period yet: the figures fill in as you log or import readings.</p>
    }
    <dl class="cards">
      @for (card of cards(); track card.label) {
        <div class="card">
          <dt>{{ card.label }}</dt>
          <dd>
            @if (card.value !== null) {
              <span class="number">{{ card.value | number: card.digits }}</span> <span class="unit">{{ card.unit }}</span>
            } @else {
              <span class="number" aria-hidden="true">–</span>
              @if (card.withheld) {
                <span class="withheld">{{ card.withheld }}</span>
              }
            }
          </dd>
          <dd class="hint muted">{{ card.hint }}</dd>
        </div>
      }
    </dl>
    @if (readingsUsed(); as used) {
      <p class="readings-used muted">{{ used }}</p>
    }
  `,
  styles: `
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.75rem; margin: 0; }
    .card { border: 1px solid #ddd; border-radius: 8px; padding: 0.75rem; }
    dt { font-size: 0.85rem; color: #444; } dd { margin: 0; }
    .number { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .withheld { display: block; font-size: 0.8rem; color: #555; }
    .hint { font-size: 0.75rem; }
    .no-readings { margin: 0 0 0.75rem; font-weight: 600; }
    .readings-used { margin: 0.5rem 0 0; font-size: 0.85rem; }
  `,
})
export class StatisticsCards {
  readonly statistics = input.required<Statistics>();
  private readonly locale = inject(LOCALE_ID);

  /** "Figures from 2,688 sensor and 12 finger-stick readings; 30 scans not counted again (…)", or nothing without readings. */
  protected readonly readingsUsed = computed(() => {
    const { count, readingsUsed, scansNotCounted } = this.statistics();
    if (count === 0) return null;
    const number = (n: number) => formatNumber(n, this.locale, '1.0-0');
    const kinds = [
      readingsUsed.sensor > 0 ? $localize`${number(readingsUsed.sensor)}:count: sensor` : null,
      readingsUsed.fingerstick > 0 ? $localize`${number(readingsUsed.fingerstick)}:count: finger-stick` : null,
    ].filter((kind) => kind !== null);
    const used = count === 1 ? $localize`Figures from ${listed(kinds)}:kinds: reading` : $localize`Figures from ${listed(kinds)}:kinds: readings`;
    if (scansNotCounted === 0) return `${used}.`;
    const scans = scansNotCounted === 1 ? $localize`${number(scansNotCounted)}:count: scan` : $localize`${number(scansNotCounted)}:count: scans`;
    return $localize`${used}:figuresFrom:; ${scans}:scans: not counted again, as the sensor’s history already covers that time.`;
  });

  protected readonly cards = computed<Card[]>(() => {
    const s = this.statistics();
    const glucoseDigits = s.unit === 'mmol/L' ? '1.1-1' : '1.0-0';
    /** What a card shows instead of its value when the figure (as named in `withheld`) is left empty. */
    const withheld = (figure: string | null): string => {
      // Without any reading the page says so once, above the cards, rather than on each of them.
      if (s.count === 0) return '';
      const reason = s.withheld.find((w) => w.figure === figure)?.reason;
      return reason ? $localize`Too few readings: ${reason}:reason:` : $localize`Not enough readings`;
    };
    return [
      { label: $localize`Average`, value: s.mean, unit: glucoseUnitLabel(s.unit), digits: glucoseDigits, hint: count(s.count, { one: $localize`reading`, other: $localize`readings` }, this.locale), withheld: withheld('mean') },
      { label: $localize`Readings per day`, value: s.readingsPerDay, unit: '', digits: '1.1-1', hint: $localize`over ${s.days}:days: days`, withheld: withheld(null) },
      // Finger-sticks have no active time: without sensor history there is no card rather than an empty one.
      ...(s.sensorActivePercent === null
        ? []
        : [{ label: $localize`Sensor active`, value: s.sensorActivePercent, unit: '%', digits: '1.0-0', hint: $localize`of the period; over 70% makes the figures reliable`, withheld: '' }]),
      { label: 'GMI', value: s.gmiPercent, unit: '%', digits: '1.1-1', hint: s.gmiMmolPerMol === null ? $localize`estimated A1c` : `${s.gmiMmolPerMol} mmol/mol`, withheld: withheld('gmi') },
      ...this.labHba1cCards(s.hba1c, s.timeZone),
      { label: $localize`Variability (CV)`, value: s.coefficientOfVariation, unit: '%', digits: '1.1-1', hint: $localize`stable below 36%`, withheld: withheld('variability') },
      { label: $localize`Standard deviation`, value: s.standardDeviation, unit: glucoseUnitLabel(s.unit), digits: glucoseDigits, hint: $localize`spread of readings`, withheld: withheld('variability') },
      { label: $localize`Lowest`, value: s.lowest, unit: glucoseUnitLabel(s.unit), digits: glucoseDigits, hint: '', withheld: withheld('mean') },
      { label: $localize`Highest`, value: s.highest, unit: glucoseUnitLabel(s.unit), digits: glucoseDigits, hint: '', withheld: withheld('mean') },
      { label: $localize`Before meals`, value: s.beforeMealMean, unit: glucoseUnitLabel(s.unit), digits: glucoseDigits, hint: $localize`fasting and pre-meal average`, withheld: withheld('beforeMealMean') },
      { label: $localize`After meals`, value: s.afterMealMean, unit: glucoseUnitLabel(s.unit), digits: glucoseDigits, hint: $localize`post-meal average`, withheld: withheld('afterMealMean') },
      ...this.treatmentCards(s.treatments),
    ];
  });

  /** The newest lab HbA1c of the period, to compare with GMI; no card without one. */
  private labHba1cCards([newest, ...older]: readonly LabHba1c[], timeZone: string): Card[] {
    if (!newest) return [];
    const taken = formatZoned(newest.takenAt, timeZone, 'date', this.locale);
    const hint = older.length === 0 ? $localize`lab, ${taken}:date:` : $localize`lab, ${taken}:date:; ${older.length + 1}:count: in the period`;
    return [{ label: $localize`Lab HbA1c`, value: newest.value, unit: newest.unit, digits: newest.unit === '%' ? '1.1-1' : '1.0-0', hint, withheld: '' }];
  }

  /** A card for each kind of data the diary logs in the period: none for a diary without insulin or carbohydrates. */
  private treatmentCards(t: InsulinAndCarbs): Card[] {
    const number = (n: number | null) => (n === null ? '–' : formatNumber(n, this.locale, '1.0-1'));
    const withheld = (figure: string): string => {
      const reason = t.withheld.find((w) => w.figure === figure)?.reason;
      return reason ? $localize`Too few days: ${reason}:reason:` : $localize`Not enough days`;
    };
    const days = (n: number, what: string) => (n === 1 ? $localize`over ${n}:count: day with ${what}:what:` : $localize`over ${n}:count: days with ${what}:what:`);
    return [
      ...(t.daysWithInsulin === 0
        ? []
        : [
            {
              label: $localize`Total daily insulin`,
              value: t.totalDailyInsulin,
              unit: 'U',
              digits: '1.1-1',
              hint:
                t.totalDailyInsulin === null
                  ? days(t.daysWithInsulin, $localize`insulin`)
                  : $localize`${number(t.rapidPerDay)}:rapid: rapid / ${number(t.longPerDay)}:long: long; ${number(t.basalPercent)}:basal:% basal`,
              withheld: withheld('totalDailyInsulin'),
            },
          ]),
      ...(t.daysWithCarbs === 0
        ? []
        : [{ label: $localize`Carbs per day`, value: t.carbsPerDay, unit: 'g', digits: '1.0-0', hint: days(t.daysWithCarbs, $localize`carbs`), withheld: withheld('carbsPerDay') }]),
      ...(t.daysWithMealInsulinAndCarbs === 0
        ? []
        : [
            {
              label: $localize`Grams per unit`,
              value: t.gramsPerUnit,
              unit: 'g/U',
              digits: '1.1-1',
              hint: $localize`carbs per unit of meal insulin, as used`,
              withheld: withheld('gramsPerUnit'),
            },
          ]),
    ];
  }
}
