import { fixture, parseSample, readingsOf, rejectionsOf } from '../testing/parse-sample';

describe('LibreView reader', () => {
  it('reads historic, scan and strip glucose from an mg/dL export and skips other record types', async () => {
    const sample = await parseSample(fixture('libreview-mgdl.csv'));
    expect(sample.format).toBe('libreview');
    const readings = readingsOf(sample);
    expect(readings.map((r) => r.value)).toEqual([104, 109, 117, 121, 138, 152, 96, 131]);
    expect(readings[0]).toEqual({ line: 3, takenAt: '2026-11-02T06:58:00.000Z', value: 104, unit: 'mg/dL', context: 'other', note: null });
    expect(readings.find((r) => r.value === 96)).toMatchObject({ note: 'before lunch, meter check', takenAt: '2026-11-02T12:05:00.000Z' });
    // Food (5), insulin (4) and time change (6) are not glucose readings.
    expect(sample.rows.filter((row) => row.kind === 'skipped')).toHaveLength(3);
    expect(rejectionsOf(sample)).toEqual([
      { line: 11, reason: 'no glucose value' },
      { line: 12, reason: 'value "abc" is not a number' },
    ]);
  });

  it('reads mmol/L exports with quoted decimal commas', async () => {
    const readings = readingsOf(await parseSample(fixture('libreview-mmol-comma.csv')));
    expect(readings.map((r) => [r.value, r.unit])).toEqual([
      [5.8, 'mmol/L'],
      [6.1, 'mmol/L'],
      [6.5, 'mmol/L'],
      [5.3, 'mmol/L'],
      [40, 'mmol/L'],
    ]);
    expect(readings[3]?.note).toBe('vor dem Essen');
  });

  it("reads the device's local time in the user's time zone", async () => {
    const readings = readingsOf(await parseSample(fixture('libreview-mgdl.csv'), { timeZone: 'Europe/Berlin' }));
    expect(readings[0]?.takenAt).toBe('2026-11-02T05:58:00.000Z');
  });

  it('rejects a local time inside the spring-forward gap instead of guessing', async () => {
    const text = [
      'Glucose Data,Generated on,03-30-2026 09:00 UTC',
      'Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mg/dL,Scan Glucose mg/dL,Strip Glucose mg/dL,Notes',
      'FreeStyle Libre 2,X1,03-29-2026 01:55,0,100,,,',
      'FreeStyle Libre 2,X1,03-29-2026 02:10,0,101,,,',
      'FreeStyle Libre 2,X1,03-29-2026 03:10,0,102,,,',
    ].join('\n');
    const sample = await parseSample(text, { timeZone: 'Europe/Berlin' });
    expect(readingsOf(sample).map((r) => r.takenAt)).toEqual(['2026-03-29T00:55:00.000Z', '2026-03-29T01:10:00.000Z']);
    expect(rejectionsOf(sample)).toEqual([
      { line: 4, reason: 'local time "03-29-2026 02:10" does not exist in Europe/Berlin (clocks were put forward then)' },
    ]);
  });

  it('handles a BOM and CRLF line ends, and rejects impossible dates', async () => {
    const text =
      '\uFEFFGlucose Data,Generated on,x\r\n' +
      'Device,Serial Number,Device Timestamp,Record Type,Historic Glucose mg/dL,Scan Glucose mg/dL,Strip Glucose mg/dL,Notes\r\n' +
      'Libre,X1,11-01-2026 08:00,0,99,,,\r\n' +
      'Libre,X1,13-01-2026 08:00,0,99,,,\r\n';
    const sample = await parseSample(text);
    expect(readingsOf(sample).map((r) => r.takenAt)).toEqual(['2026-11-01T08:00:00.000Z']);
    expect(rejectionsOf(sample)[0]).toMatchObject({ line: 4, reason: expect.stringContaining('not a valid date and time') });
  });
});
