import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, inject, Injector, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

/**
 * A button whose action is asked about once more, in place: "Undo this import" becomes "Remove
 * the 8 readings this import added? [Remove them] [Keep them]". For actions that can be undone
 * only for a while, where a dialog would be more than the question needs.
 */
@Component({
  selector: 'app-confirmed-action',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (asking()) {
      <span class="question" role="group" [attr.aria-label]="question()">
        <span>{{ question() }}</span>
        <button #confirmButton mat-flat-button type="button" [disabled]="disabled()" (click)="confirm()">{{ confirmLabel() }}</button>
        <button mat-button type="button" (click)="keep()">{{ keepLabel() }}</button>
      </span>
    } @else {
      <button #askButton mat-stroked-button type="button" [disabled]="disabled()" [attr.aria-label]="accessibleLabel()" (click)="ask()">
        {{ label() }}
      </button>
    }
  `,
  styles: `
    .question { display: inline-flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
  `,
})
export class ConfirmedAction {
  readonly label = input.required<string>();
  readonly question = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly keepLabel = input('Keep them');
  /** A fuller name for screen readers where several buttons share a label ("Remove export.csv"). */
  readonly accessibleLabel = input<string | null>(null);
  readonly disabled = input(false);
  readonly confirmed = output();

  private readonly injector = inject(Injector);
  private readonly confirmButton = viewChild('confirmButton', { read: ElementRef });
  private readonly askButton = viewChild('askButton', { read: ElementRef });
  protected readonly asking = signal(false);

  protected ask(): void {
    this.asking.set(true);
    // The button clicked is gone: focus goes to the answer, so the keyboard stays where the question is.
    this.focusAfterRender(this.confirmButton);
  }

  protected keep(): void {
    this.asking.set(false);
    this.focusAfterRender(this.askButton);
  }

  protected confirm(): void {
    this.asking.set(false);
    this.confirmed.emit();
  }

  private focusAfterRender(button: () => ElementRef<HTMLElement> | undefined): void {
    afterNextRender(() => button()?.nativeElement.focus(), { injector: this.injector });
  }
}
