import { DOCUMENT } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { SwUpdate, type VersionEvent } from '@angular/service-worker';
import { Subject } from 'rxjs';
import { AppUpdates } from './app-updates';

function start() {
  const versionUpdates = new Subject<VersionEvent>();
  const action = new Subject<void>();
  const open = vi.fn(() => ({ onAction: () => action }));
  const reload = vi.fn();
  TestBed.configureTestingModule({
    providers: [
      { provide: SwUpdate, useValue: { isEnabled: true, versionUpdates, unrecoverable: new Subject() } },
      { provide: MatSnackBar, useValue: { open } },
      { provide: DOCUMENT, useValue: { location: { reload } } },
    ],
  });
  TestBed.inject(AppUpdates);
  return { versionUpdates, action, open, reload };
}

describe('AppUpdates', () => {
  it('offers to load a new version once the service worker has it, and reloads only when asked', () => {
    const { versionUpdates, action, open, reload } = start();
    versionUpdates.next({ type: 'VERSION_DETECTED', version: { hash: 'b' } });
    expect(open).not.toHaveBeenCalled();

    versionUpdates.next({ type: 'VERSION_READY', currentVersion: { hash: 'a' }, latestVersion: { hash: 'b' } });
    expect(open).toHaveBeenCalledWith('A new version of GlucoDiary is ready.', 'Reload');
    expect(reload).not.toHaveBeenCalled();
    action.next();
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
