import { ChangeDetectionStrategy, Component, inject, OnInit, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CreateReadingBody, Reading } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { EditReadingDialog, type EditReadingData } from '../components/edit-reading-dialog';
import { ReadingFilterForm } from '../components/reading-filter';
import { ReadingForm } from '../components/reading-form';
import { ReadingList } from '../components/reading-list';
import { NO_FILTER, type ReadingFilter } from '../data-access/readings.api';
import { ReadingsStore } from '../data-access/readings.store';

@Component({
  selector: 'app-readings-page',
  imports: [ReadingForm, ReadingList, ReadingFilterForm, MatCardModule, MatButtonModule, MatProgressBarModule],
  providers: [ReadingsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title">Your readings</h1>
    <mat-card>
      <mat-card-content>
        <app-reading-form [unit]="unit()" [timeZone]="timeZone()" (submitted)="add($event)" />
      </mat-card-content>
    </mat-card>
    <app-reading-filter [timeZone]="timeZone()" (changed)="filter($event)" />
    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading readings" />
    }
    @if (store.error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <app-reading-list [readings]="store.readings()" [profile]="auth.user()" (edit)="edit($event)" (remove)="remove($event)" />
    @if (store.hasMore()) {
      <button mat-stroked-button type="button" (click)="store.loadMore()" [disabled]="store.loading()">Show older readings</button>
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 1rem; }
  `,
})
export class ReadingsPage implements OnInit {
  protected readonly store = inject(ReadingsStore);
  protected readonly auth = inject(AuthStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly unit = this.auth.unit;
  protected readonly timeZone = this.auth.timeZone;
  private readonly form = viewChild.required(ReadingForm);

  ngOnInit(): void {
    void this.store.applyFilter(NO_FILTER);
  }

  protected async add(body: CreateReadingBody): Promise<void> {
    try {
      await this.store.add(body);
      this.form().saved();
    } catch (error) {
      this.form().failed(describeHttpError(error));
    }
  }

  protected filter(filter: ReadingFilter): void {
    void this.store.applyFilter(filter);
  }

  protected edit(reading: Reading): void {
    this.dialog
      .open<EditReadingDialog, EditReadingData, Reading>(EditReadingDialog, { data: { reading, timeZone: this.timeZone() }, maxWidth: '40rem' })
      .afterClosed()
      .subscribe((updated) => updated && this.store.replaced(updated));
  }

  /** Deleting is one tap; the snack bar offers to undo it for a few seconds. */
  protected async remove(reading: Reading): Promise<void> {
    try {
      const restore = await this.store.remove(reading);
      this.snackBar
        .open('Reading deleted.', 'Undo', { duration: 8000 })
        .onAction()
        .subscribe(() => {
          this.store.add(restore).catch((error: unknown) => this.store.error.set(describeHttpError(error)));
        });
    } catch (error) {
      this.store.error.set(describeHttpError(error));
    }
  }
}
