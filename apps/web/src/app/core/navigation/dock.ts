import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { filter, map } from 'rxjs';
import { DESTINATIONS } from './destinations';

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
  imports: [RouterLink, RouterLinkActive, MatMenuModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="log-action" mat-fab extended routerLink="/readings" fragment="log"><span aria-hidden="true">+</span> Log</a>
    <nav class="bottom-bar" aria-label="Sections">
      @for (destination of daily; track destination.path) {
        <a [routerLink]="destination.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ destination.label }}</a>
      }
      <button type="button" class="more" [matMenuTriggerFor]="more" [class.active]="moreActive()" [attr.aria-current]="moreActive() ? 'page' : null">More</button>
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

  private readonly router = inject(Router);
  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );
  /** "More" is marked while one of its pages is open, as a bottom-bar destination would be. */
  protected readonly moreActive = computed(() => this.others.some((destination) => this.url().startsWith(destination.path)));
}
