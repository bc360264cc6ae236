import { TestBed } from '@angular/core/testing';
import type { LogbookReport } from '@glucodiary/contracts';
import { CELL_READINGS_LISTED, LogbookTable } from './logbook-table';

const report: LogbookReport = {
  from: '2026-11-13T23:00:00.000Z',
  to: '2026-11-14T23:00:00.000Z',
  timeZone: 'Europe/Berlin',
  unit: 'mg/dL',
  targetRange: { low: 70, high: 180 },
  days: [
    {
      date: '2026-11-14',
      entries: [
        {
          slot: 'breakfast',
          timing: 'before',
          reading: {
            id: 'r1',
            takenAt: '2026-11-14T06:05:00.000Z',
            value: 250,
            unit: 'mg/dL',
            valueMgdl: 250,
            context: 'before_meal',
            note: null,
            createdAt: '2026-11-14T06:05:00.000Z',
            updatedAt: '2026-11-14T06:05:00.000Z',
          },
        },
      ],
    },
  ],
};

describe('LogbookTable', () => {
  it('names each value’s band in text for screen readers, the symbol hidden from them', async () => {
    const fixture = TestBed.createComponent(LogbookTable);
    fixture.componentRef.setInput('report', report);
    fixture.componentRef.setInput('profile', null);
    await fixture.whenStable();
    const entry = (fixture.nativeElement as HTMLElement).querySelector('.entry');
    expect(entry?.querySelector('.symbol')?.getAttribute('aria-hidden')).toBe('true');
    expect(entry?.querySelector('.visually-hidden')?.textContent).toBe('High');
    expect(entry?.textContent).toContain('250');
  });

  it('sums a crowded cell up as median and range, the readings one click away; a sparse cell lists them', async () => {
    const reading = (id: string, minute: number, value: number) => ({
      slot: 'night' as const,
      timing: null,
      reading: { ...report.days[0]!.entries[0]!.reading, id, takenAt: new Date(Date.parse('2026-11-13T23:00:00Z') + minute * 60_000).toISOString(), value, valueMgdl: value },
    });
    const sensorNight = [60, 200, 120, 130, 100, 150].map((value, index) => reading(`n${index}`, index * 5, value));
    const fingerSticks = [reading('b1', 7 * 60, 140), reading('b2', 7 * 60 + 5, 150)].map((entry) => ({ ...entry, slot: 'breakfast' as const, timing: 'before' as const }));
    expect(sensorNight.length).toBeGreaterThan(CELL_READINGS_LISTED);
    const fixture = TestBed.createComponent(LogbookTable);
    fixture.componentRef.setInput('report', { ...report, days: [{ date: '2026-11-14', entries: [...sensorNight, ...fingerSticks] }] });
    fixture.componentRef.setInput('profile', null);
    await fixture.whenStable();
    const [night, breakfast] = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('tbody td'));

    const details = night!.querySelector('details')!;
    expect(details.open).toBe(false);
    const summary = details.querySelector('summary')!;
    expect(summary.querySelector('.value')?.textContent).toBe('125'); // the median of 60, 100, 120, 130, 150, 200
    expect(summary.querySelector('.visually-hidden')?.textContent).toBe('In range');
    expect(summary.querySelector('.spread')?.textContent).toBe('6 readings, 60–200');
    expect(details.querySelectorAll(':scope > .entry')).toHaveLength(6);

    expect(breakfast!.querySelector('details')).toBeNull();
    expect(Array.from(breakfast!.querySelectorAll('.entry .value')).map((value) => value.textContent)).toEqual(['140', '150']);
  });
});
