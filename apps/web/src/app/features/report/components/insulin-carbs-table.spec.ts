import { TestBed } from '@angular/core/testing';
import type { InsulinAndCarbs } from '@glucodiary/contracts';
import { InsulinCarbsTable } from './insulin-carbs-table';

const treatments: InsulinAndCarbs = {
  daysWithInsulin: 3,
  daysWithCarbs: 3,
  daysWithMealInsulinAndCarbs: 3,
  totalDailyInsulin: 29.4,
  rapidPerDay: 6.7,
  longPerDay: 19.3,
  basalPercent: 65.8,
  carbsPerDay: 50,
  gramsPerUnit: 10,
  totals: { rapidUnits: 20.15, longUnits: 58, totalUnits: 88.15, carbsGrams: 150 },
  days: [
    { date: '2026-03-30', rapidUnits: 10, longUnits: 20, totalUnits: 40, carbsGrams: null, partial: false },
    { date: '2026-03-29', rapidUnits: 4, longUnits: 18, totalUnits: 22, carbsGrams: 40, partial: false },
    { date: '2026-03-28', rapidUnits: null, longUnits: null, totalUnits: null, carbsGrams: 60.5, partial: false },
  ],
  withheld: [],
};

async function rendered(overrides: Partial<InsulinAndCarbs>) {
  const fixture = TestBed.createComponent(InsulinCarbsTable);
  fixture.componentRef.setInput('treatments', { ...treatments, ...overrides });
  fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const cells = (selector: string) =>
    Array.from(element.querySelectorAll(selector)).map((row) => Array.from(row.children).map((cell) => cell.textContent?.trim()));
  return { element, cells };
}

describe('InsulinCarbsTable', () => {
  it('lists each day with data, newest first, with a dash where a kind is not logged, then the totals and the means', async () => {
    const { cells } = await rendered({});
    expect(cells('tbody tr')).toEqual([
      ['Mon, Mar 30', '10', '20', '40', '–'],
      ['Sun, Mar 29', '4', '18', '22', '40'],
      ['Sat, Mar 28', '–', '–', '–', '60.5'],
    ]);
    expect(cells('tfoot tr')).toEqual([
      ['Total', '20.15', '58', '88.15', '150'],
      ['Mean per day', '6.7', '19.3', '29.4', '50'],
    ]);
  });

  it('gives the basal share and the grams per unit of meal insulin', async () => {
    const { element } = await rendered({});
    const notes = Array.from(element.querySelectorAll('.notes li')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(notes).toEqual([
      'Means over 3 days with insulin and 3 days with carbohydrates logged.',
      'Basal 65.8% of all insulin (long-acting, or given as basal).',
      '10.0 g of carbohydrate per unit of meal insulin, as used over 3 days with meal insulin and carbohydrates.',
    ]);
  });

  it('shows a dash for a withheld mean and says why', async () => {
    const { cells, element } = await rendered({
      daysWithCarbs: 2,
      carbsPerDay: null,
      gramsPerUnit: null,
      withheld: [
        { figure: 'carbsPerDay', reason: 'needs at least 3 days with carbohydrates, has 2' },
        { figure: 'gramsPerUnit', reason: 'needs at least 3 days with meal insulin and carbohydrates, has 1' },
      ],
    });
    expect(cells('tfoot tr.means')[0]?.at(-1)).toBe('–');
    expect(element.textContent).toContain('Carbs per day not shown: needs at least 3 days with carbohydrates, has 2.');
    expect(element.textContent).toContain('Grams per unit not shown: needs at least 3 days with meal insulin and carbohydrates, has 1.');
  });

  it('marks a day only partly in the period (today, in a period ending now)', async () => {
    const { cells } = await rendered({
      days: [{ date: '2026-03-31', rapidUnits: 4, longUnits: 20, totalUnits: 24, carbsGrams: 45, partial: true }, ...treatments.days],
    });
    expect(cells('tbody tr').map((row) => row[0]?.replace(/\s+/g, ' '))).toEqual(['Tue, Mar 31 (part of the day)', 'Mon, Mar 30', 'Sun, Mar 29', 'Sat, Mar 28']);
  });

  it('says so, without a table, when the period logs no insulin or carbohydrates', async () => {
    const { element } = await rendered({ days: [] });
    expect(element.querySelector('table')).toBeNull();
    expect(element.textContent?.trim()).toBe('No insulin or carbohydrates logged in this period.');
  });
});
