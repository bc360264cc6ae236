import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { DESTINATIONS } from './destinations';

/** Every section in one bar under the toolbar, where a wide screen has room for them; a phone has the dock instead. */
@Component({
  selector: 'app-sections-bar',
  imports: [RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="no-print" aria-label="Sections">
      @for (destination of destinations; track destination.path) {
        <a [routerLink]="destination.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ destination.label }}</a>
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
}
