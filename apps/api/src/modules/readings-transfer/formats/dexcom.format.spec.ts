import { detectFormat } from '../format-detector';
import { fixture, localeFixture, parseSample, readingsOf, records, rejectionsOf, skippedKindsOf, treatmentsOf } from '../testing/parse-sample';

/** The Low/High readings: line, flag, and the limit they are kept at. */
const lowHighOf = (sample: Awaited<ReturnType<typeof parseSample>>) =>
  readingsOf(sample).flatMap((reading) => (reading.beyondRange ? [[reading.line, reading.beyondRange, reading.value, reading.unit]] : []));

describe('Dexcom Clarity reader', () => {
  it('reads EGV rows as sensor history, keeps Low/High at 39 and 401 mg/dL, reads carbs and insulin, counts patient and device rows', async () => {
    const sample = await parseSample(fixture('dexcom-clarity.csv'));
    expect(sample.format).toBe('dexcom');
    const readings = readingsOf(sample);
    expect(readings.map((r) => r.value)).toEqual([98, 101, 107, 118, 401, 39, 126, 124]);
    expect(readings[0]).toEqual({
      line: 8,
      takenAt: '2026-11-10T07:00:21.000Z',
      value: 98,
      unit: 'mg/dL',
      context: 'other',
      note: null,
      kind: 'sensor',
      source: 'sensor_history',
      beyondRange: null,
    });
    expect(skippedKindsOf(sample)).toEqual({ deviceInfo: 6 });
    expect(treatmentsOf(sample)).toEqual(['11 carbs 40', '12 insulin 3.5 rapid']);
    expect(rejectionsOf(sample)).toEqual([]);
    expect(lowHighOf(sample)).toEqual([
      [14, 'above', 401, 'mg/dL'],
      [15, 'below', 39, 'mg/dL'],
    ]);
  });

  it('reads an English export with a BOM and every field quoted: untimed rows first, calibrations and other events counted', async () => {
    const sample = await parseSample(localeFixture('clarity-en.csv'), { timeZone: 'America/Los_Angeles' });
    expect(sample.format).toBe('dexcom');
    expect(sample.dateOrder).toMatchObject({ ok: true, order: 'YMD', report: { pattern: 'YYYY-MM-DDTHH:mm:ss', decidedBy: 'file' } });
    expect(readingsOf(sample).flatMap((r) => (r.beyondRange ? [] : [[r.line, r.takenAt, r.value, r.unit]]))).toEqual([
      [7, '2025-09-02T04:58:12.000Z', 112, 'mg/dL'],
      [14, '2025-09-02T05:13:12.000Z', 120, 'mg/dL'],
    ]);
    // The calibration's 118 is a finger-stick entered into the sensor, not a sensor reading.
    expect(skippedKindsOf(sample)).toEqual({ deviceInfo: 5, calibration: 1 });
    expect(treatmentsOf(sample)).toEqual(['11 insulin 4.5 rapid', '12 carbs 30', '13 activity 30 moderate']);
    expect(lowHighOf(sample)).toEqual([
      [8, 'below', 39, 'mg/dL'],
      [9, 'above', 401, 'mg/dL'],
    ]);
  });

  it('reads a German export by position: translated header and event types, mmol/l with decimal commas', async () => {
    const sample = await parseSample(localeFixture('clarity-de.csv'), { timeZone: 'Europe/Berlin' });
    expect(sample.format).toBe('dexcom');
    expect(readingsOf(sample).flatMap((r) => (r.beyondRange ? [] : [[r.takenAt, r.value, r.unit]]))).toEqual([
      ['2025-10-25T23:50:00.000Z', 6.4, 'mmol/L'],
      ['2025-10-25T23:55:00.000Z', 6.6, 'mmol/L'],
    ]);
    expect(skippedKindsOf(sample)).toEqual({ deviceInfo: 4, calibration: 1 });
    expect(treatmentsOf(sample)).toEqual(['9 insulin 3 rapid', '10 carbs 20']);
    // In a mmol/l file too, a Low is kept at the sensor's limit in mg/dL, not at a rounded mmol/L value.
    expect(lowHighOf(sample)).toEqual([[11, 'below', 39, 'mg/dL']]);
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

  it.each([
    ['Spanish', 'Índice,Marca temporal (AAAA-MM-DDThh:mm:ss),Tipo de evento,Subtipo de evento,Información del paciente,Información del dispositivo,ID del dispositivo de origen,Valor de glucosa (mg/dl)'],
    ['German', 'Index,Zeitstempel (JJJJ-MM-TTThh:mm:ss),Ereignistyp,Ereignis-Subtyp,Patienteninfo,Geräteinfo,Quellgeräte-ID,Glukosewert (mmol/l)'],
  ])('recognises a %s header by its shape', async (_language, header) => {
    expect(detectFormat(await records(`${header}\n`))?.reader.format).toBe('dexcom');
  });

  it('refuses a header without a glucose unit in its 8th column', async () => {
    const header =
      'Index,Timestamp (YYYY-MM-DDThh:mm:ss),Event Type,Event Subtype,Patient Info,Device Info,Source Device ID,Glucose Value,Insulin Value (u)';
    await expect(parseSample(`${header}\n1,2026-01-01T00:00:00,EGV,,,,G6,100,`)).rejects.toThrow(/no "Glucose Value" column with a unit/);
  });
});
