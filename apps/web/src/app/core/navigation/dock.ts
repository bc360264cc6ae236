import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { isActive, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { Outbox } from '../outbox/outbox';
import { OutboxBadge } from '../outbox/outbox-badge';
import { DESTINATIONS } from './destinations';
import { LOG_ACTION_FRAGMENT, LOG_ACTION_PATH } from './log-action';

/**
 * The bottom of the screen: the floating "Log" action on every page and, on a phone, the daily
 * sections in reach of the thumb with the rest one tap further under "More", so every page is at
 * most two taps away.
 *
 * The dock is the app's last block, sticky to the bottom of the screen, not `position: fixed`: a
 * fixed bar is as wide as the layout viewport, which a phone's browser widens to fit anything
 * too wide, and the bar then keeps it wide. A sticky one is as wide as the page.
 */
@Component({
  selector: 'app-dock',
  imports: [RouterLink, RouterLinkActive, MatMenuModule, MatButtonModule, OutboxBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="log-action" mat-fab extended [routerLink]="logPath" [fragment]="logFragment" i18n><span aria-hidden="true">+</span> Log</a>
    <nav class="bottom-bar" aria-label="Sections" i18n-aria-label>
      @for (destination of daily; track destination.path) {
        <a
          [routerLink]="destination.path"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          [attr.aria-describedby]="destination.path === outboxPath && notSent() > 0 ? 'dock-not-sent' : null"
          >{{ destination.label }}
          @if (destination.path === outboxPath) {
            <app-outbox-badge [count]="notSent()" descriptionId="dock-not-sent" />
          }
        </a>
      }
      <button type="button" class="more" [matMenuTriggerFor]="more" [class.active]="moreActive()" [attr.aria-current]="moreActive() ? 'page' : null" i18n>More</button>
    </nav>
    <mat-menu #more="matMenu" xPosition="before" yPosition="above">
      @for (destination of others; track destination.path) {
        <a mat-menu-item [routerLink]="destination.path">{{ destination.label }}</a>
      }
    </mat-menu>
  `,
  styles: `
    :host { display: block; position: sticky; bottom: 0; z-index: 10; }
    @media print { :host { display: none; } }
    .log-action { position: absolute; right: 1rem; bottom: calc(100% + 1rem); }
    .bottom-bar { display: none; }
    @media (max-width: 600px) {
      .bottom-bar {
        display: grid; grid-template-columns: repeat(5, minmax(0, 1fr));
        background: #fafafa; border-top: 1px solid #ddd; padding-bottom: env(safe-area-inset-bottom);
      }
      .bottom-bar a, .bottom-bar .more {
        min-height: 3.5rem; display: flex; align-items: center; justify-content: center; padding: 0 0.125rem; text-align: center; overflow-wrap: anywhere;
        font: inherit; font-size: 0.8rem; color: #1a1a1a; text-decoration: none; background: none; border: 0; border-top: 3px solid transparent; cursor: pointer;
      }
      .bottom-bar .active { border-top-color: var(--mat-sys-primary, #005cbb); font-weight: 600; }
    }
  `,
})
export class Dock {
  protected readonly daily = DESTINATIONS.filter((destination) => destination.daily);
  protected readonly others = DESTINATIONS.filter((destination) => !destination.daily);
  /** Entries logged offline show as a count beside Readings, where they are listed. */
  protected readonly outboxPath = '/readings';
  private readonly outbox = inject(Outbox);
  protected readonly notSent = computed(() => this.outbox.entries().length);

  protected readonly logPath = LOG_ACTION_PATH;
  protected readonly logFragment = LOG_ACTION_FRAGMENT;

  private readonly router = inject(Router);
  private readonly othersActive = this.others.map((destination) => isActive(destination.path, this.router));
  /** "More" is marked while one of its pages is open, as a bottom-bar destination would be. */
  protected readonly moreActive = computed(() => this.othersActive.some((active) => active()));
}
