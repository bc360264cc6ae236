import type { PrismaClient, Reading } from '@glucodiary/db';

/** Rows per query when a whole period is walked: a year of CGM data is 100,000 readings. */
export const READING_PAGE_ROWS = 2000;

export interface ReadingRange {
  userId: string;
  /** Inclusive; open when absent. */
  from?: Date;
  to?: Date;
}

/** What exports and reports read of a reading: all a `Reading` answer shows (not its user or import key). */
const PAGED_COLUMNS = {
  id: true,
  takenAt: true,
  valueMgdl: true,
  mealContext: true,
  note: true,
  kind: true,
  source: true,
  beyondRange: true,
  importId: true,
  createdAt: true,
  updatedAt: true,
} as const;
export type PagedReading = Pick<Reading, keyof typeof PAGED_COLUMNS>;

/**
 * A user's readings of a period, oldest first, one page per query (keyset on takenAt and id),
 * so walking years of readings never holds more than a page of database rows at once.
 */
export async function* readingPages(db: PrismaClient, { userId, from, to }: ReadingRange, pageRows = READING_PAGE_ROWS): AsyncGenerator<PagedReading[]> {
  let after: PagedReading | undefined;
  for (;;) {
    const page = await db.reading.findMany({
      where: {
        userId,
        // The lower bound moves with the pages, so each query starts its index range where the last one ended.
        takenAt: { gte: after?.takenAt ?? from, lte: to },
        ...(after && { NOT: { takenAt: after.takenAt, id: { lte: after.id } } }),
      },
      orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
      take: pageRows,
      select: PAGED_COLUMNS,
    });
    if (page.length > 0) yield page;
    if (page.length < pageRows) return;
    after = page.at(-1);
  }
}
