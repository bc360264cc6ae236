import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { TestBed } from '@angular/core/testing';
import { GlucoseValue, glucoseValueText, type ShownGlucose } from './glucose-value';

describe('glucoseValueText', () => {
  it('shows a number as it is, and a LO or HI as LO or HI, saying whose range it lies beyond', () => {
    expect(glucoseValueText({ value: 6.4 })).toEqual({ text: '6.4', description: null });
    expect(glucoseValueText({ value: 39, beyondRange: 'below', kind: 'sensor' })).toEqual({ text: 'LO', description: "below the sensor's range" });
    expect(glucoseValueText({ value: 33.3, beyondRange: 'above', kind: 'fingerstick' })).toEqual({ text: 'HI', description: "above the meter's range" });
  });

  it("writes mmol/L always with one decimal and mg/dL whole, with the locale's decimal mark", () => {
    registerLocaleData(localeDe);
    expect(glucoseValueText({ value: 7, unit: 'mmol/L' }).text).toBe('7.0');
    expect(glucoseValueText({ value: 10, unit: 'mmol/L' }).text).toBe('10.0');
    expect(glucoseValueText({ value: 7.2, unit: 'mmol/L' }, 'de').text).toBe('7,2');
    expect(glucoseValueText({ value: 120, unit: 'mg/dL' }).text).toBe('120');
    expect(glucoseValueText({ value: 3.9, beyondRange: 'below', unit: 'mmol/L' }).text).toBe('LO');
  });
});

describe('GlucoseValue', () => {
  async function render(reading: ShownGlucose) {
    const fixture = TestBed.createComponent(GlucoseValue);
    fixture.componentRef.setInput('reading', reading);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('never shows the stored limit of a HI; a screen reader hears what HI means', async () => {
    const element = await render({ value: 401, beyondRange: 'above' });
    expect(element.textContent).not.toContain('401');
    expect(element.querySelector('[aria-hidden=true]')?.textContent).toBe('HI');
    expect(element.querySelector('.visually-hidden')?.textContent).toBe("HI, above the sensor's range");
    expect(element.querySelector('[title]')?.getAttribute('title')).toBe("above the sensor's range");
  });

  it('shows a value in range as its number alone', async () => {
    expect((await render({ value: 120, beyondRange: null })).textContent).toBe('120');
  });
});
