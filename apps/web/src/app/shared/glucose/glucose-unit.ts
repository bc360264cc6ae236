import { Pipe, type PipeTransform } from '@angular/core';
import type { GlucoseUnit } from '@glucodiary/contracts';

/**
 * A unit as the language writes it: "mmol/L" in English, "mmol/l" in German (the stored and
 * exchanged value stays the contract's `GlucoseUnit`). Read at each call, after the language's
 * translations are loaded.
 */
export function glucoseUnitLabel(unit: GlucoseUnit): string {
  return unit === 'mmol/L' ? $localize`:glucose unit:mmol/L` : $localize`:glucose unit:mg/dL`;
}

/** `{{ unit | glucoseUnit }}`: {@link glucoseUnitLabel}. */
@Pipe({ name: 'glucoseUnit' })
export class GlucoseUnitPipe implements PipeTransform {
  transform(unit: GlucoseUnit): string {
    return glucoseUnitLabel(unit);
  }
}
