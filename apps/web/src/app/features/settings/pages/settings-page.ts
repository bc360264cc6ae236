import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import { fromMgdl, GLUCOSE_UNITS, toMgdl, type GlucoseUnit } from '@glucodiary/contracts';
import { describeHttpError } from '../../../core/api/api-error';
import { AuthStore } from '../../../core/auth/auth.store';
import { ProfileApi } from '../../../core/profile/profile.api';
import { saveFile } from '../../../shared/download/save-file';
import { GlucoseUnitPipe } from '../../../shared/glucose/glucose-unit';
import { DeleteAccountDialog } from '../components/delete-account-dialog';
import { LanguageSettings } from '../components/language-settings';
import { DeviceSettings } from '../components/device-settings';
import { TreatmentSettings } from '../components/treatment-settings';
import { AccountApi } from '../data-access/account.api';
import { PasswordSettings } from '../components/password-settings';

const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

@Component({
  selector: 'app-settings-page',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatRadioModule, MatButtonModule, GlucoseUnitPipe, LanguageSettings, TreatmentSettings, DeviceSettings, PasswordSettings],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 class="page-title" i18n>Settings</h1>
    <mat-card>
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="save()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label i18n>Your name</mat-label>
            <input matInput formControlName="displayName" required />
          </mat-form-field>
          <fieldset>
            <legend i18n>Glucose unit</legend>
            <mat-radio-group formControlName="preferredUnit" aria-label="Glucose unit" i18n-aria-label (change)="unitChanged($event.value)">
              @for (unit of units; track unit) {
                <mat-radio-button [value]="unit">{{ unit | glucoseUnit }}</mat-radio-button>
              }
            </mat-radio-group>
          </fieldset>
          <fieldset class="range">
            <legend i18n>Target range ({{ form.controls.preferredUnit.value | glucoseUnit }})</legend>
            <mat-form-field appearance="outline">
              <mat-label i18n>Low</mat-label>
              <input matInput type="number" inputmode="decimal" formControlName="low" required />
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label i18n>High</mat-label>
              <input matInput type="number" inputmode="decimal" formControlName="high" required />
            </mat-form-field>
          </fieldset>
          <mat-form-field appearance="outline">
            <mat-label i18n>Time zone</mat-label>
            <mat-select formControlName="timeZone">
              @for (zone of timeZones; track zone) {
                <mat-option [value]="zone">{{ zone }}</mat-option>
              }
            </mat-select>
            <mat-hint i18n>Decides your days and times of day</mat-hint>
          </mat-form-field>
          @if (message(); as text) {
            <p [class]="failed() ? 'error' : 'notice'" [attr.role]="failed() ? 'alert' : 'status'">{{ text }}</p>
          }
          <button mat-flat-button type="submit" [disabled]="busy()" i18n>Save settings</button>
        </form>
      </mat-card-content>
    </mat-card>
    <mat-card class="language-settings">
      <mat-card-content>
        <app-language-settings />
      </mat-card-content>
    </mat-card>
    <mat-card class="treatment-settings">
      <mat-card-content>
        <app-treatment-settings />
      </mat-card-content>
    </mat-card>
    <mat-card class="device-settings">
      <mat-card-content>
        <app-device-settings />
      </mat-card-content>
    </mat-card>
    <mat-card class="security" id="security">
      <mat-card-content>
        <app-password-settings />
      </mat-card-content>
    </mat-card>
    <mat-card class="your-data">
      <mat-card-content>
        <section aria-labelledby="your-data-title">
          <h2 id="your-data-title" i18n>Your data</h2>
          <p i18n>Download everything your account holds (profile, readings, treatments and sign-ins) as one JSON file.</p>
          <button mat-stroked-button type="button" (click)="downloadEverything()" [disabled]="exporting()" i18n>Download everything</button>
          @if (exporting()) {
            <p role="status" i18n>Preparing your file…</p>
          }
          @if (exportError(); as text) {
            <p class="error" role="alert">{{ text }}</p>
          }
          <h3 i18n>Delete account</h3>
          <p i18n>Deletes your account and everything in it for good, and signs you out on every device.</p>
          <button mat-stroked-button type="button" class="danger" (click)="deleteAccount()" i18n>Delete account…</button>
        </section>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    form { display: flex; flex-direction: column; gap: 0.5rem; max-width: 32rem; }
    fieldset { border: 1px solid #ccc; border-radius: 4px; padding: 0.5rem 1rem; margin: 0 0 0.75rem; }
    fieldset.range { display: flex; gap: 1rem; flex-wrap: wrap; }
    mat-radio-button { margin-right: 1rem; }
    .your-data, .language-settings, .treatment-settings, .device-settings { margin-top: 1rem; }
    .your-data h2 { font-size: 1.25rem; margin: 0 0 0.5rem; }
    .your-data h3 { font-size: 1.05rem; margin: 1.5rem 0 0.25rem; }
    .your-data button { min-height: 44px; }
    .danger { color: #b3261e; }
  `,
})
export class SettingsPage {
  private readonly auth = inject(AuthStore);
  private readonly profiles = inject(ProfileApi);
  private readonly account = inject(AccountApi);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  protected readonly units = GLUCOSE_UNITS;
  protected readonly timeZones = TIME_ZONES.includes('UTC') ? TIME_ZONES : ['UTC', ...TIME_ZONES];
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly failed = signal(false);
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<string | null>(null);

  private readonly profile = this.auth.user();
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: [this.profile?.displayName ?? '', Validators.required],
    preferredUnit: [this.profile?.preferredUnit ?? ('mg/dL' as GlucoseUnit)],
    low: [this.profile?.targetRange.low ?? 70, Validators.required],
    high: [this.profile?.targetRange.high ?? 180, Validators.required],
    timeZone: [this.profile?.timeZone ?? 'UTC'],
  });
  private shownUnit: GlucoseUnit = this.form.controls.preferredUnit.value;

  /** The range fields follow the unit switch, so the same range reads in the new unit. */
  protected unitChanged(unit: GlucoseUnit): void {
    const { low, high } = this.form.getRawValue();
    this.form.patchValue({ low: fromMgdl(toMgdl(low, this.shownUnit), unit), high: fromMgdl(toMgdl(high, this.shownUnit), unit) });
    this.shownUnit = unit;
  }

  protected async save(): Promise<void> {
    const { displayName, preferredUnit, low, high, timeZone } = this.form.getRawValue();
    this.busy.set(true);
    this.message.set(null);
    try {
      await this.profiles.update({ displayName, preferredUnit, timeZone, targetRange: { low, high, unit: preferredUnit } });
      this.failed.set(false);
      this.message.set($localize`Settings saved.`);
    } catch (error) {
      this.failed.set(true);
      this.message.set(describeHttpError(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async downloadEverything(): Promise<void> {
    this.exporting.set(true);
    this.exportError.set(null);
    try {
      const { blob, filename } = await this.account.export();
      saveFile(blob, filename);
    } catch (error) {
      this.exportError.set(describeHttpError(error));
    } finally {
      this.exporting.set(false);
    }
  }

  /** Once the server deleted the account, this browser forgets it too and says goodbye on the sign-in page. */
  protected deleteAccount(): void {
    this.dialog
      .open<DeleteAccountDialog, void, true>(DeleteAccountDialog, { role: 'alertdialog', maxWidth: '36rem', width: 'calc(100vw - 2rem)' })
      .afterClosed()
      .subscribe((deleted) => {
        if (!deleted) return;
        this.auth.signedOut();
        void this.router.navigate(['/login'], { queryParams: { reason: 'account-deleted' } });
      });
  }
}
