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
  if (rest.length > 0 || !id || Number.isNaN(takenAt.getTime())) return null;
  return { takenAt, id };
}
