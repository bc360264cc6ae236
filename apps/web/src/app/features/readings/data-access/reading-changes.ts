import type { CreateReadingBody, Reading, UpdateReadingBody } from '@glucodiary/contracts';
import { toZonedInputValue } from '../../../core/time/zoned-time';

/**
 * What an edit of `reading` changes. The form shows the value rounded in the user's unit and the
 * local time to the minute; sending those back untouched would overwrite the stored reading with
 * them (181 mg/dL shown as 10.0 mmol/L would become 180.18 mg/dL, 07:05:30 would become 07:05,
 * and a time in the hour that repeats when clocks go back could move by an hour), so value and
 * unit go only when the value shown was changed, the time only when the local minute shown was.
 */
export function readingChanges(reading: Reading, edited: CreateReadingBody, timeZone: string): UpdateReadingBody {
  const changes: UpdateReadingBody = { context: edited.context, note: edited.note ?? null };
  if (edited.value !== reading.value || edited.unit !== reading.unit) {
    changes.value = edited.value;
    changes.unit = edited.unit;
  }
  const shown = (instant: string) => toZonedInputValue(new Date(instant), timeZone);
  if (shown(edited.takenAt) !== shown(reading.takenAt)) changes.takenAt = edited.takenAt;
  return changes;
}

/** What adding a deleted reading back sends: the reading as it was stored, for undo. */
export function restoreBodyOf(reading: Reading): CreateReadingBody {
  // The canonical mg/dL value, so undo restores exactly what was stored, not its rounded display.
  return {
    takenAt: reading.takenAt,
    value: reading.valueMgdl,
    unit: 'mg/dL',
    context: reading.context,
    ...(reading.note && { note: reading.note }),
    // A sensor's LO/HI comes back as one, not as a typed 39 mg/dL.
    kind: reading.kind,
    source: reading.source,
    beyondRange: reading.beyondRange,
  };
}
