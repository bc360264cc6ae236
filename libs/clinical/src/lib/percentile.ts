/**
 * The p-th percentile (0–100) of sorted values, interpolating linearly between the two nearest
 * ranks (Hyndman & Fan type 7, what spreadsheets and numpy use by default).
 */
export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) throw new RangeError('percentile of no values');
  const rank = (p / 100) * (sortedValues.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  const lower = sortedValues[below] as number;
  const upper = sortedValues[above] as number;
  return lower + (upper - lower) * (rank - below);
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Sample standard deviation (n − 1), as glucose reports use. */
export function sampleStandardDeviation(values: readonly number[]): number {
  const average = mean(values);
  const squares = values.reduce((sum, value) => sum + (value - average) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1));
}
