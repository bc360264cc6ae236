import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { LoginResponse, UserProfile } from '@glucodiary/contracts';

interface StoredSession {
  accessToken: string;
  expiresAt: number;
  user: UserProfile;
}

/** Where the signed-in session survives a page reload; a token for tests. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});

const STORAGE_KEY = 'glucodiary.session';

/** The signed-in user and their access token, as signals. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly session = signal<StoredSession | null>(this.restore());

  readonly user = computed(() => this.session()?.user ?? null);
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);

  signedIn(response: LoginResponse, now = Date.now()): void {
    this.save({ accessToken: response.accessToken, expiresAt: now + response.expiresIn * 1000, user: response.user });
  }

  profileChanged(user: UserProfile): void {
    const current = this.session();
    if (current) this.save({ ...current, user });
  }

  signedOut(): void {
    this.storage.removeItem(STORAGE_KEY);
    this.session.set(null);
  }

  private save(session: StoredSession): void {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.session.set(session);
  }

  private restore(): StoredSession | null {
    try {
      const stored = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
      return stored && stored.expiresAt > Date.now() ? stored : null;
    } catch {
      return null;
    }
  }
}
