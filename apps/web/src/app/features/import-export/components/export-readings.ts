import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ExportFormat } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { saveFile } from '../../../shared/download/save-file';
import { TransferApi } from '../data-access/transfer.api';

/** Download of the whole diary: readings as CSV (which can be imported again) or JSON, treatments as CSV. */
@Component({
  selector: 'app-export-readings',
  imports: [GlucoseUnitPipe, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 i18n>Export readings</h2>
    <p class="hint" i18n>
      All your readings, in your unit ({{ unit() | glucoseUnit }}) and time zone. The CSV file can be imported again; the JSON file holds your
      treatments too.
    </p>
    <div class="actions">
      <button mat-stroked-button type="button" (click)="download('csv')" [disabled]="exporting()" i18n>Download CSV</button>
      <button mat-stroked-button type="button" (click)="download('json')" [disabled]="exporting()" i18n>Download JSON</button>
      <button mat-stroked-button type="button" (click)="download('treatments')" [disabled]="exporting()" i18n>Download treatments (CSV)</button>
    </div>
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
  `,
  styles: `
    h2 { margin-top: 0; font-size: 1.25rem; }
    .hint { color: var(--mat-sys-on-surface-variant, #555); }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .error { color: var(--mat-sys-error, #b00020); }
  `,
})
export class ExportReadings {
  private readonly api = inject(TransferApi);
  protected readonly unit = inject(AuthStore).unit;
  protected readonly exporting = signal(false);
  protected readonly error = signal<string | null>(null);

  /** The readings as CSV or JSON, or the insulin, carbs and other entries as CSV. */
  protected async download(what: ExportFormat | 'treatments'): Promise<void> {
    this.exporting.set(true);
    this.error.set(null);
    try {
      const { blob, filename } = await (what === 'treatments' ? this.api.exportTreatments() : this.api.export(what));
      saveFile(blob, filename);
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.exporting.set(false);
    }
  }
}
