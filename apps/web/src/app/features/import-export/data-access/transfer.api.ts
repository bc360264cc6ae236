import { HttpClient, HttpEventType, HttpParams, HttpRequest, type HttpEvent, type HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChosenDateOrder, ColumnMapping, ExportFormat, ImportFormat, ImportMode, ImportPreview, ImportResult } from '@glucodiary/contracts';
import { filter, lastValueFrom, map, tap } from 'rxjs';
import { withJsonErrorBody } from '../../../core/api/api-error';

export type ImportAnswer<M extends ImportMode> = M extends 'preview' ? ImportPreview : ImportResult;

export interface ImportUpload<M extends ImportMode> {
  file: File;
  mode: M;
  /** `auto` lets the server recognise the file. */
  format: ImportFormat | 'auto';
  mapping: ColumnMapping | null;
  /** The order of day and month the person chose, for a file whose dates fit both; null lets the file decide. */
  dateOrder: ChosenDateOrder | null;
  /** Called with the share of the file sent so far, 0 to 1. */
  onProgress?: (share: number) => void;
}

/** Upload of a file to import (with upload progress) and download of the diary. */
@Injectable({ providedIn: 'root' })
export class TransferApi {
  private readonly http = inject(HttpClient);

  upload<M extends ImportMode>(upload: ImportUpload<M>): Promise<ImportAnswer<M>> {
    const form = new FormData();
    // The server reads the fields before the file, so they go first.
    if (upload.format !== 'auto') form.append('format', upload.format);
    if (upload.mapping) form.append('mapping', JSON.stringify(upload.mapping));
    if (upload.dateOrder) form.append('dateOrder', upload.dateOrder);
    form.append('file', upload.file, upload.file.name);
    const request = new HttpRequest('POST', '/api/readings/import', form, {
      params: new HttpParams().set('mode', upload.mode),
      reportProgress: true,
    });
    return lastValueFrom(
      this.http.request<ImportAnswer<M>>(request).pipe(
        tap((event: HttpEvent<ImportAnswer<M>>) => {
          if (event.type === HttpEventType.UploadProgress && event.total) upload.onProgress?.(event.loaded / event.total);
        }),
        filter((event): event is HttpResponse<ImportAnswer<M>> => event.type === HttpEventType.Response),
        map((response) => response.body as ImportAnswer<M>),
      ),
    );
  }

  /** Downloads the diary; the file name comes from the server's Content-Disposition. */
  async export(format: ExportFormat): Promise<{ blob: Blob; filename: string }> {
    const response = await lastValueFrom(
      this.http.get('/api/readings/export', { params: { format }, responseType: 'blob', observe: 'response' }),
    ).catch(async (error: unknown) => {
      throw await withJsonErrorBody(error);
    });
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `glucodiary-readings.${format}`;
    return { blob: response.body ?? new Blob(), filename };
  }
}
