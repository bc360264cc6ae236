import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, inject, viewChild } from '@angular/core';
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
    <h2 mat-dialog-title i18n>Edit reading</h2>
    <mat-dialog-content>
      <app-reading-form [unit]="data.reading.unit" [timeZone]="data.timeZone" [reading]="data.reading" (submitted)="save($event)" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="cancel()" [disabled]="form().busy()" i18n>Cancel</button>
    </mat-dialog-actions>
  `,
})
export class EditReadingDialog {
  protected readonly data = inject<EditReadingData>(MAT_DIALOG_DATA);
  private readonly dialog = inject<MatDialogRef<EditReadingDialog, EditOutcome>>(MatDialogRef);
  private readonly api = inject(ReadingsApi);
  protected readonly form = viewChild.required(ReadingForm);
  private readonly document = inject(DOCUMENT);

  constructor() {
    // Escape and a click outside come here rather than closing at once: see `cancel`.
    this.dialog.disableClose = true;
    this.dialog.backdropClick().subscribe(() => this.cancel());
    this.dialog.keydownEvents().subscribe((event) => event.key === 'Escape' && this.cancel());
  }

  /**
   * Closes without saving; asks first when something was changed, and waits while a save is on
   * its way (closing then would drop its answer, and the list would show the old value).
   */
  protected cancel(): void {
    if (this.form().busy()) return;
    if (this.form().hasChanges() && !this.document.defaultView?.confirm($localize`Discard your changes to this reading?`)) return;
    this.dialog.close();
  }

  protected async save(body: CreateReadingBody): Promise<void> {
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
    }
  }
}
