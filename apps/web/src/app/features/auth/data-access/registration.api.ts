import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ActivateBody, ActivateResponse, RegisterAcceptedResponse, RegisterBody, RegisterResponse } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../../../core/auth/auth.store';

/**
 * What became of a registration: `signed-in` (the server sends no mail: the account is active and
 * this browser signed in to it), or `activation-sent` (the server answers alike for every address
 * and mails a link).
 */
export type RegistrationOutcome = 'signed-in' | 'activation-sent';

@Injectable({ providedIn: 'root' })
export class RegistrationApi {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  async register(body: RegisterBody): Promise<RegistrationOutcome> {
    const response = await firstValueFrom(
      this.http.post<RegisterResponse | RegisterAcceptedResponse>('/api/auth/register', body, { observe: 'response' }),
    );
    if (response.status === 202) return 'activation-sent';
    // A 201 is the answer of a sign-in: the new account's session, its refresh token in a cookie.
    this.auth.signedIn(response.body as RegisterResponse);
    return 'signed-in';
  }

  /** Activates the account of an activation link's token (answering its address); a 400 ACTIVATION_LINK_INVALID when it does not work. */
  activate(token: string): Promise<ActivateResponse> {
    const body: ActivateBody = { token };
    return firstValueFrom(this.http.post<ActivateResponse>('/api/auth/activate', body));
  }
}
