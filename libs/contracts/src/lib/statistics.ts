import { Type, type Static } from 'typebox';
import { literalUnion } from './literal-union';
import { GlucoseUnitSchema } from './profile';
import { BeyondRangeSchema, ReadingKindSchema, ReadingSchema } from './readings';

/** Longest period a report covers; bounds the work one request can ask for. */
export const REPORT_PERIOD_MAX_DAYS = 731;
/** A logbook lists every finger-stick and reads every sensor reading: three months of CGM data are 26,000 (export has the rest). */
export const LOGBOOK_PERIOD_MAX_DAYS = 92;
export const REPORT_PERIOD_DEFAULT_DAYS = 14;

export const ReportPeriodQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Start (default: 14 local days ago, at midnight)' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'End (default: now)' })),
  },
  { additionalProperties: false },
);
export type ReportPeriodQuery = Static<typeof ReportPeriodQuerySchema>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const ReportHeaderProperties = {
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  timeZone: Type.String(),
  unit: GlucoseUnitSchema,
  targetRange: Type.Object({ low: Type.Number(), high: Type.Number() }),
};

export const TimeInRangeSchema = Type.Object(
  {
    veryLow: Type.Number(),
    low: Type.Number(),
    inRange: Type.Number(),
    high: Type.Number(),
    veryHigh: Type.Number(),
  },
  { description: 'Share of readings in each band, % to one decimal' },
);
export type TimeInRange = Static<typeof TimeInRangeSchema>;

/** One local day's insulin and carbohydrates; null where the day has none of that kind logged. */
export const InsulinAndCarbsDaySchema = Type.Object({
  date: Type.String({ description: 'YYYY-MM-DD in the user time zone' }),
  rapidUnits: Nullable(Type.Number({ description: 'Rapid-acting insulin, units to the hundredth (doses step by 0.05)' })),
  longUnits: Nullable(Type.Number({ description: 'Long-acting insulin, units to the hundredth' })),
  totalUnits: Nullable(Type.Number({ description: 'All insulin (rapid, long, mixed and other), units to the hundredth' })),
  carbsGrams: Nullable(Type.Number({ description: 'Carbohydrates, grams to the hundredth' })),
  partial: Type.Boolean({ description: "Only part of the day lies in the period (its first or last day, e.g. today): listed, not in the means" }),
});
export type InsulinAndCarbsDay = Static<typeof InsulinAndCarbsDaySchema>;

export const InsulinAndCarbsSchema = Type.Object(
  {
    daysWithInsulin: Type.Integer({ description: 'Whole local days with at least one insulin dose logged: the days the insulin means rest on' }),
    daysWithCarbs: Type.Integer({ description: 'Whole local days with carbohydrates logged' }),
    daysWithMealInsulinAndCarbs: Type.Integer({
      description: 'Local days the carb ratio rests on: meal insulin and carbohydrates logged, and every dose marked meal, correction or basal',
    }),
    totalDailyInsulin: Nullable(
      Type.Number({ description: 'Total daily insulin: mean units a day over the days with insulin, one decimal; mixed and other insulin count here only' }),
    ),
    rapidPerDay: Nullable(Type.Number({ description: 'Mean units of rapid-acting insulin over the days with insulin, one decimal' })),
    longPerDay: Nullable(Type.Number({ description: 'Mean units of long-acting insulin over the days with insulin, one decimal' })),
    basalPercent: Nullable(
      Type.Number({ description: 'Long-acting or basal-purpose insulin, % of all insulin, one decimal; withheld when mixed or other insulin is logged' }),
    ),
    carbsPerDay: Nullable(Type.Number({ description: 'Mean grams of carbohydrate over the days with carbohydrates, one decimal' })),
    gramsPerUnit: Nullable(
      Type.Number({
        description:
          'Carb ratio actually used: grams of carbohydrate on the days with both meal insulin and carbohydrates, per unit of meal insulin those days, one decimal',
      }),
    ),
    totals: Type.Object(
      { rapidUnits: Type.Number(), longUnits: Type.Number(), totalUnits: Type.Number(), carbsGrams: Type.Number() },
      { description: 'Sums over the period, to the hundredth' },
    ),
    days: Type.Array(InsulinAndCarbsDaySchema, { description: 'Days with insulin or carbohydrates logged, newest first' }),
    withheld: Type.Array(Type.Object({ figure: Type.String(), reason: Type.String() }), {
      description: 'Figures left empty because too few days have the data they need',
    }),
  },
  { description: 'Insulin and carbohydrates of the period, by local day in the user time zone' },
);
export type InsulinAndCarbs = Static<typeof InsulinAndCarbsSchema>;

export const HBA1C_UNITS = ['%', 'mmol/mol'] as const;

export const LabHba1cSchema = Type.Object({
  value: Type.Number(),
  unit: literalUnion(HBA1C_UNITS),
  takenAt: Type.String({ format: 'date-time', description: 'The lab date' }),
});
export type LabHba1c = Static<typeof LabHba1cSchema>;

export const StatisticsSchema = Type.Object({
  ...ReportHeaderProperties,
  count: Type.Integer({ description: 'Readings the figures use, each moment once' }),
  readingsUsed: Type.Object(
    { sensor: Type.Integer(), fingerstick: Type.Integer() },
    { description: 'The readings the figures use, by kind (they sum to `count`)' },
  ),
  scansNotCounted: Type.Integer({
    description: 'Sensor scans within 15 minutes of the sensor history, left out of the figures so each moment counts once',
  }),
  sensorActivePercent: Nullable(
    Type.Number({
      description:
        '% of time the sensor was active (2019 consensus): interval slots holding a history reading, of those in the period until now, to one decimal. Null without sensor history',
    }),
  ),
  days: Type.Integer({ description: 'Calendar days in the period, in the user time zone' }),
  readingsPerDay: Type.Number(),
  mean: Nullable(Type.Number()),
  standardDeviation: Nullable(Type.Number()),
  coefficientOfVariation: Nullable(Type.Number({ description: '%' })),
  gmiPercent: Nullable(Type.Number()),
  gmiMmolPerMol: Nullable(Type.Number()),
  lowest: Nullable(Type.Number()),
  highest: Nullable(Type.Number()),
  timeInRange: Nullable(TimeInRangeSchema),
  beforeMealMean: Nullable(Type.Number({ description: 'Fasting and before-meal readings' })),
  afterMealMean: Nullable(Type.Number()),
  latest: Nullable(ReadingSchema),
  withheld: Type.Array(Type.Object({ figure: Type.String(), reason: Type.String() }), {
    description: 'Figures left empty because the period has too few readings for them to mean anything',
  }),
  treatments: InsulinAndCarbsSchema,
  hba1c: Type.Array(LabHba1cSchema, { description: 'Lab HbA1c values of the period, newest first, to show beside GMI' }),
});
export type Statistics = Static<typeof StatisticsSchema>;

export const TrendPointSchema = Type.Object({
  at: Type.String({ format: 'date-time', description: "The reading's time, or the middle of the stretch" }),
  value: Type.Number({ description: 'The reading, or the median of the stretch' }),
  lowest: Type.Number(),
  highest: Type.Number(),
  count: Type.Integer({ minimum: 1 }),
  kind: Type.Union([ReadingKindSchema, Type.Null()], {
    description: "The reading's kind: a sensor's readings are drawn as a line, finger-sticks as points. Null for a stretch",
  }),
});
export type TrendPoint = Static<typeof TrendPointSchema>;

export const TrendReportSchema = Type.Object({
  ...ReportHeaderProperties,
  count: Type.Integer(),
  bucketMinutes: Nullable(
    Type.Integer({ description: 'Null: every reading is a point. Otherwise each point sums up the readings of this many minutes' }),
  ),
  points: Type.Array(TrendPointSchema, { description: 'Oldest first; at most 2,000 readings or 1,000 stretches' }),
});
export type TrendReport = Static<typeof TrendReportSchema>;

export const DailyPatternPointSchema = Type.Object({
  hour: Type.Integer({ minimum: 0, maximum: 23 }),
  count: Type.Integer(),
  p5: Nullable(Type.Number()),
  p25: Nullable(Type.Number()),
  median: Nullable(Type.Number()),
  p75: Nullable(Type.Number()),
  p95: Nullable(Type.Number()),
});
export type DailyPatternPoint = Static<typeof DailyPatternPointSchema>;

export const DailyPatternReportSchema = Type.Object({
  ...ReportHeaderProperties,
  count: Type.Integer({ description: 'Readings the pattern uses, each moment once' }),
  points: Type.Array(DailyPatternPointSchema),
});
export type DailyPatternReport = Static<typeof DailyPatternReportSchema>;

export const LOGBOOK_COLUMNS = ['night', 'breakfast', 'lunch', 'dinner', 'bedtime'] as const;
export const LogbookColumnSchema = literalUnion(LOGBOOK_COLUMNS);
export type LogbookColumn = Static<typeof LogbookColumnSchema>;

/** A value of a logbook summary, as a reading has it: LO or HI when it comes from a reading beyond the sensor's range. */
export const LogbookFigureSchema = Type.Object({
  value: Type.Number({ description: 'In the user unit' }),
  valueMgdl: Type.Number({ description: 'The band of the value comes from here' }),
  beyondRange: Nullable(BeyondRangeSchema),
});
export type LogbookFigure = Static<typeof LogbookFigureSchema>;

export const LogbookSensorSummarySchema = Type.Object(
  {
    slot: LogbookColumnSchema,
    count: Type.Integer({ minimum: 1 }),
    median: LogbookFigureSchema,
    lowest: LogbookFigureSchema,
    highest: LogbookFigureSchema,
  },
  { description: "A sensor's readings of one slot of one day, summed up (a CGM gives up to 288 a day)" },
);
export type LogbookSensorSummary = Static<typeof LogbookSensorSummarySchema>;

const InsulinSumSchema = Type.Object({
  units: Type.Number({ minimum: 0, description: 'Summed, to the hundredth' }),
  doses: Type.Integer({ minimum: 0 }),
});

export const LogbookSlotTreatmentsSchema = Type.Object(
  {
    slot: LogbookColumnSchema,
    insulin: Type.Object(
      { rapid: InsulinSumSchema, long: InsulinSumSchema, other: InsulinSumSchema },
      { description: 'Rapid and long apart; `other` holds mixed insulins and any other kind' },
    ),
    carbs: Type.Object({ grams: Type.Number({ minimum: 0, description: 'Summed, to the hundredth' }), entries: Type.Integer({ minimum: 0 }) }),
  },
  { description: 'The insulin and carbohydrates of one slot of one day, by local time of day' },
);
export type LogbookSlotTreatments = Static<typeof LogbookSlotTreatmentsSchema>;

export const LogbookReportSchema = Type.Object({
  ...ReportHeaderProperties,
  days: Type.Array(
    Type.Object({
      date: Type.String({ description: 'YYYY-MM-DD in the user time zone' }),
      entries: Type.Array(
        Type.Object({
          slot: LogbookColumnSchema,
          timing: Type.Union([Type.Literal('before'), Type.Literal('after'), Type.Null()], {
            description: 'Null for night and bedtime, and for a reading at a meal time not logged as before or after it',
          }),
          reading: ReadingSchema,
        }),
        { description: 'Finger-sticks, each on its own, oldest first' },
      ),
      sensorSummaries: Type.Array(LogbookSensorSummarySchema, { description: 'Per slot, in the order of the columns' }),
      treatments: Type.Array(LogbookSlotTreatmentsSchema, {
        description: 'Insulin and carbs per slot, in the order of the columns; slots without any are left out',
      }),
    }),
  ),
});
export type LogbookReport = Static<typeof LogbookReportSchema>;
