import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ImportList, ImportRecord } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

const recordUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}`;

/** Past imports: listed, their readings removed as one, and a removal undone (for a week). */
@Injectable({ providedIn: 'root' })
export class ImportRecordsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<ImportList> {
    return firstValueFrom(this.http.get<ImportList>('/api/imports'));
  }

  /** Removes the import's readings from the diary; answers the import as it now stands. */
  remove(id: string): Promise<ImportRecord> {
    return firstValueFrom(this.http.delete<ImportRecord>(recordUrl(id)));
  }

  /** Puts a removed import's readings back. */
  restore(id: string): Promise<ImportRecord> {
    return firstValueFrom(this.http.post<ImportRecord>(`${recordUrl(id)}/restore`, null));
  }
}
