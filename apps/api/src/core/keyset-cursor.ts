import { isStorableInstant } from './instant-format';

/**
 * Keyset pagination cursor of readings and treatments: the (takenAt, id) of the last item
 * served. Opaque to clients, stable under inserts, and cheap to seek with the (userId, takenAt,
 * id) index.
 */
export interface KeysetCursor {
  takenAt: Date;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.takenAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): KeysetCursor | null {
  const [isoTime, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const takenAt = new Date(isoTime ?? '');
  // A cursor this API issued holds a storable instant and an id without NUL (the request check cannot see inside base64).
  if (rest.length > 0 || !id || !isStorableInstant(takenAt) || id.includes('\u0000')) return null;
  return { takenAt, id };
}
