import type { BeyondRange, InsulinKind, LogbookColumn, ReadingKind } from '@glucodiary/contracts';
import type { ReadingContext } from './glucose-statistics';
import { localTimeOf } from './local-time';
import { percentile } from './percentile';

export type LogbookSlot = LogbookColumn;

/** Local hours at which each column of the paper logbook begins. */
const SLOT_START_HOURS: ReadonlyArray<[LogbookSlot, number]> = [
  ['night', 0],
  ['breakfast', 5],
  ['lunch', 11],
  ['dinner', 16],
  ['bedtime', 21],
];
const SLOT_ORDER: readonly LogbookSlot[] = SLOT_START_HOURS.map(([slot]) => slot);

export interface LogbookReading {
  takenAt: Date;
  context: ReadingContext;
  kind: ReadingKind;
  valueMgdl: number;
  beyondRange: BeyondRange | null;
}

/**
 * Before or after the slot's meal. Null for night and bedtime, and for a reading at a meal's
 * time not logged as before or after it ("other"): it belongs to the meal, to neither column.
 */
export type LogbookTiming = 'before' | 'after' | null;

/** An insulin dose or a meal's carbohydrates, as the logbook needs them. */
export type LogbookTreatment =
  | { type: 'insulin'; takenAt: Date; units: number; insulinKind: InsulinKind }
  | { type: 'carbs'; takenAt: Date; grams: number };

export interface InsulinSum {
  units: number;
  doses: number;
}

/**
 * A slot's insulin and carbohydrates of one day. Rapid and long stay apart: a clinician weighs
 * them against different glucose (rapid against the meal's after value, long against fasting).
 */
export interface SlotTreatments {
  slot: LogbookSlot;
  /** `other` holds mixed insulins and any other kind: neither rapid nor long alone. */
  insulin: Record<'rapid' | 'long' | 'other', InsulinSum>;
  carbs: { grams: number; entries: number };
}

const INSULIN_COLUMN: Readonly<Record<InsulinKind, keyof SlotTreatments['insulin']>> = {
  rapid: 'rapid',
  long: 'long',
  mixed: 'other',
  other: 'other',
};

export interface LogbookEntry<R> {
  slot: LogbookSlot;
  timing: LogbookTiming;
  reading: R;
}

/** A value of a summary; a LO or HI when the reading it comes from lies beyond the sensor's range. */
export interface LogbookFigure {
  valueMgdl: number;
  beyondRange: BeyondRange | null;
}

/** A sensor's readings of one slot of one day, summed up: a CGM gives up to 288 a day. */
export interface SensorSlotSummary {
  slot: LogbookSlot;
  count: number;
  median: LogbookFigure;
  lowest: LogbookFigure;
  highest: LogbookFigure;
}

export interface LogbookDay<R> {
  date: string;
  /** Finger-sticks, each on its own, oldest first. */
  entries: LogbookEntry<R>[];
  /** Sensor readings per slot, in the order of the columns; slots without any are left out. */
  sensorSummaries: SensorSlotSummary[];
  /** Insulin and carbs per slot, in the order of the columns; slots without any are left out. */
  treatments: SlotTreatments[];
}

/**
 * One row per local day, newest first, with each reading in the column of a paper diary: night,
 * breakfast, lunch, dinner, bedtime, and before/after for the meals. A reading logged as
 * "bedtime" goes to bedtime whatever the clock says; the rest go by local time of day.
 * Finger-sticks stay single entries; a sensor's readings are summed up per slot. Insulin and carbs
 * are summed per slot by local time of day; a day with only those still gets its row.
 */
export function logbook<R extends LogbookReading>(
  readings: readonly R[],
  timeZone: string,
  treatments: readonly LogbookTreatment[] = [],
): LogbookDay<R>[] {
  type DayContent = { entries: LogbookEntry<R>[]; sensor: Map<LogbookSlot, R[]>; treatments: Map<LogbookSlot, SlotTreatments> };
  const days = new Map<string, DayContent>();
  const dayAt = (takenAt: Date) => {
    const { date, minuteOfDay } = localTimeOf(takenAt, timeZone);
    const day: DayContent = days.get(date) ?? { entries: [], sensor: new Map(), treatments: new Map() };
    days.set(date, day);
    return { day, slotByClock: slotAt(minuteOfDay / 60) };
  };
  const sorted = [...readings].sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime());
  for (const reading of sorted) {
    const { day, slotByClock } = dayAt(reading.takenAt);
    const slot = reading.context === 'bedtime' ? 'bedtime' : slotByClock;
    if (reading.kind === 'fingerstick') {
      day.entries.push({ slot, timing: timingOf(slot, reading.context), reading });
    } else {
      const slotReadings = day.sensor.get(slot) ?? [];
      slotReadings.push(reading);
      day.sensor.set(slot, slotReadings);
    }
  }
  for (const treatment of treatments) {
    const { day, slotByClock } = dayAt(treatment.takenAt);
    const sums = day.treatments.get(slotByClock) ?? noTreatments(slotByClock);
    day.treatments.set(slotByClock, sums);
    addTreatment(sums, treatment);
  }
  return [...days.entries()]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([date, { entries, sensor, treatments: slotTreatments }]) => ({
      date,
      entries,
      sensorSummaries: SLOT_ORDER.flatMap((slot) => {
        const slotReadings = sensor.get(slot);
        return slotReadings ? [summarise(slot, slotReadings)] : [];
      }),
      treatments: SLOT_ORDER.flatMap((slot) => slotTreatments.get(slot) ?? []),
    }));
}

function noTreatments(slot: LogbookSlot): SlotTreatments {
  const none = (): InsulinSum => ({ units: 0, doses: 0 });
  return { slot, insulin: { rapid: none(), long: none(), other: none() }, carbs: { grams: 0, entries: 0 } };
}

/** Sums to the hundredth: doses come in steps of 0.05, and adding floats drifts (0.1 + 0.2 is 0.30000000000000004). */
const hundredths = (value: number) => Math.round(value * 100) / 100;

function addTreatment(sums: SlotTreatments, treatment: LogbookTreatment): void {
  if (treatment.type === 'carbs') {
    sums.carbs.grams = hundredths(sums.carbs.grams + treatment.grams);
    sums.carbs.entries += 1;
  } else {
    const sum = sums.insulin[INSULIN_COLUMN[treatment.insulinKind]];
    sum.units = hundredths(sum.units + treatment.units);
    sum.doses += 1;
  }
}

function slotAt(hour: number): LogbookSlot {
  let slot: LogbookSlot = 'night';
  for (const [name, start] of SLOT_START_HOURS) if (hour >= start) slot = name;
  return slot;
}

function timingOf(slot: LogbookSlot, context: ReadingContext): LogbookTiming {
  if (slot === 'night' || slot === 'bedtime') return null;
  if (context === 'after_meal') return 'after';
  if (context === 'fasting' || context === 'before_meal') return 'before';
  return null;
}

/** Where a reading sorts among values at the same limit: a LO below the limit's value, a HI above it. */
const BEYOND_ORDER = { below: -1, none: 0, above: 1 } as const;

function summarise(slot: LogbookSlot, readings: readonly LogbookReading[]): SensorSlotSummary {
  const sorted = [...readings].sort(
    (a, b) => a.valueMgdl - b.valueMgdl || BEYOND_ORDER[a.beyondRange ?? 'none'] - BEYOND_ORDER[b.beyondRange ?? 'none'],
  );
  const figure = ({ valueMgdl, beyondRange }: LogbookReading): LogbookFigure => ({ valueMgdl, beyondRange });
  // The median is a LO (or HI) only when the readings it comes from all are: then the real median
  // lies beyond the limit too. Between a LO and a value it stays a number, the real one a little lower.
  const lowerMiddle = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const upperMiddle = sorted[Math.ceil((sorted.length - 1) / 2)]!;
  const middleBeyond = lowerMiddle.beyondRange === upperMiddle.beyondRange ? lowerMiddle.beyondRange : null;
  return {
    slot,
    count: sorted.length,
    median: { valueMgdl: percentile(sorted.map((reading) => reading.valueMgdl), 50), beyondRange: middleBeyond },
    lowest: figure(sorted[0]!),
    highest: figure(sorted.at(-1)!),
  };
}
