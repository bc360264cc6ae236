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

describe('LatestReading from a sensor app', () => {
  afterEach(() => vi.useRealTimers());

  it("shows the sensor's trend arrow, named for screen readers, and how long ago the reading was taken, kept current", async () => {
    vi.useFakeTimers({ now: new Date('2026-12-05T10:03:20.000Z'), toFake: ['Date', 'setInterval', 'clearInterval'] });
    const fixture = TestBed.createComponent(LatestReading);
    fixture.componentRef.setInput('reading', readingFixture({ takenAt: '2026-12-05T10:00:00.000Z', kind: 'sensor', source: 'sensor_history', direction: 'FortyFiveDown', deviceName: 'xDrip+' }));
    fixture.componentRef.setInput('profile', null);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const arrow = element.querySelector('.value .arrow');
    expect(arrow?.textContent).toBe('↘');
    expect(arrow?.getAttribute('aria-label')).toBe('falling slowly');
    expect(element.querySelector('.age')?.textContent).toBe('3 min ago');
    expect(element.querySelector('.when')?.textContent).toContain('xDrip+');

    vi.advanceTimersByTime(2 * 60_000);
    await fixture.whenStable();
    expect(element.querySelector('.age')?.textContent).toBe('5 min ago');
  });

  it('shows no arrow when the sensor could not compute one, and no age for a reading days old', async () => {
    const fixture = TestBed.createComponent(LatestReading);
    fixture.componentRef.setInput('reading', readingFixture({ takenAt: '2020-01-01T10:00:00.000Z', direction: 'NOT COMPUTABLE' }));
    fixture.componentRef.setInput('profile', null);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.arrow')).toBeNull();
    expect(element.querySelector('.age')).toBeNull();
  });
});
