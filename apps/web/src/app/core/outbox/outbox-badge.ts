import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * The number of entries this device has not sent yet, beside a navigation link. The number is
 * for the eye; the link names it through `aria-describedby` pointing at this badge's `id`, so the
 * link's name stays "Readings".
 */
@Component({
  selector: 'app-outbox-badge',
  imports: [DecimalPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (count() > 0) {
      <span class="badge" aria-hidden="true">{{ count() }}</span>
      <span [id]="descriptionId()" hidden i18n>{{ count() | number }} not sent yet</span>
    }
  `,
  styles: `
    .badge {
      display: inline-block; min-width: 1.25rem; margin-left: 0.25rem; padding: 0 0.3rem; box-sizing: border-box;
      border-radius: 0.625rem; background: #b3261e; color: #fff; font-size: 0.75rem; font-weight: 600; line-height: 1.25rem; text-align: center;
    }
  `,
})
export class OutboxBadge {
  readonly count = input.required<number>();
  /** The id the link's `aria-describedby` names. */
  readonly descriptionId = input.required<string>();
}
