import { TestBed } from '@angular/core/testing';
import type { InsulinAndCarbs, Statistics } from '@glucodiary/contracts';
import { StatisticsCards } from './statistics-cards';

const statistics: Statistics = {
  from: '2026-11-01T00:00:00.000Z',
  to: '2026-11-15T00:00:00.000Z',
  timeZone: 'UTC',
  unit: 'mg/dL',
  targetRange: { low: 70, high: 180 },
  count: 2700,
  readingsUsed: { sensor: 2688, fingerstick: 12 },
  scansNotCounted: 30,
  sensorActivePercent: 85.7,
  days: 14,
  readingsPerDay: 192.9,
  mean: 142,
  standardDeviation: 45,
  coefficientOfVariation: 31.7,
  gmiPercent: 6.7,
  gmiMmolPerMol: 50,
  lowest: 39,
  highest: 320,
  timeInRange: { veryLow: 1, low: 3, inRange: 70, high: 20, veryHigh: 6 },
  beforeMealMean: 120,
  afterMealMean: 170,
  latest: null,
  withheld: [],
  treatments: noTreatments(),
  hba1c: [],
};

/** A diary without insulin or carbohydrates, as the API answers it. */
function noTreatments(): InsulinAndCarbs {
  return {
    daysWithInsulin: 0,
    daysWithCarbs: 0,
    daysWithMealInsulinAndCarbs: 0,
    totalDailyInsulin: null,
    rapidPerDay: null,
    longPerDay: null,
    basalPercent: null,
    carbsPerDay: null,
    gramsPerUnit: null,
    totals: { rapidUnits: 0, longUnits: 0, totalUnits: 0, carbsGrams: 0 },
    days: [],
    withheld: [
      { figure: 'totalDailyInsulin', reason: 'needs at least 3 days with insulin, has 0' },
      { figure: 'carbsPerDay', reason: 'needs at least 3 days with carbohydrates, has 0' },
      { figure: 'gramsPerUnit', reason: 'needs at least 3 days with meal insulin and carbohydrates, has 0' },
    ],
  };
}

async function rendered(overrides: Partial<Statistics>) {
  const fixture = TestBed.createComponent(StatisticsCards);
  fixture.componentRef.setInput('statistics', { ...statistics, ...overrides });
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const cards = Array.from(element.querySelectorAll('.card'));
  const card = (label: string) => cards.find((c) => c.querySelector('dt')?.textContent?.trim() === label);
  const shown = (label: string) => {
    const found = card(label);
    return [found?.querySelector('.number')?.textContent, found?.querySelector('.unit')?.textContent, found?.querySelector('.hint')?.textContent?.trim()];
  };
  const labels = cards.map((c) => c.querySelector('dt')?.textContent?.trim());
  return { element, cards, card, shown, labels };
}

describe('StatisticsCards', () => {
  it('shows the sensor active time and which readings the figures use, with the scans not counted again', async () => {
    const { element, card } = await rendered({});
    const sensorActive = card('Sensor active');
    expect([sensorActive?.querySelector('.number')?.textContent, sensorActive?.querySelector('.unit')?.textContent]).toEqual(['86', '%']);
    expect(element.querySelector('.readings-used')?.textContent?.trim()).toBe(
      'Figures from 2,688 sensor and 12 finger-stick readings; 30 scans not counted again, as the sensor’s history already covers that time.',
    );
  });

  it('leaves the sensor card and the scans out for readings typed by hand', async () => {
    const { element, card } = await rendered({ count: 1, readingsUsed: { sensor: 0, fingerstick: 1 }, scansNotCounted: 0, sensorActivePercent: null });
    expect(card('Sensor active')).toBeUndefined();
    expect(card('GMI')).toBeDefined();
    expect(element.querySelector('.readings-used')?.textContent?.trim()).toBe('Figures from 1 finger-stick reading.');
  });

  it('says nothing of readings used when the period has none', async () => {
    const { element } = await rendered({ count: 0, readingsUsed: { sensor: 0, fingerstick: 0 }, scansNotCounted: 0, sensorActivePercent: null });
    expect(element.querySelector('.readings-used')).toBeNull();
  });

  it('says once that an empty period has no readings, instead of a reason on every card', async () => {
    const empty = ['mean', 'variability', 'gmi', 'beforeMealMean', 'afterMealMean'].map((figure) => ({ figure, reason: 'needs at least 1 reading, has 0' }));
    const { element, cards } = await rendered({
      count: 0,
      readingsUsed: { sensor: 0, fingerstick: 0 },
      scansNotCounted: 0,
      sensorActivePercent: null,
      mean: null,
      standardDeviation: null,
      coefficientOfVariation: null,
      gmiPercent: null,
      gmiMmolPerMol: null,
      lowest: null,
      highest: null,
      beforeMealMean: null,
      afterMealMean: null,
      withheld: empty,
    });
    expect(cards.length).toBeGreaterThan(5);
    expect(element.querySelectorAll('.no-readings')).toHaveLength(1);
    expect(element.querySelector('.no-readings')?.textContent).toContain('No readings in this period yet');
    expect(element.querySelectorAll('.withheld')).toHaveLength(0);
    expect(element.textContent).not.toContain('needs at least');
  });

  it('writes counts with a thousands separator and mmol/L with one decimal', async () => {
    const { shown } = await rendered({ count: 10_486, unit: 'mmol/L', mean: 7, lowest: 2.2, highest: 18 });
    expect(shown('Average')).toEqual(['7.0', 'mmol/L', '10,486 readings']);
    expect(shown('Highest')[0]).toBe('18.0');
  });

  it('shows no insulin or carbohydrate cards, and no withheld reasons for them, for a diary without treatments', async () => {
    const { element, card } = await rendered({});
    for (const label of ['Total daily insulin', 'Carbs per day', 'Grams per unit', 'Lab HbA1c']) expect(card(label)).toBeUndefined();
    expect(element.textContent).not.toContain('Too few days');
  });

  it('shows the total daily insulin with its rapid and long parts, the carbs per day and the grams per unit', async () => {
    const treatments: InsulinAndCarbs = {
      ...noTreatments(),
      daysWithInsulin: 14,
      daysWithCarbs: 12,
      daysWithMealInsulinAndCarbs: 12,
      totalDailyInsulin: 42.5,
      rapidPerDay: 20.3,
      longPerDay: 22,
      basalPercent: 51.8,
      carbsPerDay: 183.4,
      gramsPerUnit: 9.6,
      withheld: [],
    };
    const { shown } = await rendered({ treatments });
    expect(shown('Total daily insulin')).toEqual(['42.5', 'U', '20.3 rapid / 22 long; 51.8% basal']);
    expect(shown('Carbs per day')).toEqual(['183', 'g', 'over 12 days with carbs']);
    expect(shown('Grams per unit')).toEqual(['9.6', 'g/U', 'carbs per unit of meal insulin, as used']);
  });

  it('says why the daily insulin is left empty when too few days log it, and leaves out the kinds not logged', async () => {
    const treatments: InsulinAndCarbs = {
      ...noTreatments(),
      daysWithInsulin: 2,
      withheld: noTreatments().withheld.map((w) => (w.figure === 'totalDailyInsulin' ? { ...w, reason: 'needs at least 3 days with insulin, has 2' } : w)),
    };
    const { card } = await rendered({ treatments });
    expect(card('Total daily insulin')?.querySelector('.withheld')?.textContent?.trim()).toBe('Too few days: needs at least 3 days with insulin, has 2');
    expect(card('Total daily insulin')?.querySelector('.hint')?.textContent?.trim()).toBe('over 2 days with insulin');
    expect(card('Carbs per day')).toBeUndefined();
    expect(card('Grams per unit')).toBeUndefined();
  });

  it('puts the newest lab HbA1c of the period beside GMI', async () => {
    const { shown, labels } = await rendered({
      timeZone: 'Europe/Berlin',
      hba1c: [
        { value: 7.1, unit: '%', takenAt: '2026-11-10T23:30:00Z' },
        { value: 53, unit: 'mmol/mol', takenAt: '2026-11-02T08:00:00Z' },
      ],
    });
    expect(labels.indexOf('Lab HbA1c')).toBe(labels.indexOf('GMI') + 1);
    expect(shown('Lab HbA1c')).toEqual(['7.1', '%', 'lab, Nov 11, 2026; 2 in the period']); // 00:30 in Berlin, in the app's default format (en-US)
  });
});
