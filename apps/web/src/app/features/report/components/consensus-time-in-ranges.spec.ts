import { LOCALE_ID } from '@angular/core';
import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { TestBed } from '@angular/core/testing';
import type { TimeInRange } from '@glucodiary/contracts';
import { ConsensusTimeInRanges } from './consensus-time-in-ranges';
import { timeInRangeSegments } from './time-in-range-segments';

// Rounded to one decimal each, as the API gives them: they add up to 100.1.
const timeInRange: TimeInRange = { veryLow: 0.5, low: 3.3, inRange: 72.4, high: 19.6, veryHigh: 4.3 };

const render = (locale = 'en-US') => {
  TestBed.configureTestingModule({ providers: [{ provide: LOCALE_ID, useValue: locale }] });
  const fixture = TestBed.createComponent(ConsensusTimeInRanges);
  fixture.componentRef.setInput('timeInRange', timeInRange);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
};

describe('consensus time in ranges', () => {
  it('stacks the five bands from very high down to very low, filling the column exactly, each with its consensus goal', () => {
    const segments = timeInRangeSegments(timeInRange);
    expect(segments.map((segment) => [segment.band, segment.share, segment.goal])).toEqual([
      ['veryHigh', 4.3, '<5%'],
      ['high', 19.6, '<25%'],
      ['inRange', 72.4, '>70%'],
      ['low', 3.3, '<4%'],
      ['veryLow', 0.5, '<1%'],
    ]);
    expect(segments.reduce((sum, segment) => sum + segment.height, 0)).toBeCloseTo(100, 9);
    expect(segments[2]!.height).toBeCloseTo((72.4 / 100.1) * 100, 9);
  });

  it('leaves the column empty rather than dividing by nothing', () => {
    expect(timeInRangeSegments({ veryLow: 0, low: 0, inRange: 0, high: 0, veryHigh: 0 }).map((segment) => segment.height)).toEqual([0, 0, 0, 0, 0]);
  });

  it('draws the column and writes each share beside its goal in a list', () => {
    const element = render();
    const heights = Array.from(element.querySelectorAll<HTMLElement>('.column .segment')).map((segment) => parseFloat(segment.style.height));
    expect(heights).toHaveLength(5);
    expect(heights.reduce((sum, height) => sum + height, 0)).toBeCloseTo(100, 6);
    expect(element.querySelector('.column')?.getAttribute('aria-hidden')).toBe('true');
    const list = element.querySelector('ul[aria-label="Time in ranges, with the consensus goals"]');
    expect(Array.from(list!.querySelectorAll('li')).map((item) => item.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '▲▲ Very high 4.3% goal <5%',
      '▲ High 19.6% goal <25%',
      '✓ In range 72.4% goal >70%',
      '▼ Low 3.3% goal <4%',
      '▼▼ Very low 0.5% goal <1%',
    ]);
  });

  it('writes the shares in the app locale', () => {
    registerLocaleData(localeDe);
    const element = render('de');
    expect(element.querySelector('li[data-band="inRange"] .share')?.textContent).toBe('72,4%');
  });
});
