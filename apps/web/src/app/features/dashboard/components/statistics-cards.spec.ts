import { TestBed } from '@angular/core/testing';
import type { Statistics } from '@glucodiary/contracts';
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
};

async function rendered(overrides: Partial<Statistics>) {
  const fixture = TestBed.createComponent(StatisticsCards);
  fixture.componentRef.setInput('statistics', { ...statistics, ...overrides });
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const card = (label: string) => Array.from(element.querySelectorAll('.card')).find((c) => c.querySelector('dt')?.textContent?.trim() === label);
  return { element, card };
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
});
