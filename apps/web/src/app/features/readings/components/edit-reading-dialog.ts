import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import type { CreateReadingBody, Reading } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { readingChanges } from '../data-access/reading-changes';
import { ReadingsApi } from '../data-access/readings.api';
import { ReadingForm } from './reading-form';

export interface EditReadingData {
  reading: Reading;
  timeZone: string;
}

/** The saved reading, or `gone` when it had been deleted elsewhere; undefined when cancelled. */
export type EditOutcome = Reading | 'gone';

@Component({
  selector: 'app-edit-reading-dialog',
  imports: [MatDialogModule, MatButtonModule, ReadingForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Edit reading</h2>
    <mat-dialog-content>
      <app-reading-form [unit]="data.reading.unit" [timeZone]="data.timeZone" [reading]="data.reading" (submitted)="save($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close [disabled]="saving()">Cancel</button>
    </mat-dialog-actions>
  `,
})
export class EditReadingDialog {
  protected readonly data = inject<EditReadingData>(MAT_DIALOG_DATA);
  private readonly dialog = inject<MatDialogRef<EditReadingDialog, EditOutcome>>(MatDialogRef);
  private readonly api = inject(ReadingsApi);
  private readonly form = viewChild.required(ReadingForm);
  protected readonly saving = signal(false);

  protected async save(body: CreateReadingBody): Promise<void> {
    // Cancel, Escape or a click outside while saving would drop the answer, and the list would show the old value.
    this.dialog.disableClose = true;
    this.saving.set(true);
    try {
      const updated = await this.api.update(this.data.reading.id, readingChanges(this.data.reading, body, this.data.timeZone));
      this.form().saved();
      this.dialog.close(updated);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) {
        this.dialog.close('gone');
        return;
      }
      this.form().failed(describeHttpError(error));
    } finally {
      this.dialog.disableClose = false;
      this.saving.set(false);
    }
  }
}
