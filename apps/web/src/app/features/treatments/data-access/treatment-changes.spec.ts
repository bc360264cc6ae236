import { treatmentFixture } from '../../../shared/testing/treatment.testing';
import { editProblems, restoreBodyOf, treatmentChanges } from './treatment-changes';

const dose = treatmentFixture({ takenAt: '2026-07-01T05:30:20.000Z', units: 4.5, insulinKind: 'rapid', purpose: 'meal', insulinName: 'Humalog', note: 'lunch' });

describe('treatment changes', () => {
  it('sends only what was changed, a cleared field as null, and the time only when its minute changed', () => {
    const untouched = { takenAt: '2026-07-01T05:30:00.000Z', units: 4.5, insulinKind: 'rapid', purpose: 'meal', insulinName: 'Humalog', note: 'lunch' } as const;
    expect(treatmentChanges(dose, untouched, 'Europe/Berlin')).toEqual({});
    expect(treatmentChanges(dose, { ...untouched, units: 5, insulinName: null }, 'Europe/Berlin')).toEqual({ units: 5, insulinName: null });
    expect(treatmentChanges(dose, { ...untouched, takenAt: '2026-07-01T05:45:00.000Z' }, 'Europe/Berlin')).toEqual({ takenAt: '2026-07-01T05:45:00.000Z' });
  });

  it('restores a deleted treatment with the fields it had, none it did not, and where it came from', () => {
    expect(restoreBodyOf(dose)).toEqual({
      takenAt: dose.takenAt,
      type: 'insulin',
      units: 4.5,
      insulinKind: 'rapid',
      purpose: 'meal',
      insulinName: 'Humalog',
      note: 'lunch',
      source: 'typed',
    });
    const change = treatmentFixture({ type: 'sensor-change', units: null, insulinKind: null, source: 'import' });
    expect(restoreBodyOf(change)).toEqual({ takenAt: change.takenAt, type: 'sensor-change', source: 'import' });
  });

  it('refuses a missing required field and an amount the API would refuse, before sending', () => {
    expect(editProblems('insulin', { takenAt: dose.takenAt, units: null, insulinKind: 'rapid' })).toEqual({ units: 'The dose is needed.' });
    expect(editProblems('insulin', { takenAt: dose.takenAt, units: 2.33, insulinKind: 'rapid' }).units).toMatch(/in steps of 0.05/);
    expect(editProblems('insulin', { takenAt: dose.takenAt, units: 2.35, insulinKind: 'rapid' })).toEqual({});
    expect(editProblems('carbs', { takenAt: '', grams: 501 })).toEqual({ takenAt: 'Enter when this was.', grams: 'Enter between 0 and 500 grams.' });
  });
});
