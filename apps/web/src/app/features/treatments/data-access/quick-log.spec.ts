import { HttpErrorResponse } from '@angular/common/http';
import type { CreateTreatmentBody } from '@glucodiary/contracts';
import { partRefusal, quickLogEntry, type QuickLogValues } from './quick-log';

const empty: QuickLogValues = {
  takenAt: '2026-07-01T08:15',
  glucose: { value: null, context: 'before_meal' },
  insulin: { units: null, kind: 'rapid', purpose: null, name: '' },
  carbs: { grams: null },
  note: '',
};
const refused = (details: { field: string; message: string }[]) =>
  new HttpErrorResponse({ status: 400, error: { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message: 'x', details } });

describe('quickLogEntry', () => {
  it('makes one request per part filled, all at the one time, with the note stored once on the first part', () => {
    const { parts, problems } = quickLogEntry(
      { ...empty, glucose: { value: 142, context: 'after_meal' }, insulin: { units: 4.5, kind: 'rapid', purpose: 'meal', name: ' Humalog ' }, carbs: { grams: 60 }, note: ' pizza ' },
      'mg/dL',
      'Europe/Berlin',
    );
    expect(problems).toEqual({});
    const takenAt = '2026-07-01T06:15:00.000Z';
    expect(parts.map((part) => part.body)).toEqual([
      { takenAt, value: 142, unit: 'mg/dL', context: 'after_meal', note: 'pizza' },
      { takenAt, type: 'insulin', units: 4.5, insulinKind: 'rapid', purpose: 'meal', insulinName: 'Humalog' },
      { takenAt, type: 'carbs', grams: 60 },
    ]);
    expect(parts[0]?.controls).toEqual(['glucose.value', 'note']);
  });

  it('marks rapid insulin logged with carbohydrates as meal insulin unless told otherwise; alone, its purpose stays unsaid', () => {
    const purposeOf = (values: Partial<QuickLogValues>) =>
      (quickLogEntry({ ...empty, ...values }, 'mg/dL', 'UTC').parts.find((part) => part.kind === 'insulin')?.body as CreateTreatmentBody | undefined)?.purpose;
    expect(purposeOf({ insulin: { ...empty.insulin, units: 5 }, carbs: { grams: 50 } })).toBe('meal');
    expect(purposeOf({ insulin: { ...empty.insulin, units: 2, purpose: 'correction' }, carbs: { grams: 50 } })).toBe('correction');
    expect(purposeOf({ insulin: { ...empty.insulin, units: 2 } })).toBeUndefined();
    expect(purposeOf({ insulin: { ...empty.insulin, units: 20, kind: 'long' }, carbs: { grams: 50 } })).toBeUndefined();
  });

  it('carries the note with the insulin when there is no reading, and makes a note of its own when it is alone', () => {
    const withInsulin = quickLogEntry({ ...empty, insulin: { ...empty.insulin, units: 20, kind: 'long' }, note: 'evening' }, 'mg/dL', 'UTC');
    expect(withInsulin.parts.map((part) => [part.kind, part.body.note])).toEqual([['insulin', 'evening']]);
    const alone = quickLogEntry({ ...empty, note: 'felt shaky' }, 'mg/dL', 'UTC');
    expect(alone.parts.map((part) => part.body)).toEqual([{ takenAt: '2026-07-01T08:15:00.000Z', type: 'note', note: 'felt shaky' }]);
  });

  it('makes nothing of an empty form, and says what to fix before sending anything', () => {
    expect(quickLogEntry(empty, 'mg/dL', 'UTC')).toEqual({ parts: [], problems: {} });
    const { parts, problems } = quickLogEntry(
      { ...empty, glucose: { value: 40, context: 'other' }, insulin: { ...empty.insulin, units: null, name: 'Lantus' }, carbs: { grams: 600 } },
      'mmol/L',
      'UTC',
    );
    expect(parts).toEqual([]);
    expect(problems).toEqual({
      'glucose.value': 'Enter a glucose value between 1.1 and 33.3 mmol/L.',
      'insulin.units': 'Enter the units of this dose.',
      'carbs.grams': 'Enter between 0 and 500 grams.',
    });
  });
});

describe('partRefusal', () => {
  it("places the API's fields of each part beside the form's own controls", () => {
    expect(partRefusal('insulin', refused([{ field: 'units', message: 'must be between 0.05 and 100 in steps of 0.05' }]))).toEqual({
      byControl: { 'insulin.units': 'The dose must be between 0.05 and 100 in steps of 0.05.' },
      general: null,
    });
    expect(partRefusal('glucose', refused([{ field: 'takenAt', message: 'must not be in the future' }, { field: 'kind', message: 'is odd' }]))).toEqual({
      byControl: { takenAt: 'The time must not be in the future.' },
      general: 'kind is odd',
    });
    expect(partRefusal('carbs', new HttpErrorResponse({ status: 0 })).general).toMatch(/Cannot reach GlucoDiary/);
  });
});
