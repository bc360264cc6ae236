import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';
import { readingPages } from './reading-pages';

describe('readingPages', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('walks a period page by page, oldest first, each reading once, also where many share one instant', async () => {
    const { app } = testApp;
    const { user } = await signedInUser(app);
    const { user: someoneElse } = await signedInUser(app);
    const at = (minute: number) => new Date(Date.parse('2026-04-01T00:00:00Z') + minute * 60_000);
    // Minutes 0..9, with five readings at minute 4: page boundaries fall inside that instant.
    const minutes = [0, 1, 2, 3, 4, 4, 4, 4, 4, 5, 6, 7, 8, 9];
    await app.db.reading.createMany({
      data: [
        ...minutes.map((minute, index) => ({ userId: user.id, takenAt: at(minute), valueMgdl: 100 + index, mealContext: 'other' as const })),
        { userId: someoneElse.id, takenAt: at(3), valueMgdl: 999, mealContext: 'other' as const },
      ],
    });

    const pages: { takenAt: Date; valueMgdl: number }[][] = [];
    for await (const page of readingPages(app.db, { userId: user.id, from: at(1), to: at(8) }, 3)) pages.push(page);
    // Minutes 1..8 are readings 101..112: pages of three, the last one short, none lost or repeated.
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 3]);
    const walked = pages.flat();
    expect(walked.map((row) => row.valueMgdl).sort()).toEqual(Array.from({ length: 12 }, (_, index) => 101 + index));
    const times = walked.map((row) => row.takenAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const all: number[] = [];
    for await (const page of readingPages(app.db, { userId: user.id }, 7)) all.push(...page.map((row) => row.valueMgdl));
    expect(all).toHaveLength(14);
    expect(new Set(all).size).toBe(14);
  });
});
