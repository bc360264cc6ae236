import { mean, percentile, sampleStandardDeviation } from './percentile';

describe('percentile (linear interpolation between ranks)', () => {
  it.each([
    [0, 1],
    [25, 1.75],
    [50, 2.5],
    [95, 3.85],
    [100, 4],
  ])('p%s of 1,2,3,4 is %s', (p, expected) => {
    expect(percentile([1, 2, 3, 4], p)).toBeCloseTo(expected, 10);
  });

  it('of a single value is that value', () => {
    expect(percentile([7], 5)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
  });

  it('refuses an empty list', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it('mean and sample standard deviation of 100,120,140 are 120 and 20', () => {
    expect(mean([100, 120, 140])).toBe(120);
    expect(sampleStandardDeviation([100, 120, 140])).toBe(20);
  });
});
