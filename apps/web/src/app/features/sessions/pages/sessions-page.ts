import { ChangeDetectionStrategy, Component, computed, inject, resource, signal, type WritableSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { formatInZone } from '../../../core/time/zoned-time';
import { SessionsApi } from '../data-access/sessions.api';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';

/** Where a person sees every device signed in to their diary and ends the ones they do not trust. */
@Component({
  selector: 'app-sessions-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title">Sessions</h1>
    @if (sessions.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading your sessions" />
    }
    @if (deviceNotice(); as notice) {
      <p [class]="notice.failed ? 'error' : 'notice'" [attr.role]="notice.failed ? 'alert' : 'status'">{{ notice.text }}</p>
    }
    @if (loadError(); as text) {
      <p class="error" role="alert">
        Your sessions could not be loaded: {{ text }}
        <button mat-button type="button" (click)="sessions.reload()">Try again</button>
      </p>
    }
    @if (sessions.hasValue()) {
      <ul class="sessions" aria-label="Signed-in devices">
        @for (session of rows(); track session.id) {
          <li>
            <div>
              <strong>{{ session.device }}</strong>
              @if (session.current) {
                <span class="current">(this device)</span>
              }
              <div class="muted">Signed in {{ session.created }} · last active {{ session.lastSeen }}</div>
            </div>
            @if (!session.current) {
              <button mat-stroked-button type="button" (click)="revoke(session.id)" [disabled]="busy()" [attr.aria-label]="'Sign out ' + session.device">
                Sign out
              </button>
            }
          </li>
        }
      </ul>
      <app-confirmed-action
        label="Sign out everywhere"
        question="Sign out on every device, this one included?"
        confirmLabel="Sign out everywhere"
        keepLabel="Stay signed in"
        [disabled]="busy()"
        (confirmed)="signOutEverywhere()"
      />
    }

    <p class="muted">To change your password, which also signs your other devices out, go to <a routerLink="/settings" fragment="security">Settings → Security</a>.</p>
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 1rem; }
    .sessions { list-style: none; padding: 0; margin: 0; }
    .sessions li { display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.75rem 0; border-bottom: 1px solid #ddd; }
    .current { margin-left: 0.4rem; color: #1b5e20; }
  `,
})
export class SessionsPage {
  private readonly api = inject(SessionsApi);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  /** What the latest device action came to. */
  protected readonly deviceNotice = signal<Notice | null>(null);
  /** An action is on its way: its buttons wait, so a double click cannot report a false failure. */
  protected readonly busy = signal(false);
  protected readonly sessions = resource({ loader: () => this.api.list() });
  protected readonly loadError = computed(() => (this.sessions.error() ? describeHttpError(this.sessions.error()) : null));
  protected readonly rows = computed(() => {
    const timeZone = this.auth.timeZone();
    const when = (iso: string) => formatInZone(iso, timeZone, 'd MMM yyyy, HH:mm');
    return (this.sessions.hasValue() ? this.sessions.value().items : []).map((session) => ({
      ...session,
      created: when(session.createdAt),
      lastSeen: when(session.lastSeenAt),
    }));
  });
  protected async revoke(id: string): Promise<void> {
    await this.attempt(this.deviceNotice, async () => {
      await this.api.revoke(id);
      this.sessions.reload();
      return 'That device is signed out.';
    });
  }

  protected async signOutEverywhere(): Promise<void> {
    await this.attempt(this.deviceNotice, async () => {
      await this.api.signOutEverywhere();
      this.auth.signedOut();
      await this.router.navigate(['/login']);
      return 'Signed out everywhere.';
    });
  }

  /** Runs `work`, which says what it came to (null: nothing to add, e.g. a message beside a field). */
  private async attempt(notice: WritableSignal<Notice | null>, work: () => Promise<string | null>): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    notice.set(null);
    try {
      const text = await work();
      notice.set(text === null ? null : { failed: false, text });
    } catch (error) {
      notice.set({ failed: true, text: describeHttpError(error) });
    } finally {
      this.busy.set(false);
    }
  }
}

interface Notice {
  text: string;
  failed: boolean;
}
