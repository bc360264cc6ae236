import { CONSENSUS_TARGET } from './glucose-bands';
import { glucoseManagementIndicator, glucoseStatistics, type ReadingForStatistics } from './glucose-statistics';

const START = Date.parse('2026-05-01T00:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Readings typed by hand, one a minute from the start of May. */
const readings = (values: number[], context: ReadingForStatistics['context'] = 'other'): ReadingForStatistics[] =>
  values.map((valueMgdl, index) => ({ valueMgdl, context, takenAt: new Date(START + index * MINUTE), kind: 'fingerstick', source: 'typed' }));
const period = (days: number) => ({ from: new Date(START), to: new Date(START + days * DAY), days });

describe('glucose statistics', () => {
  it('with no readings withholds every figure and says why', () => {
    const stats = glucoseStatistics([], CONSENSUS_TARGET, period(14));
    expect(stats).toMatchObject({ count: 0, readingsPerDay: 0, meanMgdl: null, timeInRange: null, lowestMgdl: null });
    expect(stats.withheld.map((w) => w.figure)).toEqual(
      expect.arrayContaining(['mean', 'variability', 'gmi', 'timeInRange', 'beforeMealMean', 'afterMealMean']),
    );
    expect(stats.withheld).toContainEqual({ figure: 'mean', reason: 'needs at least 1 reading, has 0' });
  });

  it('with one reading gives the mean, lowest and highest but no variability', () => {
    const stats = glucoseStatistics(readings([123]), CONSENSUS_TARGET, period(1));
    expect(stats).toMatchObject({ count: 1, meanMgdl: 123, lowestMgdl: 123, highestMgdl: 123 });
    expect(stats.standardDeviationMgdl).toBeNull();
    expect(stats.coefficientOfVariation).toBeNull();
    expect(stats.withheld).toContainEqual({ figure: 'variability', reason: 'needs at least 3 readings, has 1' });
  });

  it('computes mean 120, SD 20 and CV 16.7% for 100, 120, 140', () => {
    const stats = glucoseStatistics(readings([100, 120, 140]), CONSENSUS_TARGET, period(2));
    expect(stats.meanMgdl).toBe(120);
    expect(stats.standardDeviationMgdl).toBe(20);
    expect(stats.coefficientOfVariation).toBeCloseTo(16.6667, 4);
    expect(stats.readingsPerDay).toBe(1.5);
  });

  it('gives SD and CV of zero when every reading is equal', () => {
    const stats = glucoseStatistics(readings([100, 100, 100, 100, 100]), CONSENSUS_TARGET, period(1));
    expect(stats.standardDeviationMgdl).toBe(0);
    expect(stats.coefficientOfVariation).toBe(0);
    expect(stats.timeInRange).toEqual({ veryLow: 0, low: 0, inRange: 100, high: 0, veryHigh: 0 });
  });

  it('splits readings into the consensus bands as percentages', () => {
    const stats = glucoseStatistics(readings([50, 60, 80, 100, 120, 150, 170, 200, 240, 300]), CONSENSUS_TARGET, period(5));
    expect(stats.timeInRange).toEqual({ veryLow: 10, low: 10, inRange: 50, high: 20, veryHigh: 10 });
  });

  it('puts readings exactly on 54, 70, 180 and 250 in the bands the consensus names', () => {
    const stats = glucoseStatistics(readings([54, 70, 180, 250, 251]), CONSENSUS_TARGET, period(1));
    expect(stats.timeInRange).toEqual({ veryLow: 0, low: 20, inRange: 40, high: 20, veryHigh: 20 });
  });

  it('handles readings entered in mmol/L at the limits like their mg/dL equivalents', () => {
    const stats = glucoseStatistics(readings([3.0, 3.9, 10.0, 13.9, 14.0].map((mmol) => mmol * 18.0182)), CONSENSUS_TARGET, period(1));
    expect(stats.timeInRange).toEqual({ veryLow: 0, low: 20, inRange: 40, high: 20, veryHigh: 20 });
  });

  it('computes GMI from the mean: 154 mg/dL gives 6.99% and 52.9 mmol/mol', () => {
    expect(glucoseManagementIndicator(154).percent).toBeCloseTo(6.99368, 5);
    expect(glucoseManagementIndicator(154).mmolPerMol).toBeCloseTo(52.937, 2);
    const enough = glucoseStatistics(readings(Array.from({ length: 28 }, () => 154)), CONSENSUS_TARGET, period(14));
    expect(enough.gmiPercent).toBeCloseTo(6.99368, 5);
    const tooFew = glucoseStatistics(readings(Array.from({ length: 27 }, () => 154)), CONSENSUS_TARGET, period(14));
    expect(tooFew.gmiPercent).toBeNull();
    expect(tooFew.withheld).toContainEqual({ figure: 'gmi', reason: 'needs at least 28 readings, has 27' });
  });

  it('averages fasting and before-meal readings apart from after-meal ones', () => {
    const stats = glucoseStatistics(
      [...readings([90], 'fasting'), ...readings([110], 'before_meal'), ...readings([160, 180], 'after_meal'), ...readings([300], 'bedtime')],
      CONSENSUS_TARGET,
      period(1),
    );
    expect(stats.beforeMealMeanMgdl).toBe(100);
    expect(stats.afterMealMeanMgdl).toBe(170);
  });

  it('copes with two years of CGM data: lowest and highest of 210,528 readings', () => {
    // Spreading this many values into Math.min overflowed the stack and made the report a 500.
    const values = Array.from({ length: 731 * 288 }, (_, index) => 60 + ((index * 7) % 200));
    values[123_456] = 41;
    values[200_001] = 399;
    const stats = glucoseStatistics(readings(values), CONSENSUS_TARGET, period(731));
    expect(stats).toMatchObject({ count: 210_528, lowestMgdl: 41, highestMgdl: 399 });
  });
  it('counts a scan beside the sensor history once and says which readings it used', () => {
    // A day of 15-minute history at 100 mg/dL with 02:00–04:00 missing, two scans and a meter reading.
    const history: ReadingForStatistics[] = Array.from({ length: 96 }, (_, slot) => slot)
      .filter((slot) => slot < 8 || slot >= 16)
      .map((slot) => ({ valueMgdl: 100, context: 'other', takenAt: new Date(START + slot * 15 * MINUTE), kind: 'sensor', source: 'sensor_history' }));
    const scan = (minute: number, valueMgdl: number): ReadingForStatistics => ({
      valueMgdl,
      context: 'other',
      takenAt: new Date(START + minute * MINUTE),
      kind: 'sensor',
      source: 'sensor_scan',
    });
    const meter: ReadingForStatistics = { valueMgdl: 130, context: 'before_meal', takenAt: new Date(START + 12 * 60 * MINUTE), kind: 'fingerstick', source: 'meter' };
    const all = [...history, scan(10 * 60 + 10, 300), scan(3 * 60, 160), meter].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());

    const stats = glucoseStatistics(all, CONSENSUS_TARGET, period(1));
    expect(stats).toMatchObject({ count: 90, readingsUsed: { sensor: 89, fingerstick: 1 }, scansNotCounted: 1, highestMgdl: 160 });
    expect(stats.sensorActivePercent).toBeCloseTo((88 / 96) * 100, 6);
  });

  it('keeps its figures for readings typed by hand: all finger-sticks, no sensor time', () => {
    const stats = glucoseStatistics(readings([100, 120, 140]), CONSENSUS_TARGET, period(2));
    expect(stats).toMatchObject({ count: 3, readingsUsed: { sensor: 0, fingerstick: 3 }, scansNotCounted: 0, sensorActivePercent: null });
  });

  it('measures the sensor active time only up to now in a period that has not ended', () => {
    const week = Array.from({ length: 7 * 96 }, (_, slot): ReadingForStatistics => ({
      valueMgdl: 100,
      context: 'other',
      takenAt: new Date(START + slot * 15 * MINUTE),
      kind: 'sensor',
      source: 'sensor_history',
    }));
    expect(glucoseStatistics(week, CONSENSUS_TARGET, period(14), new Date(START + 7 * DAY)).sensorActivePercent).toBe(100);
    expect(glucoseStatistics(week, CONSENSUS_TARGET, period(14), new Date(START + 30 * DAY)).sensorActivePercent).toBe(50);
  });

  it('puts a sensor Low stored at its limit of 39 mg/dL in very low and a High stored at 401 in very high', () => {
    const sensor = (valueMgdl: number, minute: number): ReadingForStatistics => ({
      valueMgdl,
      context: 'other',
      takenAt: new Date(START + minute * 5 * MINUTE),
      kind: 'sensor',
      source: 'sensor_history',
    });
    const stats = glucoseStatistics([39, 100, 100, 100, 401].map(sensor), CONSENSUS_TARGET, period(1));
    expect(stats.timeInRange).toEqual({ veryLow: 20, low: 0, inRange: 60, high: 0, veryHigh: 20 });
  });
});
