import { formatNumber } from '@angular/common';
import { inject, LOCALE_ID, Pipe, type PipeTransform } from '@angular/core';
import type { GlucoseUnit } from '@glucodiary/contracts';
import { glucoseUnitLabel } from './glucose-unit';

/** mmol/L always with one decimal (7.0, not 7), as meters and clinicians write it; mg/dL whole. */
const DIGITS: Readonly<Record<GlucoseUnit, string>> = { 'mmol/L': '1.1-1', 'mg/dL': '1.0-0' };

/** A glucose value written in its unit's precision and the locale's decimal mark ("7.0", "7,0"). */
export function glucoseNumber(value: number, unit: GlucoseUnit, locale = 'en-US'): string {
  return formatNumber(value, locale, DIGITS[unit]);
}

/** A value with its unit as the language writes it: "7.2 mmol/L", "7,2 mmol/l", "130 mg/dl". */
export function glucoseWithUnit(value: number, unit: GlucoseUnit, locale = 'en-US'): string {
  return `${glucoseNumber(value, unit, locale)} ${glucoseUnitLabel(unit)}`;
}

/** `{{ value | glucose: unit }}`: {@link glucoseNumber} in the app's locale. */
@Pipe({ name: 'glucose' })
export class GlucoseNumberPipe implements PipeTransform {
  private readonly locale = inject(LOCALE_ID);

  transform(value: number, unit: GlucoseUnit): string {
    return glucoseNumber(value, unit, this.locale);
  }
}
