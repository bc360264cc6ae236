import { TestBed } from '@angular/core/testing';
import { readingFixture } from '../../../shared/testing/reading.testing';
import { ReadingList } from './reading-list';

describe('ReadingList', () => {
  it('shows a sensor LO as LO, without its stored limit or a unit, banded from its mg/dL', async () => {
    const fixture = TestBed.createComponent(ReadingList);
    fixture.componentRef.setInput('readings', [
      readingFixture({ id: 'lo', value: 39, valueMgdl: 39, kind: 'sensor', source: 'sensor_history', beyondRange: 'below' }),
      readingFixture({ id: 'typed', value: 120, valueMgdl: 120 }),
    ]);
    fixture.componentRef.setInput('profile', null);
    await fixture.whenStable();
    const [lo, typed] = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('td.value'));
    expect(lo?.textContent).toContain('LO');
    expect(lo?.textContent).not.toContain('39');
    expect(lo?.textContent).not.toContain('mg/dL');
    expect(lo?.querySelector('.visually-hidden')?.textContent).toBe("LO, below the sensor's range");
    expect(lo?.classList).toContain('band-veryLow');
    expect(lo?.querySelector('.band')?.textContent).toContain('Very low');
    expect(typed?.textContent).toContain('120');
    expect(typed?.textContent).toContain('mg/dL');
  });
});
