import { formatNumber } from '@angular/common';
import type { LogbookSlotTreatments } from '@glucodiary/contracts';

/**
 * A line of a slot's treatments: short figures on screen ("4 U rapid", "12 U long"), one sentence
 * for screen readers, which would read "U" as a letter and run the figures together.
 */
export interface TreatmentLine {
  kind: 'insulin' | 'carbs';
  shown: string[];
  spoken: string;
}

const INSULIN_KINDS = [
  { kind: 'rapid', shown: () => $localize`rapid`, spoken: () => $localize`rapid-acting` },
  { kind: 'long', shown: () => $localize`long`, spoken: () => $localize`long-acting` },
  { kind: 'other', shown: () => $localize`:insulin kind:other`, spoken: () => $localize`mixed or other` },
] as const;

/** A slot's insulin (rapid, long, other; kinds not given left out) and carbs, each a line when there is any. */
export function slotTreatmentLines({ insulin, carbs }: LogbookSlotTreatments, locale = 'en-US'): TreatmentLine[] {
  const number = (value: number) => formatNumber(value, locale, '1.0-2');
  const units = (value: number) => (value === 1 ? $localize`${number(value)}:count: unit` : $localize`${number(value)}:count: units`);
  const grams = (value: number) => (value === 1 ? $localize`${number(value)}:count: gram` : $localize`${number(value)}:count: grams`);
  const lines: TreatmentLine[] = [];
  const given = INSULIN_KINDS.filter(({ kind }) => insulin[kind].doses > 0);
  if (given.length > 0) {
    // How many entries a sum holds, said only when more than one: "4 units" alone means one dose.
    const said = given.map(({ kind, spoken }) =>
      insulin[kind].doses > 1
        ? $localize`${units(insulin[kind].units)}:amount: ${spoken()}:kind: in ${insulin[kind].doses}:doses: doses`
        : `${units(insulin[kind].units)} ${spoken()}`,
    );
    lines.push({
      kind: 'insulin',
      shown: given.map(({ kind, shown }) => `${number(insulin[kind].units)} U ${shown()}`),
      spoken: $localize`Insulin: ${said.join(', ')}:doses:.`,
    });
  }
  if (carbs.entries > 0) {
    const said = carbs.entries > 1 ? $localize`${grams(carbs.grams)}:amount: in ${carbs.entries}:entries: entries` : grams(carbs.grams);
    lines.push({ kind: 'carbs', shown: [`${number(carbs.grams)} g`], spoken: $localize`Carbs: ${said}:amount:.` });
  }
  return lines;
}
