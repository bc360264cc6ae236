/** The charts' dataset names, shown in their legends (and matched by the legends' filters). */
export const CHART_LABELS = {
  targetLow: $localize`Target low`,
  targetRange: $localize`Target range`,
  sensor: $localize`Sensor`,
  fingerStick: $localize`Finger-stick`,
  lowest: $localize`Lowest`,
  lowestToHighest: $localize`Lowest to highest`,
  median: $localize`Median`,
  p5: $localize`5th percentile`,
  p5to95: $localize`5–95%`,
  p25: $localize`25th percentile`,
  p25to75: $localize`25–75%`,
} as const;
