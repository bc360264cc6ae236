import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { UpdateProfileBody, UserProfile } from '@glucodiary/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore } from '../auth/auth.store';

@Injectable({ providedIn: 'root' })
export class ProfileApi {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  /** Saves the changes and makes every page show the new unit, range and time zone at once. */
  async update(changes: UpdateProfileBody): Promise<UserProfile> {
    const profile = await firstValueFrom(this.http.patch<UserProfile>('/api/me', changes));
    this.auth.profileChanged(profile);
    return profile;
  }
}
