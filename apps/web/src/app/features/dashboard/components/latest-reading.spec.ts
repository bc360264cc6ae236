import { TestBed } from '@angular/core/testing';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { LatestReading } from './latest-reading';

describe('LatestReading', () => {
  it('shows a sensor HI as HI, not its stored limit, banded very high', async () => {
    const fixture = TestBed.createComponent(LatestReading);
    fixture.componentRef.setInput('reading', readingFixture({ value: 22.3, unit: 'mmol/L', valueMgdl: 401, kind: 'sensor', source: 'sensor_scan', beyondRange: 'above' }));
    fixture.componentRef.setInput('profile', null);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const value = element.querySelector('.value');
    expect(value?.querySelector('.number [aria-hidden=true]')?.textContent).toBe('HI');
    expect(value?.textContent).not.toContain('22.3');
    expect(value?.textContent).not.toContain('mmol/L');
    expect(value?.classList).toContain('band-veryHigh');
    expect(element.querySelector('.band')?.textContent).toContain('Very high');
  });
});
