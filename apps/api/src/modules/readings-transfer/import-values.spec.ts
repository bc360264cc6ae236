import { parseGlucoseNumber, parseMealContext, parseTimestamp, parseUnit, unitAtEnd, unitInHeader } from './import-values';

describe('import values', () => {
  it.each([
    ['142', 142],
    ['7.8', 7.8],
    ['7,8', 7.8],
    [' 5,6 ', 5.6],
  ])('reads the number %j', (text, value) => {
    expect(parseGlucoseNumber(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'no glucose value'],
    ['Low', 'beyond its measuring range'],
    ['HIGH', 'beyond its measuring range'],
    ['1.2.3', 'is not a number'],
    ['-5', 'is not a number'],
    ['12e3', 'is not a number'],
  ])('refuses %j', (text, reason) => {
    const parsed = parseGlucoseNumber(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });

  it('reads units from headers and cells', () => {
    expect(unitInHeader('Historic Glucose mmol/L')).toBe('mmol/L');
    expect(unitInHeader('Glucose Value (mg/dL)')).toBe('mg/dL');
    expect(unitInHeader('Notes')).toBeNull();
    expect(parseUnit('MG/DL')).toBe('mg/dL');
    expect(parseUnit('mmol/l')).toBe('mmol/L');
    expect(parseUnit('g/L')).toBeNull();
  });

  it('reads ISO instants with an offset as they are, and local times in the zone', () => {
    expect(parseTimestamp('2026-11-14T07:05:00+01:00', 'Asia/Tokyo', 'YMD')).toEqual({ ok: true, value: new Date('2026-11-14T06:05:00Z') });
    expect(parseTimestamp('2026-11-14T07:05:00.250Z', 'Asia/Tokyo', 'YMD')).toEqual({ ok: true, value: new Date('2026-11-14T07:05:00.250Z') });
    expect(parseTimestamp('2026-11-14 07:05', 'Europe/Berlin', 'YMD')).toEqual({ ok: true, value: new Date('2026-11-14T06:05:00Z') });
    expect(parseTimestamp('14.11.2026 07:05', 'UTC', 'DMY')).toEqual({ ok: true, value: new Date('2026-11-14T07:05:00Z') });
    expect(parseTimestamp('11/14/2026 7:05 PM', 'UTC', 'MDY')).toEqual({ ok: true, value: new Date('2026-11-14T19:05:00Z') });
  });

  it('reads a date written year last in the order it is given, with any of the separators - / .', () => {
    for (const separator of ['-', '/', '.']) {
      const text = `01${separator}09${separator}2025 21:58`;
      expect(parseTimestamp(text, 'UTC', 'DMY'), text).toEqual({ ok: true, value: new Date('2025-09-01T21:58:00Z') });
      expect(parseTimestamp(text, 'UTC', 'MDY'), text).toEqual({ ok: true, value: new Date('2025-01-09T21:58:00Z') });
    }
    expect(parseTimestamp('13-09-2025 07:28', 'UTC', 'MDY')).toMatchObject({ ok: false, reason: expect.stringContaining('(expected MM-DD-YYYY)') });
    expect(parseTimestamp('13-09-2025 07:28', 'UTC', 'YMD')).toMatchObject({ ok: false, reason: expect.stringContaining('(expected YYYY-MM-DD)') });
  });

  it.each([
    ['09-01-2025 9:58 PM', '2025-09-01T21:58:00Z'],
    ['09-01-2025 9:58 pm', '2025-09-01T21:58:00Z'],
    ['09-01-2025 9:58PM', '2025-09-01T21:58:00Z'],
    ['09-01-2025 9:58 p.m.', '2025-09-01T21:58:00Z'],
    ['09-01-2025 9:58 p. m.', '2025-09-01T21:58:00Z'],
    ['09-01-2025 12:05 a.m.', '2025-09-01T00:05:00Z'],
    ['09-01-2025 12:30 PM', '2025-09-01T12:30:00Z'],
    ['09/01/2025, 09:58:30 AM', '2025-09-01T09:58:30Z'],
    ['09-01-2025 21:58', '2025-09-01T21:58:00Z'],
  ])('reads the 12- or 24-hour time of %j', (text, instant) => {
    expect(parseTimestamp(text, 'UTC', 'MDY')).toEqual({ ok: true, value: new Date(instant) });
  });

  it('refuses an hour a 12-hour clock does not have', () => {
    expect(parseTimestamp('09-01-2025 13:05 PM', 'UTC', 'MDY')).toMatchObject({ ok: false, reason: expect.stringContaining('12-hour clock') });
    expect(parseTimestamp('09-01-2025 0:05 AM', 'UTC', 'MDY').ok).toBe(false);
  });

  it('refuses a nonexistent local time, and reads a repeated one as its later occurrence', () => {
    expect(parseTimestamp('2026-03-08 02:30', 'America/New_York', 'YMD')).toMatchObject({ ok: false, reason: expect.stringContaining('does not exist') });
    expect(parseTimestamp('2026-10-25 02:30', 'Europe/Berlin', 'YMD')).toEqual({ ok: true, value: new Date('2026-10-25T01:30:00Z') });
  });

  it.each(['', 'yesterday', '2026-02-30 08:00', '2026-11-14', '2026-11-14 25:00', '01-09-2025 21:58 XM'])('refuses the timestamp %j', (text) => {
    expect(parseTimestamp(text, 'UTC', 'DMY').ok).toBe(false);
  });

  it('tells Low and High apart from other words that are not numbers', () => {
    expect(parseGlucoseNumber('Low')).toMatchObject({ ok: false, beyondRange: 'below' });
    expect(parseGlucoseNumber('HIGH')).toMatchObject({ ok: false, beyondRange: 'above' });
    expect(parseGlucoseNumber('Niedrig')).toMatchObject({ ok: false, beyondRange: 'below' });
    expect(parseGlucoseNumber('abc')).not.toHaveProperty('beyondRange');
  });

  it('finds the unit at the end of a column name only', () => {
    expect(unitAtEnd('Historische glucose mmol/l')).toBe('mmol/L');
    expect(unitAtEnd('Glukosewert (mmol/l)')).toBe('mmol/L');
    expect(unitAtEnd('Glucose Rate of Change (mg/dL/min)')).toBeNull();
    expect(unitAtEnd('Record Type')).toBeNull();
  });

  it('maps meal-context words', () => {
    expect(parseMealContext('after_meal')).toBe('after_meal');
    expect(parseMealContext('Before Lunch')).toBe('before_meal');
    expect(parseMealContext('Nüchtern')).toBe('fasting');
    expect(parseMealContext('snack')).toBe('other');
  });
});
