import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { Reading } from '@glucodiary/contracts';
import { MEAL_CONTEXT_LABELS } from './meal-context-label';

@Component({
  selector: 'app-reading-list',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (readings().length === 0) {
      <p class="empty">No readings yet. Your first one goes in the form above.</p>
    } @else {
      <table class="readings" aria-label="Your readings">
        <thead>
          <tr><th scope="col">When</th><th scope="col">Glucose</th><th scope="col">Context</th><th scope="col">Note</th></tr>
        </thead>
        <tbody>
          @for (reading of readings(); track reading.id) {
            <tr>
              <td>{{ reading.takenAt | date: 'EEE d MMM, HH:mm' : undefined : undefined }}</td>
              <td class="value">{{ reading.value }} <span class="unit">{{ reading.unit }}</span></td>
              <td>{{ labels[reading.context] }}</td>
              <td>{{ reading.note }}</td>
            </tr>
          }
        </tbody>
      </table>
    }
  `,
  styles: `
    .readings { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid var(--mat-sys-outline-variant, #ccc); }
    .value { font-weight: 600; font-variant-numeric: tabular-nums; }
    .unit { font-weight: 400; font-size: 0.85em; }
  `,
})
export class ReadingList {
  readonly readings = input.required<Reading[]>();
  protected readonly labels = MEAL_CONTEXT_LABELS;
}
