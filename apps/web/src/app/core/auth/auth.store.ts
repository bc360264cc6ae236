import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { LoginResponse, UserProfile } from '@glucodiary/contracts';

export interface StoredSession {
  accessToken: string;
  /** Epoch ms when the access token expires. */
  accessExpiresAt: number;
  refreshToken: string;
  /** Epoch ms when the session (and so the refresh token) expires. */
  sessionExpiresAt: number;
  user: UserProfile;
}

/** Where the signed-in session survives a page reload; a token for tests. */
export const SESSION_STORAGE = new InjectionToken<Storage>('SESSION_STORAGE', {
  providedIn: 'root',
  factory: () => localStorage,
});

export const STORAGE_KEY = 'glucodiary.session';

/** Starts the app afresh (a full page load); a token for tests. */
export const RELOAD_PAGE = new InjectionToken<() => void>('RELOAD_PAGE', {
  providedIn: 'root',
  factory: () => () => window.location.reload(),
});

/** The signed-in user and their tokens, as signals; shared by every tab of the browser. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly reloadPage = inject(RELOAD_PAGE);
  private readonly session = signal<StoredSession | null>(this.restore());

  readonly current = this.session.asReadonly();
  readonly user = computed(() => this.session()?.user ?? null);
  /** The user's time zone; UTC until someone is signed in. */
  readonly timeZone = computed(() => this.user()?.timeZone ?? 'UTC');
  /** The user's preferred glucose unit; mg/dL until someone is signed in. */
  readonly unit = computed(() => this.user()?.preferredUnit ?? 'mg/dL');
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);

  constructor() {
    // Another tab signed in, refreshed or signed out: follow it.
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key === STORAGE_KEY) this.followOtherTab();
      });
    }
  }

  signedIn(response: LoginResponse, now = Date.now()): void {
    this.save({
      accessToken: response.accessToken,
      accessExpiresAt: now + response.expiresIn * 1000,
      refreshToken: response.refreshToken,
      sessionExpiresAt: now + response.refreshExpiresIn * 1000,
      user: response.user,
    });
  }

  profileChanged(user: UserProfile): void {
    const current = this.session();
    if (current) this.save({ ...current, user });
  }

  signedOut(): void {
    // Another tab may have signed in as someone else meanwhile: only this account's session goes.
    if (this.restore()?.user.id === this.session()?.user.id) this.storage.removeItem(STORAGE_KEY);
    this.session.set(null);
  }

  /**
   * The session as stored right now (another tab may have refreshed it a moment ago); null, with
   * the app started afresh, when another tab has since signed in as someone else: that account's
   * tokens are never used for what this page was doing.
   */
  reread(): StoredSession | null {
    const stored = this.restore();
    if (this.session() !== null && stored !== null && this.isAnotherAccount(stored)) {
      this.reloadPage();
      return null;
    }
    this.session.set(stored);
    return stored;
  }

  /**
   * Takes over what another tab stored. A refresh keeps the account; a sign-out or a sign-in as
   * someone else starts the app afresh, so that nothing of the previous account stays on screen
   * and nothing typed here lands in the other one.
   */
  private followOtherTab(): void {
    const stored = this.restore();
    const changed = this.isAnotherAccount(stored);
    this.session.set(stored);
    if (changed) this.reloadPage();
  }

  /** Whether a stored session (null: signed out) is not the account this page shows. */
  private isAnotherAccount(stored: StoredSession | null): boolean {
    return stored?.user.id !== this.session()?.user.id;
  }

  private save(session: StoredSession): void {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    this.session.set(session);
  }

  private restore(): StoredSession | null {
    try {
      const stored = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
      return stored && typeof stored.refreshToken === 'string' && stored.sessionExpiresAt > Date.now() ? stored : null;
    } catch {
      return null;
    }
  }
}
