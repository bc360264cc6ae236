/**
 * Runs `work` while holding the browser-wide lock `name` (Web Locks: one tab at a time, across
 * every tab of this origin); where the browser has no Web Locks, runs it at once.
 */
export function withBrowserLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(name, work) as Promise<T>) : work();
}
