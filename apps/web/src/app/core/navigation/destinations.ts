/** A section of the signed-in app. */
export interface Destination {
  path: string;
  label: string;
  /** A daily destination: on the phone's bottom bar; the others are under "More". */
  daily: boolean;
}

export const DESTINATIONS: readonly Destination[] = [
  { path: '/dashboard', label: 'Dashboard', daily: true },
  { path: '/day', label: 'Day', daily: true },
  { path: '/readings', label: 'Readings', daily: true },
  { path: '/logbook', label: 'Logbook', daily: true },
  { path: '/report', label: 'Report', daily: false },
  { path: '/import', label: 'Import & export', daily: false },
  { path: '/settings', label: 'Settings', daily: false },
  { path: '/sessions', label: 'Sessions', daily: false },
];
