import { ChangeDetectionStrategy, Component, computed, inject, input, LOCALE_ID } from '@angular/core';
import type { BeyondRange, GlucoseUnit, ReadingKind } from '@glucodiary/contracts';
import { glucoseNumber } from './glucose-number';

/** What showing a glucose value needs: the number in the user's unit, and whether it is a LO or HI. */
export interface ShownGlucose {
  value: number;
  beyondRange?: BeyondRange | null;
  /** Whose range a LO/HI lies beyond: a meter's for a finger-stick, else a sensor's. */
  kind?: ReadingKind;
  /** Gives the number its precision (mmol/L with one decimal); without it the number is shown as it is. */
  unit?: GlucoseUnit;
}

export interface GlucoseValueText {
  /** The number, or LO/HI. */
  text: string;
  /** What a LO/HI means, for screen readers and a tooltip; null for a number. */
  description: string | null;
}

const BEYOND_RANGE_TEXT: Readonly<Record<BeyondRange, string>> = { below: 'LO', above: 'HI' };

/** What a LO or HI means, by whose range it lies beyond. */
function beyondRangeDescription(beyondRange: BeyondRange, kind: ReadingKind | undefined): string {
  const meter = kind === 'fingerstick';
  if (beyondRange === 'below') return meter ? $localize`below the meter's range` : $localize`below the sensor's range`;
  return meter ? $localize`above the meter's range` : $localize`above the sensor's range`;
}

/**
 * A value as the app shows it. A LO/HI is stored at the device's limit (39 or 401 mg/dL) while
 * the real value lies beyond it, so it is never shown as that number.
 */
export function glucoseValueText({ value, beyondRange, kind, unit }: ShownGlucose, locale?: string): GlucoseValueText {
  if (!beyondRange) return { text: unit ? glucoseNumber(value, unit, locale) : String(value), description: null };
  return { text: BEYOND_RANGE_TEXT[beyondRange], description: beyondRangeDescription(beyondRange, kind) };
}

/** A glucose value in a template: the number, or LO/HI with its meaning in words. */
@Component({
  selector: 'app-glucose-value',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // On one line: the text of the host is the value and nothing around it.
  template: `@if (shown().description; as description) {<span class="beyond-range" [title]="description"><span aria-hidden="true">{{ shown().text }}</span><span class="visually-hidden">{{ shown().text }}, {{ description }}</span></span>} @else {<span>{{ shown().text }}</span>}`,
  styles: `.beyond-range { cursor: help; }`,
})
export class GlucoseValue {
  readonly reading = input.required<ShownGlucose>();
  private readonly locale = inject(LOCALE_ID);
  protected readonly shown = computed(() => glucoseValueText(this.reading(), this.locale));
}
