import { ChangeDetectionStrategy, Component, computed, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { Treatment, TreatmentType } from '@glucodiary/contracts';
import { draftTreatment, newTreatmentBody } from '../data-access/treatment-changes';
import { TreatmentsApi } from '../data-access/treatments.api';
import { TreatmentForm } from './treatment-form';
import { TREATMENT_TYPE_LABELS } from './treatment-text';

export interface AddEntryData {
  /** When the new entry is, until the person changes it. */
  takenAt: Date;
  timeZone: string;
}

/** The types added here: glucose, insulin, carbs and notes go through the quick log, but are offered too. */
const ADDED_TYPES: readonly TreatmentType[] = ['activity', 'ketones', 'hba1c', 'sensor-change', 'site-change', 'insulin', 'carbs', 'note'];

/** Adds one entry of any type (activity, ketones, a lab HbA1c, a sensor or site change…) to the diary. */
@Component({
  selector: 'app-add-entry-dialog',
  imports: [FormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatSelectModule, TreatmentForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title i18n>Add an entry</h2>
    <mat-dialog-content>
      <mat-form-field appearance="outline" class="type">
        <mat-label i18n>What</mat-label>
        <mat-select [ngModel]="type()" (ngModelChange)="type.set($event)">
          @for (option of types; track option) {
            <mat-option [value]="option">{{ labels[option] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <app-treatment-form [treatment]="draft()" [timeZone]="data.timeZone" i18n-action action="Add entry" i18n-formLabel formLabel="New entry" (submitted)="save($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="dialog.close()" [disabled]="form().busy()" i18n>Cancel</button>
    </mat-dialog-actions>
  `,
  styles: `
    .type { display: block; max-width: 20rem; }
  `,
})
export class AddEntryDialog {
  protected readonly data = inject<AddEntryData>(MAT_DIALOG_DATA);
  protected readonly dialog = inject<MatDialogRef<AddEntryDialog, Treatment>>(MatDialogRef);
  private readonly api = inject(TreatmentsApi);
  protected readonly form = viewChild.required(TreatmentForm);
  protected readonly types = ADDED_TYPES;
  protected readonly labels = TREATMENT_TYPE_LABELS;
  protected readonly type = signal<TreatmentType>('activity');
  protected readonly draft = computed(() => draftTreatment(this.type(), this.data.takenAt));

  protected async save(edited: Parameters<typeof newTreatmentBody>[1]): Promise<void> {
    try {
      const added = await this.api.add(newTreatmentBody(this.type(), edited));
      this.form().saved();
      this.dialog.close(added);
    } catch (error) {
      this.form().failed(error);
    }
  }
}
