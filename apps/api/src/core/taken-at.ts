import { EARLIEST_READING_AT, FUTURE_TOLERANCE_MS } from '@glucodiary/contracts';

export type FieldProblem = { field: string; message: string };

/** The time of a reading or treatment: a real instant, not in the future (a clock a little fast aside), not before 1900. */
export function takenAtProblems(text: string, now: Date): FieldProblem[] {
  const takenAt = new Date(text);
  if (Number.isNaN(takenAt.getTime())) return [{ field: 'takenAt', message: 'is not a valid date and time' }];
  if (takenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) return [{ field: 'takenAt', message: 'must not be in the future' }];
  if (takenAt < new Date(EARLIEST_READING_AT)) return [{ field: 'takenAt', message: 'must not be before 1900' }];
  return [];
}
