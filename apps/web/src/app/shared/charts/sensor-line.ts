/**
 * Sensor readings further apart than this are a gap in the line, never a straight stretch across
 * it. A Libre writes its history every 15 minutes and a Dexcom reads every 5, so 20 minutes is
 * one Libre interval with room for clock jitter, and more than three missed 5-minute readings.
 */
export const SENSOR_GAP_MS = 20 * 60_000;

/** A point of a line; null `y` is where chart.js breaks it (with `spanGaps` off). */
export interface LinePoint {
  x: number;
  y: number | null;
}

/**
 * Points in time order as one line, with a null point just after each point followed by a
 * silence longer than `gapMs`, so the line stops there and starts again after the silence.
 */
export function brokenLine<T extends LinePoint>(points: readonly T[], gapMs: number = SENSOR_GAP_MS): (T | LinePoint)[] {
  const line: (T | LinePoint)[] = [];
  points.forEach((point, index) => {
    const previous = points[index - 1];
    if (previous && point.x - previous.x > gapMs) line.push({ x: previous.x + 1, y: null });
    line.push(point);
  });
  return line;
}

/**
 * Each point's radius on a line otherwise drawn without points: a reading alone between two gaps
 * (or at an end beside one) is no segment, so it shows as a dot instead of vanishing.
 */
export function loneReadingRadii(line: readonly LinePoint[], radius: number): number[] {
  const present = (point: LinePoint | undefined) => point !== undefined && point.y !== null;
  return line.map((point, index) => (present(point) && !present(line[index - 1]) && !present(line[index + 1]) ? radius : 0));
}
