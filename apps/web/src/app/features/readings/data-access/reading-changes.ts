import type { CreateReadingBody, Reading, UpdateReadingBody } from '@glucodiary/contracts';

const MINUTE_MS = 60_000;

/**
 * What an edit of `reading` changes. The form shows the value rounded in the user's unit and the
 * time to the minute; sending those back untouched would overwrite the stored reading with them
 * (181 mg/dL shown as 10.0 mmol/L would become 180.18 mg/dL, 07:05:30 would become 07:05), so
 * value and unit go only when the value shown was changed, the time only when its minute was.
 */
export function readingChanges(reading: Reading, edited: CreateReadingBody): UpdateReadingBody {
  const changes: UpdateReadingBody = { context: edited.context, note: edited.note ?? null };
  if (edited.value !== reading.value || edited.unit !== reading.unit) {
    changes.value = edited.value;
    changes.unit = edited.unit;
  }
  if (Math.floor(Date.parse(edited.takenAt) / MINUTE_MS) !== Math.floor(Date.parse(reading.takenAt) / MINUTE_MS)) {
    changes.takenAt = edited.takenAt;
  }
  return changes;
}
