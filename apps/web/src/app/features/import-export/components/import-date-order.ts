import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { CHOSEN_DATE_ORDERS, type ChosenDateOrder, type DateOrder, type DateOrderReport } from '@glucodiary/contracts';
import { formatDay } from '../../../core/i18n/zoned-date-format';

const ORDER_NAMES: Readonly<Record<DateOrder, string>> = { DMY: $localize`day first`, MDY: $localize`month first`, YMD: $localize`year first` };
const ORDER_PATTERNS: Readonly<Record<ChosenDateOrder, string>> = { DMY: 'DD-MM', MDY: 'MM-DD' };

/** "September 1, 2025": what a date written year last ("01-09-2025 21:58") means in this order, in the user's format; null when it is not one. */
export function readSampleDate(text: string, order: ChosenDateOrder, locale: string): string | null {
  const match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})/.exec(text.trim());
  if (!match) return null;
  const [first, second, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [day, month] = order === 'DMY' ? [first, second] : [second, first];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return formatDay(date.toISOString().slice(0, 10), 'longDate', locale);
}

/**
 * How the file's dates were read (e.g. DD-MM-YYYY HH:mm, and what settled it) and, when they fit
 * both orders, the question: day first or month first? The answer is emitted for a new preview.
 */
@Component({
  selector: 'app-import-date-order',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let report = dateOrder();
    @if (report.needsChoice.length > 0) {
      <fieldset class="question">
        <legend i18n>Are the dates in this file day first or month first?</legend>
        <p i18n>
          Every date in the file fits both, for example <strong>{{ report.samples[0] }}</strong>. Choose how your device writes dates;
          nothing is read until you do.
        </p>
        <div class="choices">
          @for (option of options(); track option.order) {
            <button mat-stroked-button type="button" [disabled]="disabled()" (click)="chosen.emit(option.order)">{{ option.label }}</button>
          }
        </div>
      </fieldset>
    } @else if (report.used && report.pattern) {
      <p class="date-format">
        <ng-container i18n>Dates read as <strong>{{ report.pattern }}</strong> ({{ orderNames[report.used] }}{{ reason() }})</ng-container>
        @if (report.decidedBy === 'choice') {
          @for (option of options(); track option.order) {
            @if (option.order !== report.used) {
              <button mat-button type="button" [disabled]="disabled()" (click)="chosen.emit(option.order)" i18n>Read them {{ option.name }} instead</button>
            }
          }
        }
      </p>
    }
  `,
  styles: `
    fieldset { border: 1px solid var(--mat-sys-outline-variant, #ccc); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
    legend { padding: 0 0.25rem; font-weight: 600; }
    .choices { display: flex; gap: 0.5rem; flex-wrap: wrap; }
  `,
})
export class ImportDateOrder {
  readonly dateOrder = input.required<DateOrderReport>();
  readonly disabled = input(false);
  readonly chosen = output<ChosenDateOrder>();

  private readonly locale = inject(LOCALE_ID);
  protected readonly orderNames = ORDER_NAMES;
  protected readonly options = computed(() => {
    const sample = this.dateOrder().samples[0] ?? '';
    return CHOSEN_DATE_ORDERS.map((order) => {
      const meaning = readSampleDate(sample, order, this.locale);
      const name = ORDER_NAMES[order];
      const choice = `${name[0]?.toUpperCase()}${name.slice(1)} (${ORDER_PATTERNS[order]})`;
      const label = meaning ? $localize`${choice}:choice:: ${sample.split(/[ T,]/)[0]}:sample: is ${meaning}:meaning:` : choice;
      return { order, name, label };
    });
  });
  protected readonly reason = computed(() => {
    const { decidedBy, evidence } = this.dateOrder();
    if (decidedBy === 'choice') return $localize`, as you chose`;
    return evidence ? $localize`, as line ${evidence.line}:line: shows: ${evidence.text}:text:` : '';
  });
}
