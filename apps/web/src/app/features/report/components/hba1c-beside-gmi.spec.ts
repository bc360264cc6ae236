import { TestBed } from '@angular/core/testing';
import type { Statistics } from '@glucodiary/contracts';
import { Hba1cBesideGmi } from './hba1c-beside-gmi';

async function rendered(statistics: Pick<Statistics, 'hba1c' | 'timeZone' | 'gmiPercent' | 'gmiMmolPerMol'>) {
  const fixture = TestBed.createComponent(Hba1cBesideGmi);
  fixture.componentRef.setInput('statistics', statistics as Statistics);
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const values = (label: string) => {
    const group = Array.from(element.querySelectorAll('dl > div')).find((div) => div.querySelector('dt')?.textContent?.trim() === label);
    return Array.from(group?.querySelectorAll('dd') ?? []).map((dd) => dd.textContent?.trim());
  };
  return { values };
}

describe('Hba1cBesideGmi', () => {
  it('lists the lab values newest first, each in its own unit and on its local date, beside the GMI', async () => {
    const { values } = await rendered({
      timeZone: 'Europe/Berlin',
      gmiPercent: 6.9,
      gmiMmolPerMol: 52,
      hba1c: [
        { value: 7.1, unit: '%', takenAt: '2026-03-28T23:30:00Z' },
        { value: 53, unit: 'mmol/mol', takenAt: '2026-03-20T08:00:00Z' },
      ],
    });
    expect(values('Lab HbA1c')).toEqual(['7.1% on Mar 29, 2026', '53 mmol/mol on Mar 20, 2026']);
    expect(values('GMI from the readings')).toEqual(['6.9% (52 mmol/mol)']);
  });

  it('says when the readings are too few for a GMI', async () => {
    const { values } = await rendered({ timeZone: 'UTC', gmiPercent: null, gmiMmolPerMol: null, hba1c: [{ value: 7, unit: '%', takenAt: '2026-03-20T08:00:00Z' }] });
    expect(values('GMI from the readings')).toEqual(['Too few readings']);
  });
});
