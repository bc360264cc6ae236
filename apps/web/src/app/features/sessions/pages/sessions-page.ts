import { ChangeDetectionStrategy, Component, computed, inject, LOCALE_ID, resource, signal, type WritableSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { formatZoned } from '../../../core/i18n/zoned-date-format';
import { SessionsApi } from '../data-access/sessions.api';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';
import type { Notice } from '../../../shared/notice/notice';

/** Where a person sees every device signed in to their diary and ends the ones they do not trust. */
@Component({
  selector: 'app-sessions-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title" i18n>Sessions</h1>
    @if (sessions.isLoading()) {
      <mat-progress-bar mode="indeterminate" i18n-aria-label aria-label="Loading your sessions" />
    }
    @if (deviceNotice(); as notice) {
      <p [class]="notice.failed ? 'error' : 'notice'" [attr.role]="notice.failed ? 'alert' : 'status'">{{ notice.text }}</p>
    }
    @if (loadError(); as text) {
      <p class="error" role="alert">
        <ng-container i18n>Your sessions could not be loaded: {{ text }}</ng-container>
        <button mat-button type="button" (click)="sessions.reload()" i18n>Try again</button>
      </p>
    }
    @if (sessions.hasValue()) {
      <ul class="sessions" i18n-aria-label aria-label="Signed-in devices">
        @for (session of rows(); track session.id) {
          <li>
            <div>
              <strong>{{ session.device }}</strong>
              @if (session.current) {
                <span class="current" i18n>(this device)</span>
              }
              <div class="muted" i18n>Signed in {{ session.created }} · last active {{ session.lastSeen }}</div>
            </div>
            @if (!session.current) {
              <button mat-stroked-button type="button" (click)="revoke(session.id)" [disabled]="busy()" [attr.aria-label]="session.signOutLabel" i18n>
                Sign out
              </button>
            }
          </li>
        }
      </ul>
      <app-confirmed-action
        i18n-label
        label="Sign out everywhere"
        i18n-question
        question="Sign out on every device, this one included?"
        i18n-confirmLabel
        confirmLabel="Sign out everywhere"
        i18n-keepLabel
        keepLabel="Stay signed in"
        [disabled]="busy()"
        (confirmed)="signOutEverywhere()"
      />
    }

    <p class="muted" i18n>To change your password, which also signs your other devices out, go to <a routerLink="/settings" fragment="security">Settings → Security</a>.</p>
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
  private readonly locale = inject(LOCALE_ID);
  /** What the latest device action came to. */
  protected readonly deviceNotice = signal<Notice | null>(null);
  /** An action is on its way: its buttons wait, so a double click cannot report a false failure. */
  protected readonly busy = signal(false);
  protected readonly sessions = resource({ loader: () => this.api.list() });
  protected readonly loadError = computed(() => (this.sessions.error() ? describeHttpError(this.sessions.error()) : null));
  protected readonly rows = computed(() => {
    const timeZone = this.auth.timeZone();
    const when = (iso: string) => formatZoned(iso, timeZone, 'dateTime', this.locale);
    return (this.sessions.hasValue() ? this.sessions.value().items : []).map((session) => ({
      ...session,
      created: when(session.createdAt),
      lastSeen: when(session.lastSeenAt),
      signOutLabel: $localize`Sign out ${session.device}:device:`,
    }));
  });
  protected async revoke(id: string): Promise<void> {
    await this.attempt(this.deviceNotice, async () => {
      await this.api.revoke(id);
      this.sessions.reload();
      return $localize`That device is signed out.`;
    });
  }

  protected async signOutEverywhere(): Promise<void> {
    await this.attempt(this.deviceNotice, async () => {
      await this.api.signOutEverywhere();
      this.auth.signedOut();
      await this.router.navigate(['/login']);
      return $localize`Signed out everywhere.`;
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
