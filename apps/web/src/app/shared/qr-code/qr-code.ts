import { ChangeDetectionStrategy, Component, input, resource } from '@angular/core';
import { toString as qrCodeSvg } from 'qrcode';

/**
 * A QR code of a text (a URL an app should be given), drawn as SVG so it is sharp at any size and
 * needs no canvas. The text never leaves the page: the code is made here.
 */
@Component({
  selector: 'app-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (image.value(); as src) {
      <img [src]="src" [alt]="label()" width="220" height="220" />
    } @else if (image.error()) {
      <p class="muted">The QR code could not be drawn: copy the text instead.</p>
    }
  `,
  styles: `
    img { display: block; background: #fff; image-rendering: pixelated; }
    .muted { color: #555; }
  `,
})
export class QrCode {
  readonly text = input.required<string>();
  /** What the code holds, for screen readers ("QR code of the Nightscout URL"). */
  readonly label = input.required<string>();

  protected readonly image = resource({
    params: () => this.text(),
    loader: async ({ params }) => {
      const svg = await qrCodeSvg(params, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    },
  });
}
