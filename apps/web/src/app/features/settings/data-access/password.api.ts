import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChangePasswordBody } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class PasswordApi {
  private readonly http = inject(HttpClient);

  /** Also ends every other session of the account (the API's rule). */
  change(body: ChangePasswordBody): Promise<unknown> {
    return firstValueFrom(this.http.post('/api/auth/password', body));
  }
}
