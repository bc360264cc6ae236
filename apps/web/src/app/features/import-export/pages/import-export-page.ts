import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  IMPORT_FORMAT_LABELS,
  IMPORT_FORMATS,
  IMPORT_MAX_FILE_BYTES,
  type ChosenDateOrder,
  type ColumnMapping,
  type ExportFormat,
  type ImportFormat,
  type ImportMode,
  type ImportPreview,
  type ImportResult,
} from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { saveFile } from '../../../shared/download/save-file';
import { ColumnMappingForm } from '../components/column-mapping-form';
import { ImportDateOrder } from '../components/import-date-order';
import { ImportPreviewTable } from '../components/import-preview-table';
import { ImportSkippedRows } from '../components/import-skipped-rows';
import { TransferApi, type ImportAnswer } from '../data-access/transfer.api';

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Import of CSV exports (with a preview first) and download of the whole diary. */
@Component({
  selector: 'app-import-export-page',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    ColumnMappingForm,
    ImportDateOrder,
    ImportPreviewTable,
    ImportSkippedRows,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Import and export</h1>

    <mat-card>
      <mat-card-content>
        <h2>Import readings</h2>
        <p class="hint">
          A CSV export from LibreView (FreeStyle Libre), Dexcom Clarity, GlucoDiary, or any other CSV whose columns you name, up to
          {{ maxMb }} MB. You see what will be imported before anything is saved; readings already in your diary are never added twice.
        </p>
        <div class="file">
          <label for="import-file">CSV file to import</label>
          <input #fileInput id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain" (change)="choose($event)" [disabled]="busy()" />
        </div>

        @if (file()) {
          <mat-form-field class="format">
            <mat-label>File format</mat-label>
            <mat-select [value]="format()" (selectionChange)="changeFormat($event.value)" [disabled]="busy()">
              <mat-option value="auto">Detect automatically</mat-option>
              @for (option of formats; track option) {
                <mat-option [value]="option">{{ formatLabels[option] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }

        @let sent = progress();
        @if (sent !== null) {
          @if (sent === 'unknown') {
            <mat-progress-bar mode="indeterminate" aria-label="Upload progress" />
          } @else {
            <mat-progress-bar mode="determinate" [value]="sent" aria-label="Upload progress" />
          }
          <p class="progress-text">{{ progressText() }}</p>
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }

        @if (preview(); as preview) {
          <section aria-label="Preview">
            <p>Format: <strong>{{ formatLabels[preview.format] }}</strong></p>
            @if (preview.format === 'generic') {
              <app-column-mapping-form
                [columns]="preview.columns"
                [suggestion]="preview.mapping"
                [unit]="unit()"
                [disabled]="busy()"
                (mapped)="applyMapping($event)"
              />
            }
            @if (preview.needsMapping) {
              <p>Name the columns above, then preview again.</p>
            } @else {
              <app-import-date-order [dateOrder]="preview.dateOrder" [disabled]="busy()" (chosen)="chooseDateOrder($event)" />
            }
            @if (!preview.needsMapping && preview.dateOrder.needsChoice.length === 0) {
              <p class="summary" role="status">{{ previewSummary() }}</p>
              <app-import-skipped-rows [skippedByKind]="preview.skippedByKind" [outOfRange]="preview.outOfRange" />
              <app-import-preview-table
                [readings]="preview.readings"
                [rejected]="preview.rejected"
                [rejectedCount]="preview.rejectedCount"
                [timeZone]="timeZone()"
              />
              <div class="actions">
                <button mat-flat-button type="button" (click)="commit()" [disabled]="busy() || newReadings() === 0">
                  Import {{ count(newReadings(), 'reading') }}
                </button>
                <button mat-button type="button" (click)="reset()" [disabled]="busy()">Cancel</button>
              </div>
            }
          </section>
        }

        @if (result(); as result) {
          <p class="result" role="status">{{ resultMessage() }}</p>
          <app-import-skipped-rows [skippedByKind]="result.skippedByKind" [outOfRange]="result.outOfRange" />
          @if (result.rejected.length > 0) {
            <app-import-preview-table [readings]="[]" [rejected]="result.rejected" [rejectedCount]="result.rejectedCount" />
          }
        }
      </mat-card-content>
    </mat-card>

    <mat-card>
      <mat-card-content>
        <h2>Export readings</h2>
        <p class="hint">All your readings, in your unit ({{ unit() }}) and time zone. The CSV file can be imported again.</p>
        <div class="actions">
          <button mat-stroked-button type="button" (click)="download('csv')" [disabled]="exporting()">Download CSV</button>
          <button mat-stroked-button type="button" (click)="download('json')" [disabled]="exporting()">Download JSON</button>
        </div>
        @if (exportError(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 1rem; }
    h2 { margin-top: 0; font-size: 1.25rem; }
    .hint { color: var(--mat-sys-on-surface-variant, #555); }
    .file { display: flex; flex-direction: column; gap: 0.25rem; margin-bottom: 1rem; }
    .file label { font-weight: 600; }
    .format { width: 100%; max-width: 360px; }
    .actions { display: flex; gap: 0.5rem; flex-wrap: wrap; }
    .error { color: var(--mat-sys-error, #b00020); }
    .summary, .result { font-weight: 600; }
    .progress-text { font-size: 0.85rem; margin: 0.25rem 0 0; }
  `,
})
export class ImportExportPage {
  private readonly api = inject(TransferApi);
  private readonly auth = inject(AuthStore);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly formats = IMPORT_FORMATS;
  protected readonly formatLabels = IMPORT_FORMAT_LABELS;
  protected readonly maxMb = IMPORT_MAX_FILE_BYTES / (1024 * 1024);
  protected readonly count = count;
  protected readonly unit = this.auth.unit;
  protected readonly timeZone = this.auth.timeZone;

  protected readonly file = signal<File | null>(null);
  protected readonly format = signal<ImportFormat | 'auto'>('auto');
  private readonly mapping = signal<ColumnMapping | null>(null);
  /** Asked only when the file's dates fit both orders. */
  private readonly dateOrder = signal<ChosenDateOrder | null>(null);
  protected readonly preview = signal<ImportPreview | null>(null);
  protected readonly result = signal<ImportResult | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** Percent of the file sent; 'unknown' while the browser reports no progress (fetch cannot), null when idle. */
  protected readonly progress = signal<number | 'unknown' | null>(null);
  private readonly uploading = signal<ImportMode>('preview');
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<string | null>(null);

  protected readonly newReadings = computed(() => {
    const preview = this.preview();
    return preview ? preview.accepted - preview.duplicates : 0;
  });
  protected readonly progressText = computed(() => {
    const progress = this.progress();
    const action = this.uploading() === 'commit' ? 'Importing' : 'Reading the file';
    if (typeof progress !== 'number') return `${action}: sending it and reading it…`;
    return progress < 100 ? `${action}: ${Math.round(progress)}% sent` : `${action}: processing…`;
  });
  protected readonly previewSummary = computed(() => {
    const preview = this.preview();
    if (!preview) return '';
    const parts = [
      `${count(preview.totalRows, 'row')} read`,
      `${count(this.newReadings(), 'new reading')} to import`,
      ...(preview.duplicates > 0 ? [`${count(preview.duplicates, 'reading')} already in your diary`] : []),
      ...(preview.rejectedCount > 0 ? [`${count(preview.rejectedCount, 'row')} rejected`] : []),
      ...(preview.skipped > 0 ? [`${count(preview.skipped, 'row')} skipped (not glucose readings)`] : []),
    ];
    return `${parts.join(', ')}.`;
  });
  protected readonly resultMessage = computed(() => {
    const result = this.result();
    if (!result) return '';
    const parts = [`Imported ${count(result.imported, 'reading')} into your diary.`];
    if (result.duplicates > 0) parts.push(`${count(result.duplicates, 'reading')} ${result.duplicates === 1 ? 'was' : 'were'} already there.`);
    if (result.rejectedCount > 0) parts.push(`${count(result.rejectedCount, 'row')} could not be imported.`);
    return parts.join(' ');
  });

  protected choose(event: Event): void {
    const file = (event.target as HTMLInputElement).files?.[0] ?? null;
    this.format.set('auto');
    this.mapping.set(null);
    this.dateOrder.set(null);
    this.result.set(null);
    this.preview.set(null);
    this.error.set(null);
    // A file too large is not kept: choosing a format afterwards must not upload it anyway.
    if (file && file.size > IMPORT_MAX_FILE_BYTES) {
      this.file.set(null);
      this.error.set(`The file is larger than ${this.maxMb} MB; split it into smaller files (e.g. by year).`);
      return;
    }
    this.file.set(file);
    if (!file) return;
    void this.runPreview();
  }

  protected changeFormat(format: ImportFormat | 'auto'): void {
    this.format.set(format);
    this.mapping.set(null);
    this.dateOrder.set(null);
    void this.runPreview();
  }

  protected chooseDateOrder(order: ChosenDateOrder): void {
    this.dateOrder.set(order);
    void this.runPreview();
  }

  protected applyMapping(mapping: ColumnMapping): void {
    this.mapping.set(mapping);
    void this.runPreview();
  }

  protected async commit(): Promise<void> {
    const answer = await this.send('commit');
    if (!answer) return;
    this.result.set(answer);
    this.preview.set(null);
    this.file.set(null);
    // The same file can be chosen again (to see that nothing is added twice).
    this.fileInput().nativeElement.value = '';
  }

  protected reset(): void {
    this.preview.set(null);
    this.file.set(null);
    this.error.set(null);
    this.fileInput().nativeElement.value = '';
  }

  protected async download(format: ExportFormat): Promise<void> {
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      const { blob, filename } = await this.api.export(format);
      saveFile(blob, filename);
    } catch (error) {
      this.exportError.set(describeHttpError(error));
    } finally {
      this.exporting.set(false);
    }
  }

  private async runPreview(): Promise<void> {
    const answer = await this.send('preview');
    if (answer) this.preview.set(answer);
  }

  private async send<M extends ImportMode>(mode: M): Promise<ImportAnswer<M> | null> {
    const file = this.file();
    if (!file) return null;
    // The format the server recognised stays chosen, so a mapping applies to a generic CSV.
    const format = this.format() === 'auto' && this.mapping() ? 'generic' : this.format();
    this.busy.set(true);
    this.error.set(null);
    this.uploading.set(mode);
    this.progress.set('unknown');
    try {
      return await this.api.upload({
        file,
        mode,
        format,
        mapping: this.mapping(),
        dateOrder: this.dateOrder(),
        onProgress: (share) => this.progress.set(share * 100),
      });
    } catch (error) {
      this.error.set(describeHttpError(error));
      return null;
    } finally {
      this.busy.set(false);
      this.progress.set(null);
    }
  }
}
