import { fixture, parseSample, readingsOf, rejectionsOf } from '../testing/parse-sample';
import { suggestMapping } from './generic.format';

describe('generic CSV reader', () => {
  const mapping = { timestamp: 'When', value: 'Glucose (mmol/L)', context: 'Meal', note: 'Comment' };

  it('reads mapped columns of a semicolon CSV with decimal commas, taking the unit from the value header', async () => {
    const sample = await parseSample(fixture('generic-meter.csv'), { mapping, timeZone: 'Europe/Vienna' });
    expect(sample.format).toBe('generic');
    // A generic CSV is taken for a meter's: finger-sticks.
    const meter = { kind: 'fingerstick', source: 'meter', beyondRange: null };
    expect(readingsOf(sample)).toEqual([
      { line: 2, takenAt: '2026-11-12T06:15:00.000Z', value: 5.4, unit: 'mmol/L', context: 'fasting', note: null, ...meter },
      { line: 3, takenAt: '2026-11-12T08:40:00.000Z', value: 7.9, unit: 'mmol/L', context: 'after_meal', note: 'porridge', ...meter },
      { line: 4, takenAt: '2026-11-12T11:30:00.000Z', value: 5.9, unit: 'mmol/L', context: 'before_meal', note: null, ...meter },
      { line: 5, takenAt: '2026-11-12T21:45:00.000Z', value: 6.7, unit: 'mmol/L', context: 'bedtime', note: 'tired; long day', ...meter },
    ]);
    expect(rejectionsOf(sample)).toEqual([{ line: 6, reason: 'value "not measured" is not a number' }]);
  });

  it('suggests a mapping from common header names', () => {
    expect(suggestMapping(['When', 'Glucose (mmol/L)', 'Meal', 'Comment'])).toEqual({ ...mapping, defaultUnit: 'mmol/L' });
    expect(suggestMapping(['a', 'b'])).toBeNull();
  });

  it('decides the order of day and month from all of the mapped column, and asks when it cannot', async () => {
    const file = (dates: string[]) => ['Date,Reading', ...dates.map((date, index) => `${date},${100 + index}`)].join('\n');
    const mapping = { timestamp: 'Date', value: 'Reading' };
    const dayFirst = await parseSample(file(['03/04/2026 08:00', '20/11/2026 08:00']), { mapping });
    expect(dayFirst.dateOrder).toMatchObject({ ok: true, order: 'DMY', report: { pattern: 'DD/MM/YYYY HH:mm' } });
    expect(readingsOf(dayFirst)[0]?.takenAt).toBe('2026-04-03T08:00:00.000Z');
    const monthFirst = await parseSample(file(['03/04/2026 08:00', '11/20/2026 08:00']), { mapping });
    expect(readingsOf(monthFirst)[0]?.takenAt).toBe('2026-03-04T08:00:00.000Z');
    // Nothing settles it: the mapping's default YMD is no answer, DMY or MDY is.
    expect((await parseSample(file(['03/04/2026 08:00']), { mapping: { ...mapping, dateOrder: 'YMD' } })).dateOrder).toMatchObject({
      ok: false,
      problem: 'needsChoice',
    });
    const chosen = await parseSample(file(['03/04/2026 08:00']), { mapping: { ...mapping, dateOrder: 'MDY' } });
    expect(readingsOf(chosen)[0]?.takenAt).toBe('2026-03-04T08:00:00.000Z');
    // A mapping whose order the dates rule out is refused, not read half wrong.
    expect((await parseSample(file(['03/04/2026 08:00', '20/11/2026 08:00']), { mapping: { ...mapping, dateOrder: 'MDY' } })).dateOrder).toMatchObject({
      ok: false,
      problem: 'conflict',
    });
  });

  it('uses a unit column, the default unit, and the day-month order it is told', async () => {
    const text = 'Date,Reading,Unit\n03/04/2026 08:00,110,\n03/04/2026 9:30 PM,6.2,mmol/L\n03/04/2026 10:00,6.2,mmol\n31/04/2026 10:00,99,x';
    const sample = await parseSample(text, { mapping: { timestamp: 'Date', value: 'Reading', unit: 'Unit', dateOrder: 'DMY' }, defaultUnit: 'mg/dL' });
    expect(readingsOf(sample).map((r) => [r.takenAt, r.value, r.unit])).toEqual([
      ['2026-04-03T08:00:00.000Z', 110, 'mg/dL'],
      ['2026-04-03T21:30:00.000Z', 6.2, 'mmol/L'],
      ['2026-04-03T10:00:00.000Z', 6.2, 'mmol/L'],
    ]);
    expect(rejectionsOf(sample)[0]?.reason).toMatch(/not a valid date and time.*unit "x"/);
  });

  it('refuses a mapping that names a column the file does not have', async () => {
    await expect(parseSample('a,b\n1,2', { mapping: { timestamp: 'a', value: 'glucose' } })).rejects.toThrow('no column named "glucose"');
  });
});
