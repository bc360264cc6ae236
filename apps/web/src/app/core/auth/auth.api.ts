import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { LoginBody, LoginResponse } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from './auth.store';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly store = inject(AuthStore);

  async signIn(body: LoginBody): Promise<void> {
    this.store.signedIn(await firstValueFrom(this.http.post<LoginResponse>('/api/auth/login', body)));
  }

  /** Ends the session on the server; this browser forgets it even when the server cannot be reached. */
  async signOut(): Promise<void> {
    try {
      await firstValueFrom(this.http.post('/api/auth/logout', null));
    } catch {
      // The token is dropped below either way; an unreachable server must not keep a user signed in here.
    } finally {
      this.store.signedOut();
    }
  }
}
