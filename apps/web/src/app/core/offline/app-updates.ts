import { DOCUMENT, inject, Injectable } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { SwUpdate } from '@angular/service-worker';

/**
 * A deploy while the app is open: the service worker fetches the new version in the background
 * and this offers to load it. Never a reload on its own: the user may be typing an entry.
 */
@Injectable({ providedIn: 'root' })
export class AppUpdates {
  private readonly updates = inject(SwUpdate);
  private readonly snackBar = inject(MatSnackBar);
  private readonly document = inject(DOCUMENT);

  constructor() {
    if (!this.updates.isEnabled) return;
    this.updates.versionUpdates.subscribe((event) => {
      if (event.type === 'VERSION_READY') this.offerReload($localize`A new version of GlucoDiary is ready.`);
    });
    // The cached version can no longer be served whole (its files were evicted): only a reload recovers.
    this.updates.unrecoverable.subscribe(() => this.offerReload($localize`GlucoDiary needs to reload to keep working.`));
  }

  private offerReload(message: string): void {
    this.snackBar
      .open(message, $localize`Reload`)
      .onAction()
      .subscribe(() => this.document.location.reload());
  }
}
