import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Statistics } from '@glucodiary/contracts';

interface Card {
  label: string;
  value: number | null;
  unit: string;
  digits: string;
  hint: string;
}

/** The figures a clinician asks about; a withheld figure shows a dash and the reason. */
@Component({
  selector: 'app-statistics-cards',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dl class="cards">
      @for (card of cards(); track card.label) {
        <div class="card">
          <dt>{{ card.label }}</dt>
          <dd>
            @if (card.value !== null) {
              <span class="number">{{ card.value | number: card.digits }}</span> <span class="unit">{{ card.unit }}</span>
            } @else {
              <span class="number" aria-hidden="true">–</span>
              <span class="withheld">{{ reasonFor(card.label) }}</span>
            }
          </dd>
          <dd class="hint muted">{{ card.hint }}</dd>
        </div>
      }
    </dl>
  `,
  styles: `
    .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.75rem; margin: 0; }
    .card { border: 1px solid #ddd; border-radius: 8px; padding: 0.75rem; }
    dt { font-size: 0.85rem; color: #444; } dd { margin: 0; }
    .number { font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }
    .withheld { display: block; font-size: 0.8rem; color: #555; }
    .hint { font-size: 0.75rem; }
  `,
})
export class StatisticsCards {
  readonly statistics = input.required<Statistics>();

  protected readonly cards = computed<Card[]>(() => {
    const s = this.statistics();
    const glucoseDigits = s.unit === 'mmol/L' ? '1.1-1' : '1.0-0';
    return [
      { label: 'Average', value: s.mean, unit: s.unit, digits: glucoseDigits, hint: `${s.count} readings` },
      { label: 'Readings per day', value: s.readingsPerDay, unit: '', digits: '1.1-1', hint: `over ${s.days} days` },
      { label: 'GMI', value: s.gmiPercent, unit: '%', digits: '1.1-1', hint: s.gmiMmolPerMol === null ? 'estimated A1c' : `${s.gmiMmolPerMol} mmol/mol` },
      { label: 'Variability (CV)', value: s.coefficientOfVariation, unit: '%', digits: '1.1-1', hint: 'stable below 36%' },
      { label: 'Standard deviation', value: s.standardDeviation, unit: s.unit, digits: glucoseDigits, hint: 'spread of readings' },
      { label: 'Lowest', value: s.lowest, unit: s.unit, digits: glucoseDigits, hint: '' },
      { label: 'Highest', value: s.highest, unit: s.unit, digits: glucoseDigits, hint: '' },
      { label: 'Before meals', value: s.beforeMealMean, unit: s.unit, digits: glucoseDigits, hint: 'fasting and pre-meal average' },
      { label: 'After meals', value: s.afterMealMean, unit: s.unit, digits: glucoseDigits, hint: 'post-meal average' },
    ];
  });

  private static readonly FIGURES: Record<string, string> = {
    Average: 'mean',
    GMI: 'gmi',
    'Variability (CV)': 'variability',
    'Standard deviation': 'variability',
    'Before meals': 'beforeMealMean',
    'After meals': 'afterMealMean',
    Lowest: 'mean',
    Highest: 'mean',
  };

  protected reasonFor(label: string): string {
    const figure = StatisticsCards.FIGURES[label];
    const reason = this.statistics().withheld.find((w) => w.figure === figure)?.reason;
    return reason ? `Too few readings: ${reason}` : 'Not enough readings';
  }
}
