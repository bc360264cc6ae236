import { ChangeDetectionStrategy, Component, model } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { PERIOD_CHOICES } from './period';

@Component({
  selector: 'app-period-picker',
  imports: [MatButtonToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group [value]="days()" (change)="days.set($event.value)" aria-label="Period" i18n-aria-label hideSingleSelectionIndicator>
      @for (choice of choices; track choice) {
        <mat-button-toggle [value]="choice" i18n>{choice, plural, =1 {1 day} other {{{ choice }} days}}</mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
})
export class PeriodPicker {
  readonly days = model<number>(14);
  protected readonly choices = PERIOD_CHOICES;
}
