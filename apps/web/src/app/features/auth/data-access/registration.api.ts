import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ActivateBody, ActivateResponse, RegisterAcceptedResponse, RegisterBody, RegisterResponse } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';

/**
 * What became of a registration: `created` (the server sends no mail: the account is active, sign
 * in), or `activation-sent` (the server answers alike for every address and mails a link).
 */
export type RegistrationOutcome = 'created' | 'activation-sent';

@Injectable({ providedIn: 'root' })
export class RegistrationApi {
  private readonly http = inject(HttpClient);

  async register(body: RegisterBody): Promise<RegistrationOutcome> {
    const response = await firstValueFrom(
      this.http.post<RegisterResponse | RegisterAcceptedResponse>('/api/auth/register', body, { observe: 'response' }),
    );
    return response.status === 202 ? 'activation-sent' : 'created';
  }

  /** Activates the account of an activation link's token; a 400 ACTIVATION_LINK_INVALID when it does not work. */
  activate(token: string): Promise<ActivateResponse> {
    const body: ActivateBody = { token };
    return firstValueFrom(this.http.post<ActivateResponse>('/api/auth/activate', body));
  }
}
