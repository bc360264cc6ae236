import type { CreateReadingBody } from '@glucodiary/contracts';
import { bandOfReading } from '../../../shared/glucose/glucose-band';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { readingChanges } from './reading-changes';

// Stored as 181 mg/dL at 07:05:30, shown to a mmol/L user as 10.0 at 07:05.
const reading = readingFixture({ takenAt: '2026-11-14T06:05:30.000Z', value: 10, unit: 'mmol/L', valueMgdl: 181, context: 'fasting' });
const asShown: CreateReadingBody = { takenAt: '2026-11-14T06:05:00.000Z', value: 10, unit: 'mmol/L', context: 'fasting' };

describe('readingChanges', () => {
  it('leaves the stored value and time alone when only the note changed', () => {
    expect(readingChanges(reading, { ...asShown, note: 'after a run' }, 'Europe/Berlin')).toEqual({ context: 'fasting', note: 'after a run' });
  });

  it('sends value and unit together once the value shown was changed', () => {
    expect(readingChanges(reading, { ...asShown, value: 9.8 }, 'Europe/Berlin')).toEqual({ context: 'fasting', note: null, value: 9.8, unit: 'mmol/L' });
  });

  it('sends the time once its minute was changed', () => {
    const later = '2026-11-14T06:20:00.000Z';
    expect(readingChanges(reading, { ...asShown, takenAt: later }, 'Europe/Berlin')).toEqual({ context: 'fasting', note: null, takenAt: later });
  });

  it('keeps a time in the hour that repeats when clocks go back, where the form reads back the first one', () => {
    // 02:30 in Berlin on 25 Oct 2026 happens twice: 00:30Z (summer time) and 01:30Z (winter time).
    const secondTime = { ...reading, takenAt: '2026-10-25T01:30:00.000Z' };
    const readBack = { ...asShown, takenAt: '2026-10-25T00:30:00.000Z' };
    expect(readingChanges(secondTime, readBack, 'Europe/Berlin')).toEqual({ context: 'fasting', note: null });
  });
});

describe('bandOfReading', () => {
  it('judges the stored value, not the rounded one shown', () => {
    // 10.0 mmol/L is 180 mg/dL, in range; the stored 181 mg/dL is above the default target (70–180).
    expect(bandOfReading(reading, null)).toBe('high');
    // 69.4 mg/dL shows as 3.9 mmol/L, which is 70 mg/dL, in range; what was stored is low.
    expect(bandOfReading({ valueMgdl: 69.4 }, null)).toBe('low');
  });
});
