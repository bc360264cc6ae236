import { ChangeDetectionStrategy, Component, effect, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { DATE_ORDERS, GLUCOSE_UNITS, type ColumnMapping, type DateOrder, type GlucoseUnit } from '@glucodiary/contracts';

type Role = 'timestamp' | 'value' | 'unit' | 'context' | 'note';

const ROLES: readonly { role: Role; label: string; required: boolean }[] = [
  { role: 'timestamp', label: $localize`Date and time column`, required: true },
  { role: 'value', label: $localize`Glucose value column`, required: true },
  { role: 'unit', label: $localize`Unit column (optional)`, required: false },
  { role: 'context', label: $localize`Meal context column (optional)`, required: false },
  { role: 'note', label: $localize`Note column (optional)`, required: false },
];

const DATE_ORDER_LABELS: Readonly<Record<DateOrder, string>> = {
  YMD: $localize`Year-month-day (2026-11-20)`,
  MDY: $localize`Month/day/year (11/20/2026)`,
  DMY: $localize`Day/month/year (20/11/2026)`,
};

function unitNamedIn(column: string): GlucoseUnit | null {
  if (/mg\s*\/\s*dl/i.test(column)) return 'mg/dL';
  if (/mmol\s*\/\s*l/i.test(column)) return 'mmol/L';
  return null;
}

/** For a CSV GlucoDiary does not know: which of the file's columns holds what. */
@Component({
  selector: 'app-column-mapping-form',
  imports: [MatFormFieldModule, MatSelectModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <fieldset>
      <legend i18n>Which column holds what?</legend>
      <div class="grid">
        @for (item of roles; track item.role) {
          <mat-form-field>
            <mat-label>{{ item.label }}</mat-label>
            <mat-select [value]="chosen()[item.role] ?? ''" (selectionChange)="choose(item.role, $event.value)">
              @if (!item.required) {
                <mat-option value="" i18n>None</mat-option>
              }
              @for (column of columns(); track column) {
                <mat-option [value]="column">{{ column }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        @if (!chosen().unit) {
          <mat-form-field>
            <mat-label i18n>Unit of the values</mat-label>
            <mat-select [value]="defaultUnit()" (selectionChange)="defaultUnit.set($event.value)">
              @for (unit of units; track unit) {
                <mat-option [value]="unit">{{ unit }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label i18n>Date order</mat-label>
          <mat-select [value]="dateOrder()" (selectionChange)="dateOrder.set($event.value)">
            @for (order of dateOrders; track order) {
              <mat-option [value]="order">{{ dateOrderLabels[order] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </div>
      <button mat-flat-button type="button" [disabled]="!chosen().timestamp || !chosen().value || disabled()" (click)="apply()" i18n>
        Preview with these columns
      </button>
    </fieldset>
  `,
  styles: `
    fieldset { border: 1px solid var(--mat-sys-outline-variant, #ccc); border-radius: 8px; padding: 1rem; }
    legend { padding: 0 0.25rem; font-weight: 600; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 0 1rem; }
  `,
})
export class ColumnMappingForm {
  readonly columns = input.required<string[]>();
  /** The server's suggestion, or the mapping used last. */
  readonly suggestion = input<ColumnMapping | null>(null);
  readonly unit = input<GlucoseUnit>('mg/dL');
  readonly disabled = input(false);
  readonly mapped = output<ColumnMapping>();

  protected readonly roles = ROLES;
  protected readonly units = GLUCOSE_UNITS;
  protected readonly dateOrders = DATE_ORDERS;
  protected readonly dateOrderLabels = DATE_ORDER_LABELS;
  protected readonly chosen = signal<Partial<Record<Role, string>>>({});
  protected readonly defaultUnit = signal<GlucoseUnit>('mg/dL');
  protected readonly dateOrder = signal<DateOrder>('YMD');

  constructor() {
    effect(() => {
      const suggestion = this.suggestion();
      this.chosen.set(
        suggestion
          ? { timestamp: suggestion.timestamp, value: suggestion.value, unit: suggestion.unit, context: suggestion.context, note: suggestion.note }
          : {},
      );
      this.defaultUnit.set(suggestion?.defaultUnit ?? this.unit());
      if (suggestion?.dateOrder) this.dateOrder.set(suggestion.dateOrder);
    });
  }

  protected choose(role: Role, column: string): void {
    this.chosen.update((chosen) => ({ ...chosen, [role]: column || undefined }));
    // A value column named like "Glucose (mmol/L)" says its unit.
    const named = role === 'value' ? unitNamedIn(column) : null;
    if (named) this.defaultUnit.set(named);
  }

  protected apply(): void {
    const { timestamp, value, unit, context, note } = this.chosen();
    if (!timestamp || !value) return;
    this.mapped.emit({
      timestamp,
      value,
      ...(unit ? { unit } : { defaultUnit: this.defaultUnit() }),
      ...(context && { context }),
      ...(note && { note }),
      dateOrder: this.dateOrder(),
    });
  }
}
