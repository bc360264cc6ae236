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
  { kind: 'rapid', shown: 'rapid', spoken: 'rapid-acting' },
  { kind: 'long', shown: 'long', spoken: 'long-acting' },
  { kind: 'other', shown: 'other', spoken: 'mixed or other' },
] as const;

const amount = (value: number, unit: string) => `${value} ${unit}${value === 1 ? '' : 's'}`;
/** How many entries a sum holds, said only when more than one: "4 units" alone means one dose. */
const inMany = (count: number, noun: string) => (count > 1 ? ` in ${count} ${noun}` : '');

/** A slot's insulin (rapid, long, other; kinds not given left out) and carbs, each a line when there is any. */
export function slotTreatmentLines({ insulin, carbs }: LogbookSlotTreatments): TreatmentLine[] {
  const lines: TreatmentLine[] = [];
  const given = INSULIN_KINDS.filter(({ kind }) => insulin[kind].doses > 0);
  if (given.length > 0) {
    const said = given.map(({ kind, spoken }) => `${amount(insulin[kind].units, 'unit')} ${spoken}${inMany(insulin[kind].doses, 'doses')}`);
    lines.push({ kind: 'insulin', shown: given.map(({ kind, shown }) => `${insulin[kind].units} U ${shown}`), spoken: `Insulin: ${said.join(', ')}.` });
  }
  if (carbs.entries > 0) {
    lines.push({ kind: 'carbs', shown: [`${carbs.grams} g`], spoken: `Carbs: ${amount(carbs.grams, 'gram')}${inMany(carbs.entries, 'entries')}.` });
  }
  return lines;
}
