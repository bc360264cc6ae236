import { TestBed } from '@angular/core/testing';
import type { LogbookReport, LogbookSensorSummary, LogbookSlotTreatments, Reading } from '@glucodiary/contracts';
import { readingFixture } from '../testing/reading.testing';
import { LogbookTable } from './logbook-table';

type Day = LogbookReport['days'][number];
type Entry = Day['entries'][number];

const report = (days: Day[]): LogbookReport => ({
  from: '2026-11-13T23:00:00.000Z',
  to: '2026-11-15T23:00:00.000Z',
  timeZone: 'Europe/Berlin',
  unit: 'mg/dL',
  targetRange: { low: 70, high: 180 },
  days,
});

const fingerstick = (slot: Entry['slot'], timing: Entry['timing'], reading: Partial<Reading> & { value: number }): Entry => ({
  slot,
  timing,
  reading: readingFixture({ ...reading, valueMgdl: reading.value }),
});

const figure = (value: number, beyondRange: 'below' | 'above' | null = null) => ({ value, valueMgdl: value, beyondRange });
const lunchSensor: LogbookSensorSummary = { slot: 'lunch', count: 48, median: figure(125), lowest: figure(39, 'below'), highest: figure(210) };

type InsulinSums = LogbookSlotTreatments['insulin'];
const dose = (units: number, doses = 1) => ({ units, doses });
const none = dose(0, 0);
const slotTreatments = (
  slot: LogbookSlotTreatments['slot'],
  { rapid = none, long = none, other = none, carbs = { grams: 0, entries: 0 } }: Partial<InsulinSums> & { carbs?: LogbookSlotTreatments['carbs'] },
): LogbookSlotTreatments => ({ slot, insulin: { rapid, long, other }, carbs });

async function render(days: Day[]) {
  const fixture = TestBed.createComponent(LogbookTable);
  fixture.componentRef.setInput('report', report(days));
  fixture.componentRef.setInput('profile', null);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  // A meal's cell across its before/after columns has the meal's header, and neither of those.
  const cell = (day: string, slot: string, timing?: string) =>
    element.querySelector<HTMLElement>(`tbody:nth-of-type(${day}) td[headers$="-${timing ? `${slot}-${timing}` : slot}"]`);
  return { element, cell };
}

const values = (cell: HTMLElement | null) => Array.from(cell?.querySelectorAll('.entry .value') ?? []).map((value) => value.textContent);
/** What a cell's line of insulin or carbs shows, and what a screen reader says instead. */
const treatmentLine = (cell: HTMLElement | null, kind: 'insulin' | 'carbs') => {
  const line = cell?.querySelector(`.treatment.${kind}`);
  return line && { shown: line.querySelector('[aria-hidden=true]')?.textContent, said: line.querySelector('.visually-hidden')?.textContent };
};

describe('LogbookTable', () => {
  it('names each value’s band in text for screen readers, the symbol hidden from them', async () => {
    const { element } = await render([
      {
        date: '2026-11-14',
        entries: [fingerstick('breakfast', 'before', { takenAt: '2026-11-14T06:05:00.000Z', value: 250 })],
        sensorSummaries: [],
        treatments: [],
      },
    ]);
    const entry = element.querySelector('.entry');
    expect(entry?.querySelector('.symbol')?.getAttribute('aria-hidden')).toBe('true');
    expect(entry?.querySelector('.visually-hidden')?.textContent).toBe('High');
    expect(entry?.textContent).toContain('250');
  });

  it('sums a sensor up across the meal’s two columns: median, count and range, a LO shown as LO', async () => {
    const { element, cell } = await render([{ date: '2026-11-14', entries: [], sensorSummaries: [lunchSensor], treatments: [] }]);
    expect(element.querySelectorAll('tbody tr')).toHaveLength(1);
    const lunch = cell('1', 'lunch');
    expect(lunch?.getAttribute('colspan')).toBe('2');
    expect(cell('1', 'lunch', 'before')).toBeNull();
    expect(cell('1', 'breakfast', 'before')).not.toBeNull();
    expect(lunch?.querySelector('.sensor .value')?.textContent).toBe('125');
    expect(lunch?.querySelector('.sensor .visually-hidden')?.textContent).toBe('In range');
    const spread = lunch?.querySelector('.spread');
    expect(spread?.textContent).toContain('48 sensor readings');
    expect(spread?.textContent).toContain('210');
    expect(spread?.textContent).not.toContain('39');
    expect(spread?.querySelector('[aria-hidden=true]')?.textContent).toBe('LO');
    expect(spread?.querySelector('.visually-hidden')?.textContent).toBe("LO, below the sensor's range");
  });

  it('shows a sensor median that is a HI as HI, banded very high', async () => {
    const dinner: LogbookSensorSummary = { slot: 'dinner', count: 3, median: figure(401, 'above'), lowest: figure(300), highest: figure(401, 'above') };
    const { cell } = await render([{ date: '2026-11-14', entries: [], sensorSummaries: [dinner], treatments: [] }]);
    const median = cell('1', 'dinner')?.querySelector('.sensor .entry');
    expect(median?.classList).toContain('band-veryHigh');
    expect(median?.querySelector('.value [aria-hidden=true]')?.textContent).toBe('HI');
    expect(median?.textContent).not.toContain('401');
  });

  it('puts an "other" finger-stick at lunch across lunch’s columns, never in the before column', async () => {
    const other = fingerstick('lunch', null, { id: 'other', takenAt: '2026-11-15T11:30:00.000Z', value: 140, context: 'other' });
    const before = fingerstick('lunch', 'before', { id: 'before', takenAt: '2026-11-14T11:00:00.000Z', value: 110 });
    const otherOnDay14 = { ...other, reading: { ...other.reading, id: 'other-14', takenAt: '2026-11-14T11:30:00.000Z', value: 150, valueMgdl: 150 } };
    const { element, cell } = await render([
      { date: '2026-11-15', entries: [other], sensorSummaries: [], treatments: [] },
      { date: '2026-11-14', entries: [before, otherOnDay14], sensorSummaries: [lunchSensor], treatments: [] },
    ]);

    // Only "other" at lunch: one row, the cell across both columns.
    expect(values(cell('1', 'lunch'))).toEqual(['140']);
    expect(cell('1', 'lunch')?.getAttribute('colspan')).toBe('2');
    expect(cell('1', 'lunch', 'before')).toBeNull();

    // Before and "other" at lunch: a second row for the day holds what belongs to neither column.
    const [first, second] = Array.from(element.querySelectorAll('tbody:nth-of-type(2) tr'));
    expect(first?.querySelector('th')?.getAttribute('rowspan')).toBe('2');
    expect(values(cell('2', 'lunch', 'before'))).toEqual(['110']);
    expect(values(cell('2', 'lunch', 'after'))).toEqual([]);
    const lunch = cell('2', 'lunch');
    expect(lunch?.closest('tr')).toBe(second);
    expect(values(lunch)).toEqual(['125', '150']); // the sensor's median, then the finger-stick
    expect(cell('2', 'night')?.getAttribute('rowspan')).toBe('2');
  });

  it('shows a meal’s insulin, rapid and long apart, and carbs across its columns, said in words to screen readers', async () => {
    const before = fingerstick('breakfast', 'before', { takenAt: '2026-11-14T06:05:00.000Z', value: 110 });
    const breakfast = slotTreatments('breakfast', { rapid: dose(4), long: dose(12), carbs: { grams: 60, entries: 2 } });
    const { element, cell } = await render([{ date: '2026-11-14', entries: [before], sensorSummaries: [], treatments: [breakfast] }]);

    // Before breakfast in its column; the insulin and carbs in a second row, under before and after.
    const [, second] = Array.from(element.querySelectorAll('tbody tr'));
    expect(values(cell('1', 'breakfast', 'before'))).toEqual(['110']);
    expect(cell('1', 'breakfast')?.closest('tr')).toBe(second);
    expect(cell('1', 'breakfast')?.getAttribute('colspan')).toBe('2');
    expect(treatmentLine(cell('1', 'breakfast'), 'insulin')).toEqual({
      shown: '4 U rapid · 12 U long',
      said: 'Insulin: 4 units rapid-acting, 12 units long-acting.',
    });
    expect(treatmentLine(cell('1', 'breakfast'), 'carbs')).toEqual({ shown: '60 g', said: 'Carbs: 60 grams in 2 entries.' });
  });

  it('puts a slot’s insulin and carbs beside its glucose, and gives a day with only those its row', async () => {
    const bedtime = fingerstick('bedtime', null, { takenAt: '2026-11-15T21:30:00.000Z', value: 140, context: 'bedtime' });
    const { element, cell } = await render([
      { date: '2026-11-15', entries: [bedtime], sensorSummaries: [], treatments: [slotTreatments('bedtime', { long: dose(14) })] },
      {
        date: '2026-11-14',
        entries: [],
        sensorSummaries: [],
        treatments: [slotTreatments('night', { carbs: { grams: 15, entries: 1 } }), slotTreatments('dinner', { other: dose(10, 2) })],
      },
    ]);

    // Night and bedtime are single columns: what belongs to them shares the cell, and the day one row.
    expect(element.querySelectorAll('tbody:nth-of-type(1) tr')).toHaveLength(1);
    expect(values(cell('1', 'bedtime'))).toEqual(['140']);
    expect(treatmentLine(cell('1', 'bedtime'), 'insulin')).toEqual({ shown: '14 U long', said: 'Insulin: 14 units long-acting.' });
    expect(treatmentLine(cell('1', 'bedtime'), 'carbs')).toBeNull();

    expect(treatmentLine(cell('2', 'night'), 'carbs')).toEqual({ shown: '15 g', said: 'Carbs: 15 grams.' });
    expect(treatmentLine(cell('2', 'night'), 'insulin')).toBeNull();
    expect(treatmentLine(cell('2', 'dinner'), 'insulin')).toEqual({ shown: '10 U other', said: 'Insulin: 10 units mixed or other in 2 doses.' });
    expect(values(cell('2', 'dinner'))).toEqual([]);
  });
});
