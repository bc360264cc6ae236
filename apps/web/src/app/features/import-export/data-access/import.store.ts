import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import {
  IMPORT_MAX_FILE_BYTES,
  type ChosenDateOrder,
  type ColumnMapping,
  type ImportChoices,
  type ImportFormat,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
} from '@glucodiary/contracts';
import { repeat, switchMap, timer } from 'rxjs';
import { describeHttpError } from '../../../core/api/api-error';
import { PastImportsStore } from './past-imports.store';
import { isImportCancelled, isUploadGone, TransferApi } from './transfer.api';

/** How long after each progress answer the next one is asked for, while a commit runs. */
export const IMPORT_PROGRESS_POLL_MS = new InjectionToken<number>('IMPORT_PROGRESS_POLL_MS', { providedIn: 'root', factory: () => 500 });

export const IMPORT_MAX_FILE_MB = IMPORT_MAX_FILE_BYTES / (1024 * 1024);

/** What the import is busy with: reading the file for a preview, or storing its readings. */
export type ImportStep = 'idle' | 'reading' | 'committing';

/**
 * The import, from the chosen file to its stored readings. The file is uploaded once: the server
 * keeps it under an upload id, and every later preview and the commit name that id. Only when
 * the server no longer keeps it (an hour later, or after a cancel) is the file sent again.
 */
@Injectable()
export class ImportStore {
  private readonly api = inject(TransferApi);
  private readonly pastImports = inject(PastImportsStore);
  private readonly pollMs = inject(IMPORT_PROGRESS_POLL_MS);
  /** The file as the server keeps it: null until it is uploaded, and once the server has let it go. */
  private uploadId: string | null = null;
  private readonly mapping = signal<ColumnMapping | null>(null);
  /** Asked only when the file's dates fit both orders. */
  private readonly dateOrder = signal<ChosenDateOrder | null>(null);

  readonly file = signal<File | null>(null);
  readonly format = signal<ImportFormat | 'auto'>('auto');
  readonly preview = signal<ImportPreview | null>(null);
  readonly result = signal<ImportResult | null>(null);
  readonly step = signal<ImportStep>('idle');
  readonly busy = computed(() => this.step() !== 'idle');
  /** The running commit's latest report; null until the server gives one. */
  readonly progress = signal<ImportProgress | null>(null);
  readonly cancelling = signal(false);
  /** The last commit was cancelled, and nothing of it stored. */
  readonly cancelled = signal(false);
  readonly error = signal<string | null>(null);
  readonly newReadings = computed(() => {
    const preview = this.preview();
    return preview ? preview.accepted - preview.duplicates : 0;
  });

  /** A new file, previewed with no choices made yet; null when the person chose none. */
  choose(file: File | null): void {
    this.letGoOfUpload();
    this.format.set('auto');
    this.mapping.set(null);
    this.dateOrder.set(null);
    this.result.set(null);
    this.preview.set(null);
    this.error.set(null);
    this.cancelled.set(false);
    // A file too large is not kept: choosing a format afterwards must not upload it anyway.
    if (file && file.size > IMPORT_MAX_FILE_BYTES) {
      this.file.set(null);
      this.error.set($localize`The file is larger than ${IMPORT_MAX_FILE_MB}:maxMb: MB; split it into smaller files (e.g. by year).`);
      return;
    }
    this.file.set(file);
    void this.runPreview();
  }

  changeFormat(format: ImportFormat | 'auto'): void {
    this.format.set(format);
    this.mapping.set(null);
    this.dateOrder.set(null);
    void this.runPreview();
  }

  chooseDateOrder(order: ChosenDateOrder): void {
    this.dateOrder.set(order);
    void this.runPreview();
  }

  applyMapping(mapping: ColumnMapping): void {
    this.mapping.set(mapping);
    void this.runPreview();
  }

  /** Stores the previewed file's new readings; true once they are stored. */
  async commit(): Promise<boolean> {
    const file = this.file();
    if (!file || this.busy()) return false;
    this.begin('committing');
    try {
      const result = await this.committed(file, this.choices());
      // The server lets go of a committed upload.
      this.uploadId = null;
      this.result.set(result);
      this.preview.set(null);
      this.file.set(null);
      this.pastImports.reload();
      return true;
    } catch (error) {
      if (!isImportCancelled(error)) {
        this.error.set(describeHttpError(error));
        return false;
      }
      // The cancel let go of the upload too; importing again uploads the file again.
      this.uploadId = null;
      this.cancelled.set(true);
      return false;
    } finally {
      this.step.set('idle');
      this.progress.set(null);
      this.cancelling.set(false);
    }
  }

  /** Stops the running commit; it then answers that it was cancelled, with nothing stored. */
  async cancelCommit(): Promise<void> {
    const uploadId = this.uploadId;
    if (this.step() !== 'committing' || !uploadId || this.cancelling()) return;
    this.cancelling.set(true);
    try {
      await this.api.cancel(uploadId);
    } catch (error) {
      this.error.set(describeHttpError(error));
      this.cancelling.set(false);
    }
  }

  /** Puts the previewed file aside without importing it. */
  reset(): void {
    this.letGoOfUpload();
    this.preview.set(null);
    this.file.set(null);
    this.error.set(null);
    this.cancelled.set(false);
  }

  private async runPreview(): Promise<void> {
    const file = this.file();
    if (!file) return;
    this.begin('reading');
    try {
      const preview = await this.previewed(file, this.choices());
      this.uploadId = preview.uploadId;
      this.preview.set(preview);
    } catch (error) {
      this.error.set(describeHttpError(error));
    } finally {
      this.step.set('idle');
    }
  }

  /** The preview with these choices: of the kept file, or of the file uploaded (again) when none is kept. */
  private async previewed(file: File, choices: ImportChoices): Promise<ImportPreview> {
    if (this.uploadId) {
      try {
        return await this.api.preview(this.uploadId, choices);
      } catch (error) {
        if (!isUploadGone(error)) throw error;
      }
    }
    return this.api.upload(file, choices);
  }

  /** The kept file committed; uploaded again first when the server no longer keeps it. */
  private async committed(file: File, choices: ImportChoices): Promise<ImportResult> {
    if (this.uploadId) {
      try {
        return await this.watched(this.uploadId, choices);
      } catch (error) {
        if (!isUploadGone(error)) throw error;
      }
    }
    this.uploadId = (await this.api.upload(file, choices)).uploadId;
    return this.watched(this.uploadId, choices);
  }

  /** Commits the upload, asking how far it has come until it answers. */
  private async watched(uploadId: string, choices: ImportChoices): Promise<ImportResult> {
    // Each question goes `pollMs` after the last answer, so slow answers never pile up.
    const polling = timer(this.pollMs)
      .pipe(
        switchMap(() => this.api.progress(uploadId)),
        repeat(),
      )
      .subscribe((progress) => {
        if (progress) this.progress.set(progress);
      });
    try {
      return await this.api.commit(uploadId, choices);
    } finally {
      polling.unsubscribe();
    }
  }

  /** What the person chose, as the server takes it with every preview and the commit. */
  private choices(): ImportChoices {
    const mapping = this.mapping();
    const dateOrder = this.dateOrder();
    // The format the server recognised stays chosen, so a mapping applies to a generic CSV.
    const chosen = this.format();
    const format = chosen !== 'auto' ? chosen : mapping ? 'generic' : undefined;
    return { ...(format && { format }), ...(mapping && { mapping }), ...(dateOrder && { dateOrder }) };
  }

  private begin(step: Exclude<ImportStep, 'idle'>): void {
    this.step.set(step);
    this.error.set(null);
    this.cancelled.set(false);
  }

  /** The server would keep the file for an hour; a person who put it aside expects it gone. */
  private letGoOfUpload(): void {
    if (!this.uploadId) return;
    void this.api.cancel(this.uploadId).catch(() => undefined);
    this.uploadId = null;
  }
}
