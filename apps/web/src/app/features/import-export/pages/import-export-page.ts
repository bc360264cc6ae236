import { ChangeDetectionStrategy, Component, computed, ElementRef, inject, LOCALE_ID, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { IMPORT_FORMAT_LABELS, IMPORT_FORMATS } from '@glucodiary/contracts';
import { AuthStore } from '../../../core/auth/auth.store';
import { ColumnMappingForm } from '../components/column-mapping-form';
import { count, pluralForm, type PluralForms } from '../../../shared/text/count-text';
import { READINGS, ROWS } from '../../../shared/text/nouns';
import { ExportReadings } from '../components/export-readings';
import { ImportCommitProgress } from '../components/import-commit-progress';
import { ImportDateOrder } from '../components/import-date-order';
import { ImportPreviewTable } from '../components/import-preview-table';
import { ImportReadingSources } from '../components/import-reading-sources';
import { ImportSkippedRows } from '../components/import-skipped-rows';
import { ImportUndo } from '../components/import-undo';
import { PastImports } from '../components/past-imports';
import { IMPORT_MAX_FILE_MB, ImportStore } from '../data-access/import.store';
import { PastImportsStore } from '../data-access/past-imports.store';

/** Import of CSV exports (a preview first, then the commit with its progress and undo), past imports, and download of the whole diary. */
@Component({
  selector: 'app-import-export-page',
  imports: [
    MatCardModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    MatProgressBarModule,
    ColumnMappingForm,
    ExportReadings,
    ImportCommitProgress,
    ImportDateOrder,
    ImportPreviewTable,
    ImportReadingSources,
    ImportSkippedRows,
    ImportUndo,
    PastImports,
  ],
  providers: [ImportStore, PastImportsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 i18n>Import and export</h1>

    <mat-card>
      <mat-card-content>
        <h2 i18n>Import readings</h2>
        <p class="hint" i18n>
          A CSV export from LibreView (FreeStyle Libre), Dexcom Clarity, GlucoDiary, or any other CSV whose columns you name, up to
          {{ maxMb }} MB. You see what will be imported before anything is saved; readings already in your diary are never added twice.
        </p>
        <div class="file">
          <label for="import-file" i18n>CSV file to import</label>
          <input #fileInput id="import-file" type="file" accept=".csv,.txt,text/csv,text/plain" (change)="choose($event)" [disabled]="busy()" />
        </div>

        @if (importer.file()) {
          <mat-form-field class="format">
            <mat-label i18n>File format</mat-label>
            <mat-select [value]="importer.format()" (selectionChange)="importer.changeFormat($event.value)" [disabled]="busy()">
              <mat-option value="auto" i18n>Detect automatically</mat-option>
              @for (option of formats; track option) {
                <mat-option [value]="option">{{ formatLabels[option] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        }

        @if (importer.step() === 'reading') {
          <mat-progress-bar mode="indeterminate" i18n-aria-label aria-label="Reading the file" />
          <p class="progress-text" i18n>Reading the file…</p>
        }
        @if (importer.error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }

        @if (importer.preview(); as preview) {
          <section i18n-aria-label aria-label="Preview">
            <p i18n>Format: <strong>{{ formatLabels[preview.format] }}</strong></p>
            @if (preview.format === 'generic') {
              <app-column-mapping-form
                [columns]="preview.columns"
                [suggestion]="preview.mapping"
                [unit]="unit()"
                [disabled]="busy()"
                (mapped)="importer.applyMapping($event)"
              />
            }
            @if (preview.needsMapping) {
              <p i18n>Name the columns above, then preview again.</p>
            } @else {
              <app-import-date-order [dateOrder]="preview.dateOrder" [disabled]="busy()" (chosen)="importer.chooseDateOrder($event)" />
            }
            @if (!preview.needsMapping && preview.dateOrder.needsChoice.length === 0) {
              <p class="summary" role="status">{{ previewSummary() }}</p>
              <app-import-reading-sources [bySource]="preview.bySource" [outOfRange]="preview.outOfRange" [treatments]="preview.treatments" />
              <app-import-skipped-rows [skippedByKind]="preview.skippedByKind" />
              <app-import-preview-table
                [readings]="preview.readings"
                [rejected]="preview.rejected"
                [rejectedCount]="preview.rejectedCount"
                [timeZone]="timeZone()"
              />
              <div class="actions">
                <button mat-flat-button type="button" (click)="commit()" [disabled]="busy() || importer.newReadings() === 0">
                  {{ importLabel() }}
                </button>
                <button mat-button type="button" (click)="reset()" [disabled]="busy()" i18n>Cancel</button>
              </div>
            }
          </section>
          <!-- Outside the preview region, whose one status is its summary; next to the Import button all the same. -->
          @if (importer.step() === 'committing') {
            <app-import-commit-progress [progress]="importer.progress()" [cancelling]="importer.cancelling()" (cancelImport)="importer.cancelCommit()" />
          }
          @if (importer.cancelled()) {
            <p class="cancelled" role="status" i18n>Import cancelled: nothing was stored.</p>
          }
        }

        @if (importer.result(); as result) {
          <p class="result" role="status">{{ resultMessage() }}</p>
          @if (result.imported > 0) {
            <app-import-undo [importId]="result.importId" [imported]="result.imported" />
          }
          <app-import-skipped-rows [skippedByKind]="result.skippedByKind" />
          @if (result.rejected.length > 0) {
            <app-import-preview-table [readings]="[]" [rejected]="result.rejected" [rejectedCount]="result.rejectedCount" />
          }
        }
      </mat-card-content>
    </mat-card>

    <mat-card>
      <mat-card-content>
        <app-past-imports />
      </mat-card-content>
    </mat-card>

    <mat-card>
      <mat-card-content>
        <app-export-readings />
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
    .summary, .result, .cancelled { font-weight: 600; }
    .progress-text { font-size: 0.85rem; margin: 0.25rem 0 0; }
  `,
})
export class ImportExportPage {
  private readonly auth = inject(AuthStore);
  private readonly fileInput = viewChild.required<ElementRef<HTMLInputElement>>('fileInput');

  protected readonly importer = inject(ImportStore);
  protected readonly formats = IMPORT_FORMATS;
  protected readonly formatLabels = { ...IMPORT_FORMAT_LABELS, glucodiary: $localize`GlucoDiary export`, generic: $localize`Other CSV (map the columns)` };
  protected readonly maxMb = IMPORT_MAX_FILE_MB;
  private readonly locale = inject(LOCALE_ID);
  protected readonly unit = this.auth.unit;
  protected readonly timeZone = this.auth.timeZone;
  protected readonly busy = this.importer.busy;

  protected readonly importLabel = computed(() => $localize`Import ${count(this.importer.newReadings(), READINGS, this.locale)}:readings:`);
  protected readonly previewSummary = computed(() => {
    const preview = this.importer.preview();
    if (!preview) return '';
    const counted = (n: number, forms: PluralForms) => count(n, forms, this.locale);
    const newReadings = { one: $localize`new reading`, other: $localize`new readings` };
    const parts = [
      $localize`${counted(preview.totalRows, ROWS)}:rows: read`,
      $localize`${counted(this.importer.newReadings(), newReadings)}:readings: to import`,
      ...(preview.duplicates > 0 ? [$localize`${counted(preview.duplicates, READINGS)}:readings: already in your diary`] : []),
      ...(preview.rejectedCount > 0 ? [$localize`${counted(preview.rejectedCount, ROWS)}:rows: rejected`] : []),
      ...(preview.skipped > 0 ? [$localize`${counted(preview.skipped, ROWS)}:rows: skipped (not glucose readings)`] : []),
    ];
    return `${parts.join(', ')}.`;
  });
  protected readonly resultMessage = computed(() => {
    const result = this.importer.result();
    if (!result) return '';
    const counted = (n: number, forms: PluralForms) => count(n, forms, this.locale);
    const treatments = { one: $localize`treatment`, other: $localize`treatments` };
    const parts = [$localize`Imported ${counted(result.imported, READINGS)}:readings: into your diary.`];
    if (result.duplicates > 0) {
      const readings = counted(result.duplicates, READINGS);
      parts.push(pluralForm(result.duplicates, { one: $localize`${readings}:readings: was already there.`, other: $localize`${readings}:readings: were already there.` }));
    }
    if (result.treatments.imported > 0) parts.push($localize`Also imported ${counted(result.treatments.imported, treatments)}:treatments: (insulin, carbohydrates, notes).`);
    if (result.rejectedCount > 0) parts.push($localize`${counted(result.rejectedCount, ROWS)}:rows: could not be imported.`);
    return parts.join(' ');
  });

  protected choose(event: Event): void {
    this.importer.choose((event.target as HTMLInputElement).files?.[0] ?? null);
  }

  protected async commit(): Promise<void> {
    // The same file can then be chosen again (to see that nothing is added twice).
    if (await this.importer.commit()) this.clearFileInput();
  }

  protected reset(): void {
    this.importer.reset();
    this.clearFileInput();
  }

  private clearFileInput(): void {
    this.fileInput().nativeElement.value = '';
  }
}
