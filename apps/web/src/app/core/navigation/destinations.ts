/** A section of the signed-in app. */
export interface Destination {
  path: string;
  label: string;
  /** A daily destination: on the phone's bottom bar; the others are under "More". */
  daily: boolean;
}

export const DESTINATIONS: readonly Destination[] = [
  { path: '/dashboard', label: $localize`Dashboard`, daily: true },
  { path: '/day', label: $localize`Day`, daily: true },
  { path: '/readings', label: $localize`Readings`, daily: true },
  { path: '/logbook', label: $localize`Logbook`, daily: true },
  { path: '/report', label: $localize`Report`, daily: false },
  { path: '/import', label: $localize`Import & export`, daily: false },
  { path: '/settings', label: $localize`Settings`, daily: false },
  { path: '/sessions', label: $localize`Sessions`, daily: false },
];
