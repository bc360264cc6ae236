import { TestBed } from '@angular/core/testing';
import type { LogbookReport } from '@glucodiary/contracts';
import { LogbookTable } from './logbook-table';

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
});
