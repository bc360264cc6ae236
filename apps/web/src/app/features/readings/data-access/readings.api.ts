import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CreateReadingBody, Reading, ReadingPage } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ReadingsApi {
  private readonly http = inject(HttpClient);

  list(cursor: string | null, limit = 50): Promise<ReadingPage> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<ReadingPage>('/api/readings', { params }));
  }

  add(body: CreateReadingBody): Promise<Reading> {
    return firstValueFrom(this.http.post<Reading>('/api/readings', body));
  }
}
