import { ChangeDetectionStrategy, Component, DOCUMENT, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { DEVICE_NAME_MAX_LENGTH, type CreatedDevice, type Device, type DeviceScope, type DeviceStatusSummary } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { reloadOnLiveChange } from '../../../core/live/live-updates';
import { formatInZone } from '../../../core/time/zoned-time';
import { ConfirmedAction } from '../../../shared/confirmed-action/confirmed-action';
import { QrCode } from '../../../shared/qr-code/qr-code';
import { DevicesApi } from '../data-access/devices.api';

/**
 * Settings → Devices: a secret per uploader or follower app (xDrip+, nightscout-librelink-up, a
 * watch face). A new secret and the app's Nightscout URL are shown once; the list shows each
 * device's last use, and a device can be renamed or revoked (refused at once on every instance).
 */
@Component({
  selector: 'app-device-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatRadioModule, QrCode, ConfirmedAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="devices-title">
      <h2 id="devices-title">Devices</h2>
      <p>
        Apps that upload your sensor's readings (xDrip+, nightscout-librelink-up) or show them (watch faces) connect with a secret of
        their own, through GlucoDiary's Nightscout-compatible API.
      </p>
      @if (loadError(); as message) {
        <p class="error" role="alert">{{ message }} <button mat-button type="button" (click)="load()">Try again</button></p>
      }
      @if (devices().length > 0) {
        <ul class="devices" aria-label="Your devices">
          @for (device of devices(); track device.id) {
            <li>
              <span class="name">{{ device.name }}</span>
              <span class="details">{{ device.scope === 'upload' ? 'Uploads and reads' : 'Reads only' }} · {{ lastUse(device) }}</span>
              @if (device.latestStatus; as status) {
                <span class="status">{{ statusText(status) }}</span>
              }
              <span class="actions">
                <button mat-button type="button" (click)="rename(device)" [attr.aria-label]="'Rename ' + device.name">Rename</button>
                <!-- Revoking cannot be undone (the app needs a new device to connect again): asked once more, in place. -->
                <app-confirmed-action
                  label="Revoke"
                  [accessibleLabel]="'Revoke ' + device.name"
                  [question]="'Revoke ' + device.name + '? The app stops working at once and needs a new device to connect again.'"
                  confirmLabel="Revoke it"
                  keepLabel="Keep it"
                  [disabled]="busy()"
                  (confirmed)="revoke(device)"
                />
              </span>
            </li>
          }
        </ul>
      } @else if (loaded()) {
        <p class="muted">No devices yet.</p>
      }

      @if (created(); as device) {
        <div class="created" role="status">
          <p>
            <strong>{{ device.name }}</strong> is ready. Copy its URL into the app now: the secret is shown only this once.
          </p>
          <mat-form-field appearance="outline" class="url">
            <mat-label>Nightscout URL for the app</mat-label>
            <input matInput readonly [value]="device.nightscoutUrl" (focus)="$any($event.target).select()" />
          </mat-form-field>
          <mat-form-field appearance="outline" class="url">
            <!-- A short label: an outlined field's label does not wrap, and a long one widens a phone's page. -->
            <mat-label>API secret</mat-label>
            <input matInput readonly [value]="device.secret" (focus)="$any($event.target).select()" />
            <mat-hint>For apps that ask for the secret apart from the URL</mat-hint>
          </mat-form-field>
          <p class="muted">Or scan it with the phone the app runs on:</p>
          <app-qr-code [text]="device.nightscoutUrl" label="QR code of the Nightscout URL for the app" />
          <button mat-stroked-button type="button" (click)="copy(device.nightscoutUrl)">Copy URL</button>
          <button mat-button type="button" (click)="created.set(null)">Done</button>
        </div>
      }

      <form class="add" (ngSubmit)="create()" novalidate aria-label="New device">
        <mat-form-field appearance="outline">
          <mat-label>Device name</mat-label>
          <input matInput name="deviceName" [(ngModel)]="name" [maxlength]="nameMax" autocomplete="off" />
        </mat-form-field>
        <mat-radio-group name="scope" [(ngModel)]="scope" aria-label="What the device may do">
          <mat-radio-button value="upload">Uploads and reads</mat-radio-button>
          <mat-radio-button value="read">Reads only</mat-radio-button>
        </mat-radio-group>
        <button mat-flat-button type="submit" [disabled]="busy()">Add device</button>
      </form>
      @if (message(); as text) {
        <p [class]="failed() ? 'error' : 'notice'" [attr.role]="failed() ? 'alert' : 'status'">{{ text }}</p>
      }
    </section>
  `,
  styles: `
    h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .devices { list-style: none; padding: 0; margin: 0 0 1rem; }
    .devices li { display: flex; flex-wrap: wrap; align-items: center; gap: 0 1rem; border-bottom: 1px solid #e0e0e0; padding: 0.25rem 0; }
    .name { font-weight: 600; }
    .details { color: #555; font-size: 0.9rem; flex: 1 1 12rem; }
    .status { flex-basis: 100%; order: 3; font-size: 0.9rem; }
    .created { border: 1px solid #8bc34a; border-radius: 4px; padding: 0.75rem 1rem; margin: 0 0 1rem; }
    .url { display: block; }
    .add { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; }
    .add mat-form-field { flex: 1 1 14rem; }
    button { min-height: 44px; }
    .muted { color: #555; }
  `,
})
export class DeviceSettings {
  private readonly api = inject(DevicesApi);
  private readonly auth = inject(AuthStore);
  private readonly document = inject(DOCUMENT);
  protected readonly nameMax = DEVICE_NAME_MAX_LENGTH;
  protected readonly devices = signal<Device[]>([]);
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly created = signal<CreatedDevice | null>(null);
  protected readonly name = signal('');
  protected readonly scope = signal<DeviceScope>('upload');
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly failed = signal(false);

  constructor() {
    void this.load();
    reloadOnLiveChange(['device-status'], () => void this.load());
  }

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      this.devices.set(await this.api.list());
      this.loaded.set(true);
    } catch (error) {
      this.loadError.set(`Your devices could not be loaded: ${describeHttpError(error)}`);
    }
  }

  protected lastUse(device: Device): string {
    return device.lastUsedAt ? `last used ${formatInZone(device.lastUsedAt, this.auth.timeZone(), 'd MMM yyyy, HH:mm')}` : 'not used yet';
  }

  /** The newest status the app reported, in a line: its battery, the pump's, what is on board, what the loop did. */
  protected statusText(status: DeviceStatusSummary): string {
    const parts = [
      status.uploaderBatteryPercent !== null && `phone battery ${status.uploaderBatteryPercent} %`,
      status.pumpBatteryPercent !== null && `pump battery ${status.pumpBatteryPercent} %`,
      status.pumpReservoirUnits !== null && `reservoir ${status.pumpReservoirUnits} U`,
      status.insulinOnBoardUnits !== null && `${status.insulinOnBoardUnits} U insulin on board`,
      status.carbsOnBoardGrams !== null && `${status.carbsOnBoardGrams} g carbs on board`,
      status.loop,
    ].filter((part): part is string => typeof part === 'string');
    const when = formatInZone(status.reportedAt, this.auth.timeZone(), 'd MMM, HH:mm');
    return parts.length > 0 ? `Status at ${when}: ${parts.join(' · ')}` : `Status reported at ${when}`;
  }

  protected async create(): Promise<void> {
    const name = this.name().trim();
    if (name === '') {
      this.report(true, 'Name the device first (for example "xDrip+ on my phone").');
      return;
    }
    await this.act(async () => {
      const device = await this.api.create({ name, scope: this.scope() });
      this.created.set(device);
      this.name.set('');
      const { secret: _secret, nightscoutUrl: _url, ...listed } = device;
      this.devices.update((devices) => [listed, ...devices]);
      return null;
    });
  }

  protected async rename(device: Device): Promise<void> {
    const name = this.document.defaultView?.prompt(`New name for ${device.name}`, device.name)?.trim();
    if (!name || name === device.name) return;
    await this.act(async () => {
      const renamed = await this.api.rename(device.id, name);
      this.devices.update((devices) => devices.map((known) => (known.id === device.id ? renamed : known)));
      return `Renamed to ${renamed.name}.`;
    });
  }

  protected async revoke(device: Device): Promise<void> {
    await this.act(async () => {
      await this.api.revoke(device.id);
      this.devices.update((devices) => devices.filter((known) => known.id !== device.id));
      if (this.created()?.id === device.id) this.created.set(null);
      return `${device.name} is revoked: it can no longer upload or read.`;
    });
  }

  protected async copy(text: string): Promise<void> {
    try {
      await this.document.defaultView?.navigator.clipboard.writeText(text);
      this.report(false, 'URL copied.');
    } catch {
      this.report(true, 'Copying is not allowed here: select the URL and copy it.');
    }
  }

  private async act(action: () => Promise<string | null>): Promise<void> {
    this.busy.set(true);
    this.message.set(null);
    try {
      const done = await action();
      if (done) this.report(false, done);
    } catch (error) {
      this.report(true, describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }

  private report(failed: boolean, text: string): void {
    this.failed.set(failed);
    this.message.set(text);
  }
}
