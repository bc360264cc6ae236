import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { IDEMPOTENCY_KEY_HEADER, type CreateReadingBody, type MealContext, type Reading, type ReadingPage, type UpdateReadingBody } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { newIdempotencyKey } from '../../../core/outbox/idempotency-key';

export interface ReadingFilter {
  context: MealContext | null;
  from: Date | null;
  to: Date | null;
}

export const NO_FILTER: ReadingFilter = { context: null, from: null, to: null };

@Injectable({ providedIn: 'root' })
export class ReadingsApi {
  private readonly http = inject(HttpClient);

  list(cursor: string | null, filter: ReadingFilter = NO_FILTER, limit = 50): Promise<ReadingPage> {
    let params = new HttpParams().set('limit', limit);
    if (cursor) params = params.set('cursor', cursor);
    if (filter.context) params = params.set('context', filter.context);
    if (filter.from) params = params.set('from', filter.from.toISOString());
    if (filter.to) params = params.set('to', filter.to.toISOString());
    return firstValueFrom(this.http.get<ReadingPage>('/api/readings', { params }));
  }

  /** The key names this new entry: sent again after a lost answer, it is stored once. */
  add(body: CreateReadingBody, idempotencyKey = newIdempotencyKey()): Promise<Reading> {
    return firstValueFrom(this.http.post<Reading>('/api/readings', body, { headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey } }));
  }

  update(id: string, changes: UpdateReadingBody): Promise<Reading> {
    return firstValueFrom(this.http.patch<Reading>(`/api/readings/${encodeURIComponent(id)}`, changes));
  }

  delete(id: string): Promise<Reading> {
    return firstValueFrom(this.http.delete<Reading>(`/api/readings/${encodeURIComponent(id)}`));
  }
}
