import type { InsulinKind, InsulinPurpose, TreatmentType } from '@glucodiary/contracts';
import type { FigureWithheld, StatisticsPeriod } from './glucose-statistics';
import { localTimeOf } from './local-time';

/** What the insulin and carbohydrate figures read of a treatment; other types are passed over. */
export interface TreatmentForStatistics {
  takenAt: Date;
  type: TreatmentType;
  units: number | null;
  insulinKind: InsulinKind | null;
  purpose: InsulinPurpose | null;
  grams: number | null;
}

/**
 * Below these counts of local days a daily mean says more about which days were logged than
 * about the person: it is withheld.
 */
export const MINIMUM_TREATMENT_DAYS = {
  insulin: 3,
  carbs: 3,
  /** Days with both meal insulin and carbohydrates logged. */
  carbRatio: 3,
} as const;

/** One local day's insulin and carbohydrates; null where the day has none of that kind logged. */
export interface TreatmentDay {
  /** YYYY-MM-DD in the user's time zone. */
  date: string;
  rapidUnits: number | null;
  longUnits: number | null;
  /** All insulin: rapid, long, mixed and other. */
  totalUnits: number | null;
  carbsGrams: number | null;
  /** Only part of the day lies in the period (its first or last day): shown, not in the means. */
  partial: boolean;
}

export interface TreatmentStatistics {
  /** Whole days in the period with insulin logged: the days the insulin means rest on. */
  daysWithInsulin: number;
  /** Whole days in the period with carbohydrates logged. */
  daysWithCarbs: number;
  /** Days the carb ratio rests on: those with meal insulin and carbohydrates, and no dose of unknown purpose. */
  daysWithMealInsulinAndCarbs: number;
  /** Mean units a day over the days with insulin; mixed and other insulin count here only. */
  totalDailyInsulin: number | null;
  rapidPerDay: number | null;
  longPerDay: number | null;
  /** Long-acting or basal-purpose insulin as a share of all insulin, %; withheld when mixed or other insulin (part basal, part bolus) is logged. */
  basalPercent: number | null;
  /** Mean grams a day over the days with carbohydrates. */
  carbsPerDay: number | null;
  /** Grams of carbohydrate per unit of meal insulin, as actually used (see `treatmentStatistics`). */
  gramsPerUnit: number | null;
  totals: { rapidUnits: number; longUnits: number; totalUnits: number; carbsGrams: number };
  /** Days with insulin or carbohydrates logged, newest first (as the logbook); days without either are left out. */
  days: TreatmentDay[];
  /** `totalDailyInsulin` stands for its rapid and long parts and the basal share too: they rest on the same days. */
  withheld: FigureWithheld[];
}

interface DaySums {
  insulinDoses: number;
  rapid: number;
  long: number;
  total: number;
  basal: number;
  meal: number;
  /** Rapid, mixed or other doses without a purpose: not known to be for a meal or a correction. */
  unknownBolus: number;
  /** Mixed or other insulin not given as basal: its basal part cannot be told. */
  unsplitUnits: number;
  carbEntries: number;
  grams: number;
}


/**
 * Daily insulin and carbohydrate figures of a period, by local day in the user's time zone (a
 * day across a daylight-saving change is one day of 23 or 25 hours). Means are taken over the
 * days that have data of their kind, not over the period: a day nothing was logged is a day
 * not recorded, not a day without insulin.
 *
 * A day only partly inside the period (a period ending now ends in a day still going on) is
 * listed but left out of the means, which would otherwise count half a day's insulin as a day's.
 *
 * The carb ratio actually used is the grams of all carbohydrates logged on the days that have
 * both meal insulin and carbohydrates, divided by the units of meal-purpose insulin of those
 * days. Per day rather than per meal, because meals and doses are logged apart and pairing
 * them by time is guesswork; days with only one of the two are left out, as they would skew it,
 * and so are days with a dose of unknown purpose (it may have covered a meal, and the ratio
 * would come out too high). Correction and basal doses are not meal insulin.
 */
export function treatmentStatistics(treatments: readonly TreatmentForStatistics[], timeZone: string, period?: Pick<StatisticsPeriod, 'from' | 'to'>): TreatmentStatistics {
  const byDay = new Map<string, DaySums>();
  const dayOf = (takenAt: Date): DaySums => {
    const { date } = localTimeOf(takenAt, timeZone);
    let day = byDay.get(date);
    if (!day) byDay.set(date, (day = { insulinDoses: 0, rapid: 0, long: 0, total: 0, basal: 0, meal: 0, unknownBolus: 0, unsplitUnits: 0, carbEntries: 0, grams: 0 }));
    return day;
  };
  for (const treatment of treatments) {
    if (treatment.type === 'insulin' && treatment.units !== null) addDose(dayOf(treatment.takenAt), treatment, treatment.units);
    if (treatment.type === 'carbs' && treatment.grams !== null) {
      const day = dayOf(treatment.takenAt);
      day.carbEntries += 1;
      day.grams += treatment.grams;
    }
  }

  const partial = partialDates(period, timeZone);
  const sums = [...byDay.entries()].filter(([date]) => !partial.has(date)).map(([, day]) => day);
  const insulinDays = sums.filter((day) => day.insulinDoses > 0);
  const carbDays = sums.filter((day) => day.carbEntries > 0);
  const ratioDays = sums.filter((day) => day.meal > 0 && day.carbEntries > 0 && day.unknownBolus === 0);
  const sum = (days: readonly DaySums[], pick: (day: DaySums) => number) => days.reduce((total, day) => total + pick(day), 0);
  const totals = {
    rapidUnits: sum(insulinDays, (day) => day.rapid),
    longUnits: sum(insulinDays, (day) => day.long),
    totalUnits: sum(insulinDays, (day) => day.total),
    carbsGrams: sum(carbDays, (day) => day.grams),
  };

  const withheld: FigureWithheld[] = [];
  const enough = (figure: string, needed: number, have: number, what: string): boolean => {
    if (have >= needed) return true;
    withheld.push({ figure, reason: `needs at least ${needed} days with ${what}, has ${have}` });
    return false;
  };
  const insulinFigures = enough('totalDailyInsulin', MINIMUM_TREATMENT_DAYS.insulin, insulinDays.length, 'insulin');
  const carbFigures = enough('carbsPerDay', MINIMUM_TREATMENT_DAYS.carbs, carbDays.length, 'carbohydrates');
  const ratioFigure = enough(
    'gramsPerUnit',
    MINIMUM_TREATMENT_DAYS.carbRatio,
    ratioDays.length,
    'meal insulin and carbohydrates (and every dose marked meal, correction or basal)',
  );
  const unsplit = sum(insulinDays, (day) => day.unsplitUnits);
  const basalShare = insulinFigures && unsplit === 0;
  if (insulinFigures && !basalShare) withheld.push({ figure: 'basalPercent', reason: 'mixed or other insulin is part basal, part bolus: its basal share cannot be told' });
  const perInsulinDay = (units: number) => (insulinFigures ? units / insulinDays.length : null);

  return {
    daysWithInsulin: insulinDays.length,
    daysWithCarbs: carbDays.length,
    daysWithMealInsulinAndCarbs: ratioDays.length,
    totalDailyInsulin: perInsulinDay(totals.totalUnits),
    rapidPerDay: perInsulinDay(totals.rapidUnits),
    longPerDay: perInsulinDay(totals.longUnits),
    basalPercent: basalShare ? (sum(insulinDays, (day) => day.basal) / totals.totalUnits) * 100 : null,
    carbsPerDay: carbFigures ? totals.carbsGrams / carbDays.length : null,
    gramsPerUnit: ratioFigure ? sum(ratioDays, (day) => day.grams) / sum(ratioDays, (day) => day.meal) : null,
    totals,
    days: [...byDay.entries()]
      .sort(([a], [b]) => b.localeCompare(a))
      .map(([date, day]) => ({
        date,
        rapidUnits: day.insulinDoses > 0 ? day.rapid : null,
        longUnits: day.insulinDoses > 0 ? day.long : null,
        totalUnits: day.insulinDoses > 0 ? day.total : null,
        carbsGrams: day.carbEntries > 0 ? day.grams : null,
        partial: partial.has(date),
      })),
    withheld,
  };
}

function addDose(day: DaySums, { insulinKind, purpose }: TreatmentForStatistics, units: number): void {
  day.insulinDoses += 1;
  day.total += units;
  if (insulinKind === 'rapid') day.rapid += units;
  if (insulinKind === 'long') day.long += units;
  // A pump's basal is rapid insulin given as basal: it is basal by purpose, whatever its kind.
  if (insulinKind === 'long' || purpose === 'basal') day.basal += units;
  if (purpose === 'meal') day.meal += units;
  if (insulinKind !== 'long' && purpose === null) day.unknownBolus += 1;
  if ((insulinKind === 'mixed' || insulinKind === 'other') && purpose !== 'basal') day.unsplitUnits += units;
}

/** The local days the period starts or ends within: a period from a local midnight to the last minute of a day has none. */
function partialDates(period: Pick<StatisticsPeriod, 'from' | 'to'> | undefined, timeZone: string): Set<string> {
  const partial = new Set<string>();
  if (!period) return partial;
  const start = localTimeOf(period.from, timeZone);
  if (start.minuteOfDay !== 0) partial.add(start.date);
  const end = localTimeOf(period.to, timeZone);
  if (end.minuteOfDay !== 24 * 60 - 1) partial.add(end.date);
  return partial;
}
