import { logbook } from './logbook';

const reading = (iso: string, context: 'fasting' | 'before_meal' | 'after_meal' | 'bedtime' | 'other', id: string) => ({
  id,
  takenAt: new Date(iso),
  context,
});

describe('logbook', () => {
  it('places readings in the paper diary columns by local time and meal context', () => {
    const days = logbook(
      [
        reading('2026-07-01T05:30:00Z', 'fasting', 'breakfast-before'), // 07:30 Berlin (CEST)
        reading('2026-07-01T11:00:00Z', 'after_meal', 'lunch-after'), // 13:00
        reading('2026-07-01T16:00:00Z', 'before_meal', 'dinner-before'), // 18:00
        reading('2026-07-01T17:30:00Z', 'bedtime', 'bedtime-early'), // 19:30 but logged as bedtime
        reading('2026-07-01T23:30:00Z', 'other', 'night'), // 01:30 on 2 July
      ],
      'Europe/Berlin',
    );
    expect(days.map((day) => day.date)).toEqual(['2026-07-02', '2026-07-01']);
    const placed = days.flatMap((day) => day.entries.map((e) => `${day.date} ${e.slot} ${e.timing} ${e.reading.id}`));
    expect(placed).toEqual([
      '2026-07-02 night null night',
      '2026-07-01 breakfast before breakfast-before',
      '2026-07-01 lunch after lunch-after',
      '2026-07-01 dinner before dinner-before',
      '2026-07-01 bedtime null bedtime-early',
    ]);
  });
});
