import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import type { LoginResponse, UserProfile } from '@glucodiary/contracts';

/**
 * What this browser remembers of a sign-in between page loads: who, and until when. No token:
 * the refresh token is an HttpOnly cookie no script can read, the access token lives in this
 * page's memory only and is fetched anew (with that cookie) when a page starts.
 */
export interface StoredSession {
  /** Epoch ms when the session expires. */
  sessionExpiresAt: number;
  user: UserProfile;
  /**
   * A refresh token stored in localStorage by a version of the app before the cookie: exchanged
   * once (which sets the cookie) and then forgotten, so that an update signs nobody out.
   */
  legacyRefreshToken?: string;
}

/** The access token of this page, in memory only. */
interface AccessToken {
  token: string;
  /** Epoch ms when it expires. */
  expiresAt: number;
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

/** The signed-in user, shared by every tab of the browser, and this page's access token, as signals. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly storage = inject(SESSION_STORAGE);
  private readonly reloadPage = inject(RELOAD_PAGE);
  private readonly session = signal<StoredSession | null>(this.restore());
  private readonly access = signal<AccessToken | null>(null);

  readonly current = this.session.asReadonly();
  readonly user = computed(() => this.session()?.user ?? null);
  /** The user's time zone; UTC until someone is signed in. */
  readonly timeZone = computed(() => this.user()?.timeZone ?? 'UTC');
  /** The user's preferred glucose unit; mg/dL until someone is signed in. */
  readonly unit = computed(() => this.user()?.preferredUnit ?? 'mg/dL');
  /** This page's access token; null before the first refresh of a page load, or when signed out. */
  readonly accessToken = computed(() => this.access()?.token ?? null);
  /** Epoch ms when the access token expires (0 without one): when to refresh it. */
  readonly accessExpiresAt = computed(() => this.access()?.expiresAt ?? 0);
  readonly isSignedIn = computed(() => this.session() !== null);
  /** The last sign-out was the server ending the session (not the user signing out): sign-in says so. */
  readonly sessionEnded = signal(false);

  constructor() {
    // Another tab signed in or out: follow it.
    if (typeof window !== 'undefined') {
      window.addEventListener('storage', (event) => {
        if (event.key === STORAGE_KEY) this.followOtherTab();
      });
    }
  }

  signedIn(response: LoginResponse, now = Date.now()): void {
    this.sessionEnded.set(false);
    this.access.set({ token: response.accessToken, expiresAt: now + response.expiresIn * 1000 });
    this.save({ sessionExpiresAt: now + response.refreshExpiresIn * 1000, user: response.user });
  }

  profileChanged(user: UserProfile): void {
    const current = this.session();
    if (current) this.save({ ...current, user });
  }

  /** `ended`: the server ended the session (signed out elsewhere, revoked), as opposed to the user signing out here. */
  signedOut({ ended = false } = {}): void {
    this.sessionEnded.set(ended);
    // Another tab may have signed in as someone else meanwhile: only this account's session goes.
    if (this.restore()?.user.id === this.session()?.user.id) this.storage.removeItem(STORAGE_KEY);
    this.session.set(null);
    this.access.set(null);
  }

  /**
   * The session as stored right now; null, with the app started afresh, when another tab has
   * since signed in as someone else: the browser's refresh cookie is then that account's, and its
   * tokens are never used for what this page was doing.
   */
  reread(): StoredSession | null {
    const stored = this.restore();
    if (this.session() !== null && stored !== null && this.isAnotherAccount(stored)) {
      this.reloadPage();
      return null;
    }
    this.session.set(stored);
    if (!stored) this.access.set(null);
    return stored;
  }

  /**
   * Takes over what another tab stored. A sign-out or a sign-in as someone else starts the app
   * afresh, so that nothing of the previous account stays on screen and nothing typed here lands
   * in the other one.
   */
  private followOtherTab(): void {
    const stored = this.restore();
    const changed = this.isAnotherAccount(stored);
    this.session.set(stored);
    if (changed) {
      this.access.set(null);
      this.reloadPage();
    }
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
      const stored = JSON.parse(this.storage.getItem(STORAGE_KEY) ?? 'null') as
        | (StoredSession & { refreshToken?: unknown; accessToken?: unknown })
        | null;
      if (!stored || typeof stored.user?.id !== 'string' || !(stored.sessionExpiresAt > Date.now())) return null;
      const { sessionExpiresAt, user } = stored;
      const legacyRefreshToken = typeof stored.refreshToken === 'string' ? stored.refreshToken : stored.legacyRefreshToken;
      return { sessionExpiresAt, user, ...(typeof legacyRefreshToken === 'string' && { legacyRefreshToken }) };
    } catch {
      return null;
    }
  }
}
