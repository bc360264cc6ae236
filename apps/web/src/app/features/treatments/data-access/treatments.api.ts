import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { IDEMPOTENCY_KEY_HEADER, type CreateTreatmentBody, type Treatment, type TreatmentPage, type TreatmentType, type UpdateTreatmentBody } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { newIdempotencyKey } from '../../../core/outbox/idempotency-key';

export interface TreatmentQuery {
  from?: Date;
  to?: Date;
  type?: TreatmentType;
  cursor?: string | null;
  limit?: number;
}

/** Insulin, carbs and the day's other events, as the API stores them. */
@Injectable({ providedIn: 'root' })
export class TreatmentsApi {
  private readonly http = inject(HttpClient);

  /** Newest first, one page; `nextCursor` continues it. */
  list(query: TreatmentQuery = {}): Promise<TreatmentPage> {
    let params = new HttpParams();
    if (query.from) params = params.set('from', query.from.toISOString());
    if (query.to) params = params.set('to', query.to.toISOString());
    if (query.type) params = params.set('type', query.type);
    if (query.cursor) params = params.set('cursor', query.cursor);
    if (query.limit) params = params.set('limit', query.limit);
    return firstValueFrom(this.http.get<TreatmentPage>('/api/treatments', { params }));
  }

  /** The key names this new entry: sent again after a lost answer, it is stored once. */
  add(body: CreateTreatmentBody, idempotencyKey = newIdempotencyKey()): Promise<Treatment> {
    return firstValueFrom(this.http.post<Treatment>('/api/treatments', body, { headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey } }));
  }

  /** Any subset of the fields; null clears an optional one. */
  update(id: string, changes: UpdateTreatmentBody): Promise<Treatment> {
    return firstValueFrom(this.http.patch<Treatment>(`/api/treatments/${encodeURIComponent(id)}`, changes));
  }

  /** Answers the deleted treatment, which is what undo adds back. */
  delete(id: string): Promise<Treatment> {
    return firstValueFrom(this.http.delete<Treatment>(`/api/treatments/${encodeURIComponent(id)}`));
  }
}
