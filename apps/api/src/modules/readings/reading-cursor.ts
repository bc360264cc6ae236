/**
 * Keyset pagination cursor: the (takenAt, id) of the last item served. Opaque to clients,
 * stable under inserts, and cheap to seek with the (userId, takenAt, id) index.
 */
export interface ReadingCursor {
  takenAt: Date;
  id: string;
}

export function encodeCursor(cursor: ReadingCursor): string {
  return Buffer.from(`${cursor.takenAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(text: string): ReadingCursor | null {
  const [isoTime, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const takenAt = new Date(isoTime ?? '');
  // Years the databases store (PostgreSQL has no year 0); a cursor this API issued is always inside them.
  const year = takenAt.getUTCFullYear();
  if (rest.length > 0 || !id || Number.isNaN(year) || year < 1 || year > 9999 || id.includes('\u0000')) return null;
  return { takenAt, id };
}
