import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ApiError, ExportFormat, ImportChoices, ImportPreview, ImportProgress, ImportResult } from '@glucodiary/contracts';
import { catchError, firstValueFrom, lastValueFrom, of, type Observable } from 'rxjs';
import { withJsonErrorBody } from '../../../core/api/api-error';

const errorCode = (error: unknown) => (error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null)?.code : undefined);

/** The server no longer keeps the upload (committed, cancelled, or older than an hour): upload the file again. */
export const isUploadGone = (error: unknown) => errorCode(error) === 'UPLOAD_GONE';

/** The commit was cancelled: nothing of it was stored. */
export const isImportCancelled = (error: unknown) => errorCode(error) === 'IMPORT_CANCELLED';

const uploadUrl = (uploadId: string) => `/api/readings/import/${encodeURIComponent(uploadId)}`;

/**
 * Import of a file in steps: upload it once (the server keeps it for an hour), preview it again by
 * its upload id with other choices, commit it while asking how far it has come, or cancel it.
 * And the download of the diary.
 */
@Injectable({ providedIn: 'root' })
export class TransferApi {
  private readonly http = inject(HttpClient);

  /** Uploads the file and previews it; the answer's `uploadId` names the kept file from then on. */
  upload(file: File, choices: ImportChoices): Promise<ImportPreview> {
    const form = new FormData();
    // The server reads the fields before the file, so they go first.
    if (choices.format) form.append('format', choices.format);
    if (choices.mapping) form.append('mapping', JSON.stringify(choices.mapping));
    if (choices.dateOrder) form.append('dateOrder', choices.dateOrder);
    form.append('file', file, file.name);
    return firstValueFrom(this.http.post<ImportPreview>('/api/readings/import', form, { params: { mode: 'preview' } }));
  }

  /** Previews the kept file again with other choices, without sending it again. */
  preview(uploadId: string, choices: ImportChoices): Promise<ImportPreview> {
    return firstValueFrom(this.http.post<ImportPreview>(`${uploadUrl(uploadId)}/preview`, choices));
  }

  /** Stores the kept file's new readings; send the choices of its last preview, so the server need not read it again. */
  commit(uploadId: string, choices: ImportChoices): Promise<ImportResult> {
    return firstValueFrom(this.http.post<ImportResult>(`${uploadUrl(uploadId)}/commit`, choices));
  }

  /**
   * How far the running commit has come; null while none runs (not started yet, or finished).
   * Any failure is null as well: the commit's own answer is what counts.
   */
  progress(uploadId: string): Observable<ImportProgress | null> {
    return this.http.get<ImportProgress>(`${uploadUrl(uploadId)}/progress`).pipe(catchError(() => of(null)));
  }

  /** Cancels the running commit (nothing of it stays) and forgets the kept file. */
  cancel(uploadId: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(uploadUrl(uploadId)));
  }

  /** Downloads the diary's readings (the JSON holds its treatments too). */
  export(format: ExportFormat): Promise<{ blob: Blob; filename: string }> {
    return this.download('/api/readings/export', { format }, `glucodiary-readings.${format}`);
  }

  /** Downloads the diary's treatments as CSV. */
  exportTreatments(): Promise<{ blob: Blob; filename: string }> {
    return this.download('/api/treatments/export', {}, 'glucodiary-treatments.csv');
  }

  /** The file name comes from the server's Content-Disposition. */
  private async download(url: string, params: Record<string, string>, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
    const response = await lastValueFrom(this.http.get(url, { params, responseType: 'blob', observe: 'response' })).catch(async (error: unknown) => {
      throw await withJsonErrorBody(error);
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    return { blob: response.body ?? new Blob(), filename };
  }
}
