import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { Outbox } from '../outbox/outbox';
import { OutboxBadge } from '../outbox/outbox-badge';
import { DESTINATIONS } from './destinations';

/** Every section in one bar under the toolbar, where a wide screen has room for them; a phone has the dock instead. */
@Component({
  selector: 'app-sections-bar',
  imports: [RouterLink, RouterLinkActive, OutboxBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="no-print" aria-label="Sections" i18n-aria-label>
      @for (destination of destinations; track destination.path) {
        <a
          [routerLink]="destination.path"
          routerLinkActive="active"
          ariaCurrentWhenActive="page"
          [attr.aria-describedby]="destination.path === outboxPath && notSent() > 0 ? 'sections-not-sent' : null"
          >{{ destination.label }}
          @if (destination.path === outboxPath) {
            <app-outbox-badge [count]="notSent()" descriptionId="sections-not-sent" />
          }
        </a>
      }
    </nav>
  `,
  styles: `
    nav { display: flex; gap: 0.25rem; overflow-x: auto; padding: 0 0.5rem; border-bottom: 1px solid #ddd; background: #fafafa; }
    a { padding: 0.75rem; white-space: nowrap; color: #1a1a1a; text-decoration: none; border-bottom: 3px solid transparent; }
    a.active { border-bottom-color: var(--mat-sys-primary, #005cbb); font-weight: 600; }
    @media (max-width: 600px) { :host { display: none; } }
  `,
})
export class SectionsBar {
  protected readonly destinations = DESTINATIONS;
  /** Entries logged offline show as a count beside Readings, where they are listed. */
  protected readonly outboxPath = '/readings';
  private readonly outbox = inject(Outbox);
  protected readonly notSent = computed(() => this.outbox.entries().length);
}
