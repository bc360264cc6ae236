import { fixture, parseSample, readingsOf, rejectionsOf } from '../testing/parse-sample';

describe('Dexcom Clarity reader', () => {
  it('reads EGV rows, skips patient, device, alert, carb and insulin rows, and rejects Low/High', async () => {
    const sample = await parseSample(fixture('dexcom-clarity.csv'));
    expect(sample.format).toBe('dexcom');
    const readings = readingsOf(sample);
    expect(readings.map((r) => r.value)).toEqual([98, 101, 107, 118, 126, 124]);
    expect(readings[0]).toEqual({ line: 8, takenAt: '2026-11-10T07:00:21.000Z', value: 98, unit: 'mg/dL', context: 'other', note: null });
    expect(sample.rows.filter((row) => row.kind === 'skipped')).toHaveLength(8);
    const rejections = rejectionsOf(sample);
    expect(rejections.map((r) => r.line)).toEqual([14, 15]);
    expect(rejections[0]?.reason).toContain('"High"');
    expect(rejections[1]?.reason).toContain('beyond its measuring range');
  });

  it('reads mmol/L exports and local times in the user zone', async () => {
    const text = [
      'Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value (mmol/L),Insulin Value (u)',
      '1,,FirstName,,Jane,,,,',
      '2,2026-07-01T12:00:00,EGV,,,,G6,"6,4",',
      '3,2026-07-01T12:05:00,EGV,,,,G6,6.6,',
      '4,2026-07-01T12:10:00,EGV,,,,G6,6..6,',
    ].join('\r\n');
    const sample = await parseSample(text, { timeZone: 'America/New_York' });
    expect(readingsOf(sample).map((r) => [r.takenAt, r.value, r.unit])).toEqual([
      ['2026-07-01T16:00:00.000Z', 6.4, 'mmol/L'],
      ['2026-07-01T16:05:00.000Z', 6.6, 'mmol/L'],
    ]);
    expect(rejectionsOf(sample)).toEqual([{ line: 5, reason: 'value "6..6" is not a number' }]);
  });

  it('refuses a header without a glucose column', async () => {
    await expect(parseSample('Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type\n1,2026-01-01T00:00:00,EGV')).rejects.toThrow(
      /no "Glucose Value" column/,
    );
  });
});
