import { parseGlucoseNumber, parseMealContext, parseTimestamp, parseUnit, unitInHeader } from './import-values';

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
    expect(parseTimestamp('2026-11-14T07:05:00+01:00', 'Asia/Tokyo')).toEqual({ ok: true, value: new Date('2026-11-14T06:05:00Z') });
    expect(parseTimestamp('2026-11-14 07:05', 'Europe/Berlin')).toEqual({ ok: true, value: new Date('2026-11-14T06:05:00Z') });
    expect(parseTimestamp('14.11.2026 07:05', 'UTC')).toEqual({ ok: true, value: new Date('2026-11-14T07:05:00Z') });
    expect(parseTimestamp('11/14/2026 7:05 PM', 'UTC')).toEqual({ ok: true, value: new Date('2026-11-14T19:05:00Z') });
  });

  it('refuses a nonexistent local time, and reads a repeated one as its later occurrence', () => {
    expect(parseTimestamp('2026-03-08 02:30', 'America/New_York')).toMatchObject({ ok: false, reason: expect.stringContaining('does not exist') });
    expect(parseTimestamp('2026-10-25 02:30', 'Europe/Berlin')).toEqual({ ok: true, value: new Date('2026-10-25T01:30:00Z') });
  });

  it.each(['', 'yesterday', '2026-02-30 08:00', '2026-11-14', '2026-11-14 25:00'])('refuses the timestamp %j', (text) => {
    expect(parseTimestamp(text, 'UTC').ok).toBe(false);
  });

  it('maps meal-context words', () => {
    expect(parseMealContext('after_meal')).toBe('after_meal');
    expect(parseMealContext('Before Lunch')).toBe('before_meal');
    expect(parseMealContext('Nüchtern')).toBe('fasting');
    expect(parseMealContext('snack')).toBe('other');
  });
});
