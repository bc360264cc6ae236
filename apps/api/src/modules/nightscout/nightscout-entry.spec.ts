import { numberOf, readEntry } from './nightscout-entry';

const now = new Date('2026-12-05T12:00:00Z');
const at = '2026-12-05T11:55:00.000Z';
const ms = Date.parse(at);

describe('readEntry (a Nightscout entry as uploaders post it)', () => {
  it('reads an sgv as a sensor reading with its arrow and device, from a number or a numeric string', () => {
    for (const sgv of [142, '142', ' 142 ']) {
      expect(readEntry({ type: 'sgv', sgv, date: ms, direction: 'Flat', device: 'xDrip-DexcomG6', noise: 1, filtered: 1, unknown: { x: 1 } }, now)).toEqual({
        kind: 'reading',
        reading: { type: 'sgv', takenAt: new Date(at), valueMgdl: 142, beyondRange: null, kind: 'sensor', source: 'sensor_history', direction: 'Flat', device: 'xDrip-DexcomG6' },
      });
    }
  });

  it('takes the time from `date`, else from an ISO dateString, also with an offset without a colon as xDrip+ writes it', () => {
    const timeOf = (entry: Record<string, unknown>) => {
      const outcome = readEntry({ sgv: 100, ...entry }, now);
      return outcome.kind === 'reading' ? outcome.reading.takenAt.toISOString() : outcome;
    };
    expect(timeOf({ date: String(ms) })).toBe(at);
    expect(timeOf({ dateString: '2026-12-05T12:55:00.000+0100' })).toBe(at);
    expect(timeOf({ dateString: '2026-12-05T04:55:00-07:00' })).toBe(at);
    expect(timeOf({ sysTime: '2026-12-05T11:55:00Z' })).toBe(at);
    // `date` wins: it is what uploaders deduplicate by.
    expect(timeOf({ date: ms, dateString: '2020-01-01T00:00:00Z' })).toBe(at);
    expect(timeOf({ dateString: 'Sat Dec 05 2026 11:55' })).toMatchObject({ kind: 'refused', reason: expect.stringContaining('no time') });
    expect(timeOf({})).toMatchObject({ kind: 'refused' });
    expect(timeOf({ date: ms + 3_600_000 })).toEqual({ kind: 'refused', reason: 'the time must not be in the future' });
  });

  it('keeps a Low and a High at the sensor limit, flagged, and refuses sensor codes and what is not a number', () => {
    const reading = (sgv: unknown) => readEntry({ type: 'sgv', sgv, date: ms }, now);
    expect(reading(39)).toMatchObject({ reading: { valueMgdl: 39, beyondRange: 'below' } });
    expect(reading(25)).toMatchObject({ reading: { valueMgdl: 39, beyondRange: 'below' } });
    expect(reading(40)).toMatchObject({ reading: { valueMgdl: 40, beyondRange: null } });
    expect(reading(500)).toMatchObject({ reading: { valueMgdl: 500, beyondRange: null } });
    expect(reading(650)).toMatchObject({ reading: { valueMgdl: 501, beyondRange: 'above' } });
    expect(reading(5)).toEqual({ kind: 'refused', reason: 'sgv 5 is a sensor code (sensor not calibrated), not glucose' });
    expect(reading('abc')).toEqual({ kind: 'refused', reason: '`sgv` is not a number of mg/dL' });
    expect(reading(null)).toMatchObject({ kind: 'refused' });
  });

  it('reads an mbg as a finger-stick within a meter range, and passes over calibrations and other types', () => {
    expect(readEntry({ type: 'mbg', mbg: '95', date: ms }, now)).toMatchObject({ kind: 'reading', reading: { valueMgdl: 95, kind: 'fingerstick', source: 'meter', direction: null } });
    expect(readEntry({ type: 'mbg', mbg: 700, date: ms }, now)).toMatchObject({ kind: 'refused', reason: expect.stringContaining("outside a meter's range") });
    expect(readEntry({ type: 'cal', slope: 900, intercept: 30000, scale: 1, date: ms }, now)).toEqual({ kind: 'ignored', type: 'cal' });
    expect(readEntry([1, 2], now)).toEqual({ kind: 'refused', reason: 'an entry must be a JSON object' });
  });

  it('reads xDrip+ spellings of the arrows, and no arrow for one it does not know', () => {
    const arrow = (direction: unknown) => {
      const outcome = readEntry({ sgv: 100, date: ms, direction }, now);
      return outcome.kind === 'reading' ? outcome.reading.direction : outcome;
    };
    expect(arrow('NOT_COMPUTABLE')).toBe('NOT COMPUTABLE');
    expect(arrow('DoubleDown')).toBe('DoubleDown');
    expect(arrow('Sideways')).toBeNull();
    expect(arrow(3)).toBeNull();
  });

  it('numberOf takes numbers and numeric strings only', () => {
    expect([numberOf(1.5), numberOf('2.00'), numberOf('-3'), numberOf('1e3'), numberOf(''), numberOf(Number.NaN), numberOf(true)]).toEqual([1.5, 2, -3, null, null, null, null]);
  });
});
