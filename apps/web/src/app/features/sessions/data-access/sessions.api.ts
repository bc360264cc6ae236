import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { SessionList } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<SessionList> {
    return firstValueFrom(this.http.get<SessionList>('/api/auth/sessions'));
  }

  revoke(id: string): Promise<unknown> {
    return firstValueFrom(this.http.delete(`/api/auth/sessions/${encodeURIComponent(id)}`));
  }

  signOutEverywhere(): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/auth/logout-all', null));
  }
}
