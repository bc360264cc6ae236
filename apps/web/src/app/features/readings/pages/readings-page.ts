import { ChangeDetectionStrategy, Component, computed, inject, OnInit, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { CreateReadingBody } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { ReadingForm } from '../components/reading-form';
import { ReadingList } from '../components/reading-list';
import { ReadingsStore } from '../data-access/readings.store';

@Component({
  selector: 'app-readings-page',
  imports: [ReadingForm, ReadingList, MatCardModule, MatButtonModule, MatProgressBarModule],
  providers: [ReadingsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Your readings</h1>
    <mat-card>
      <mat-card-content>
        <app-reading-form [unit]="unit()" (submitted)="add($event)" />
      </mat-card-content>
    </mat-card>
    @if (store.loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading readings" />
    }
    @if (store.error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    <app-reading-list [readings]="store.readings()" />
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
  private readonly auth = inject(AuthStore);
  protected readonly unit = computed(() => this.auth.user()?.preferredUnit ?? 'mg/dL');
  private readonly form = viewChild.required(ReadingForm);

  ngOnInit(): void {
    void this.store.loadFirstPage();
  }

  protected async add(body: CreateReadingBody): Promise<void> {
    try {
      await this.store.add(body);
      this.form().saved();
    } catch (error) {
      this.form().failed(describeHttpError(error));
    }
  }
}
