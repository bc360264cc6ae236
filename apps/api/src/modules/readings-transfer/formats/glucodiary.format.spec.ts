import { fixture, parseSample, readingsOf, rejectionsOf } from '../testing/parse-sample';

describe('GlucoDiary CSV reader', () => {
  it('reads its own export: offsets, units, contexts and notes', async () => {
    const sample = await parseSample(fixture('glucodiary-export.csv'), { timeZone: 'Asia/Tokyo' });
    expect(sample.format).toBe('glucodiary');
    // An export from before kinds were recorded: its readings are typed finger-sticks.
    const typed = { kind: 'fingerstick', source: 'typed', beyondRange: null };
    expect(readingsOf(sample)).toEqual([
      { line: 2, takenAt: '2026-11-14T06:05:00.000Z', value: 97, unit: 'mg/dL', context: 'fasting', note: null, ...typed },
      { line: 3, takenAt: '2026-11-14T08:30:00.000Z', value: 162, unit: 'mg/dL', context: 'after_meal', note: 'pancakes, syrup', ...typed },
      // The quote that kept a spreadsheet from running the note as a formula is removed.
      { line: 4, takenAt: '2026-11-14T21:00:00.000Z', value: 7.1, unit: 'mmol/L', context: 'bedtime', note: '=not a formula', ...typed },
    ]);
  });

  it('reads the kind, source and Low/High of an export that has them, and rejects words it does not know', async () => {
    const sample = await parseSample(
      [
        'takenAt,value,unit,context,note,kind,source,beyondRange',
        '2026-11-14T07:00:00Z,39,mg/dL,other,,sensor,sensor_history,below',
        '2026-11-14T07:05:00Z,6.1,mmol/L,other,,sensor,sensor_scan,',
        '2026-11-14T07:06:00Z,110,mg/dL,fasting,,fingerstick,meter,',
        '2026-11-14T07:07:00Z,110,mg/dL,fasting,,blood,meter,lower',
      ].join('\n'),
    );
    expect(readingsOf(sample).map((r) => [r.line, r.kind, r.source, r.beyondRange])).toEqual([
      [2, 'sensor', 'sensor_history', 'below'],
      [3, 'sensor', 'sensor_scan', null],
      [4, 'fingerstick', 'meter', null],
    ]);
    expect(rejectionsOf(sample)).toEqual([
      { line: 5, reason: 'kind "blood" is not one of fingerstick, sensor; beyondRange "lower" is not one of below, above' },
    ]);
  });

  it('rejects unknown units and contexts, naming both', async () => {
    const sample = await parseSample('takenAt,value,unit,context,note\n2026-11-14T07:05:00Z,97,mg,lunch,\n2026-11-14T07:06:00Z,97,g/L,fasting,');
    expect(rejectionsOf(sample)).toEqual([
      { line: 2, reason: 'context "lunch" is not one of fasting, before_meal, after_meal, bedtime, other' },
      { line: 3, reason: 'unit "g/L" is neither mg/dL nor mmol/L' },
    ]);
  });
});
