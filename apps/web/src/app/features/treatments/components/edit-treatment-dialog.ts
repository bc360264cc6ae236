import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { Treatment } from '@glucodiary/contracts';
import { treatmentChanges, type EditedTreatment } from '../data-access/treatment-changes';
import { TreatmentsApi } from '../data-access/treatments.api';
import { TREATMENT_TYPE_NAMES } from './treatment-text';
import { TreatmentForm } from './treatment-form';

export interface EditTreatmentData {
  treatment: Treatment;
  timeZone: string;
}

/** The saved treatment, or `gone` when it had been deleted elsewhere; undefined when cancelled or unchanged. */
export type EditTreatmentOutcome = Treatment | 'gone';

@Component({
  selector: 'app-edit-treatment-dialog',
  imports: [MatDialogModule, MatButtonModule, TreatmentForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <mat-dialog-content>
      <app-treatment-form [treatment]="data.treatment" [timeZone]="data.timeZone" (submitted)="save($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="cancel()" [disabled]="form().busy()" i18n>Cancel</button>
    </mat-dialog-actions>
  `,
})
export class EditTreatmentDialog {
  protected readonly data = inject<EditTreatmentData>(MAT_DIALOG_DATA);
  protected readonly title = $localize`Edit ${TREATMENT_TYPE_NAMES[this.data.treatment.type]}:entry:`;
  private readonly dialog = inject<MatDialogRef<EditTreatmentDialog, EditTreatmentOutcome>>(MatDialogRef);
  private readonly api = inject(TreatmentsApi);
  protected readonly form = viewChild.required(TreatmentForm);
  private readonly document = inject(DOCUMENT);

  constructor() {
    // Escape and a click outside come here rather than closing at once: see `cancel`.
    this.dialog.disableClose = true;
    this.dialog.backdropClick().subscribe(() => this.cancel());
    this.dialog.keydownEvents().subscribe((event) => event.key === 'Escape' && this.cancel());
  }

  /** Closes without saving; asks first when something was changed, and waits while a save is on its way. */
  protected cancel(): void {
    if (this.form().busy()) return;
    if (this.form().hasChanges() && !this.document.defaultView?.confirm($localize`Discard your changes to this entry?`)) return;
    this.dialog.close();
  }

  protected async save(edited: EditedTreatment): Promise<void> {
    const changes = treatmentChanges(this.data.treatment, edited, this.data.timeZone);
    // Nothing changed: the API would refuse an empty change, and there is nothing to store.
    if (Object.keys(changes).length === 0) {
      this.form().saved();
      this.dialog.close();
      return;
    }
    try {
      const updated = await this.api.update(this.data.treatment.id, changes);
      this.form().saved();
      this.dialog.close(updated);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        this.dialog.close('gone');
        return;
      }
      this.form().failed(error);
    }
  }
}
