import { GridError } from '@glucodiary/grid';

/**
 * The grid's answer when it can give one, else the fallback's: when `usable` is false (below
 * quorum, or the member cannot vouch for its memory) and when the grid fails mid-call with a
 * GridError (it lost quorum, a write not known to be durable). The fallback always answers (the
 * database, or this instance's own records), so a check never fails open and a request never
 * fails for the grid alone. Any other error is thrown.
 */
export async function gridOrFallback<T>(usable: boolean, fromGrid: () => Promise<T>, fallback: () => T | Promise<T>): Promise<T> {
  if (!usable) return fallback();
  try {
    return await fromGrid();
  } catch (error) {
    if (error instanceof GridError) return fallback();
    throw error;
  }
}
