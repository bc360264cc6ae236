import { TestBed } from '@angular/core/testing';
import type { CreateReadingBody } from '@glucodiary/contracts';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { readingChanges } from '../data-access/reading-changes';
import { ReadingForm } from './reading-form';

async function renderForm(unit: 'mg/dL' | 'mmol/L') {
  const fixture = TestBed.createComponent(ReadingForm);
  fixture.componentRef.setInput('unit', unit);
  fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
  const emitted: CreateReadingBody[] = [];
  fixture.componentInstance.submitted.subscribe((body) => emitted.push(body));
  await fixture.whenStable();
  const element = fixture.nativeElement as HTMLElement;
  const valueInput = element.querySelector('input[type=number]') as HTMLInputElement;
  const submit = async (value: string) => {
    valueInput.value = value;
    valueInput.dispatchEvent(new Event('input'));
    (element.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
  };
  return { element, emitted, submit };
}

describe('ReadingForm', () => {
  it('emits a reading in the user unit with the time as an instant', async () => {
    const { emitted, submit } = await renderForm('mmol/L');
    await submit('6.4');
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({ value: 6.4, unit: 'mmol/L', context: 'before_meal' });
    expect(Math.abs(Date.parse(emitted[0]?.takenAt ?? '') - Date.now())).toBeLessThan(120_000);
  });

  it('refuses a value outside the measurable range and says which range', async () => {
    const { element, emitted, submit } = await renderForm('mg/dL');
    await submit('1200');
    expect(emitted).toHaveLength(0);
    expect(element.querySelector('[role=alert]')?.textContent).toContain('between 20 and 600 mg/dL');
  });

  it('prefills an existing reading for editing, its time shown in the user time zone', async () => {
    const fixture = TestBed.createComponent(ReadingForm);
    fixture.componentRef.setInput('unit', 'mg/dL');
    fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
    fixture.componentRef.setInput('reading', readingFixture({ takenAt: '2026-07-01T05:30:00.000Z', value: 95, valueMgdl: 95, context: 'fasting', note: 'woke early' }));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect((element.querySelector('input[type=datetime-local]') as HTMLInputElement).value).toBe('2026-07-01T07:30');
    expect((element.querySelector('input[type=number]') as HTMLInputElement).value).toBe('95');
    expect(element.querySelector('button[type=submit]')?.textContent).toContain('Save changes');
  });

  it('edits a sensor LO with the value field empty, not showing its stored limit, and leaves it a LO when left empty', async () => {
    const fixture = TestBed.createComponent(ReadingForm);
    fixture.componentRef.setInput('unit', 'mmol/L');
    fixture.componentRef.setInput('timeZone', 'Europe/Berlin');
    const lo = readingFixture({ value: 2.2, unit: 'mmol/L', valueMgdl: 39, context: 'other', kind: 'sensor', source: 'sensor_history', beyondRange: 'below' });
    fixture.componentRef.setInput('reading', lo);
    const emitted: CreateReadingBody[] = [];
    fixture.componentInstance.submitted.subscribe((body) => emitted.push(body));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const valueInput = element.querySelector('input[type=number]') as HTMLInputElement;
    expect(valueInput.value).toBe('');
    expect(valueInput.placeholder).toBe('LO');
    expect(element.querySelector('mat-hint')?.textContent).toContain("LO: below the sensor's range");
    (element.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(element.querySelector('[role=alert]')).toBeNull();
    expect(emitted.map((body) => readingChanges(lo, body, 'Europe/Berlin'))).toEqual([{ context: 'other', note: null }]);
  });
});
