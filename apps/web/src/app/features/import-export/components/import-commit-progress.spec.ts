import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { TestBed } from '@angular/core/testing';
import { describeCommitProgress, ImportCommitProgress } from './import-commit-progress';

describe('describeCommitProgress', () => {
  it('says what the commit is doing, with the figures the server gave', () => {
    expect(describeCommitProgress(null, 'en-US')).toBe('Importing…');
    expect(describeCommitProgress({ stage: 'storing', done: 12000, total: 40000 }, 'en-US')).toBe('Storing 12,000 of 40,000 readings');
    expect(describeCommitProgress({ stage: 'storing', done: 0, total: 1 }, 'en-US')).toBe('Storing 0 of 1 reading');
    expect(describeCommitProgress({ stage: 'reading', done: 2500, total: null }, 'en-US')).toBe('Reading the file again: 2,500 rows…');
  });

  it("writes the figures in the user's number format", () => {
    registerLocaleData(localeDe);
    expect(describeCommitProgress({ stage: 'storing', done: 12000, total: 40000 }, 'de-DE')).toBe('Storing 12.000 of 40.000 readings');
  });
});

describe('ImportCommitProgress', () => {
  function render(progress: Parameters<typeof describeCommitProgress>[0], cancelling = false) {
    const fixture = TestBed.createComponent(ImportCommitProgress);
    fixture.componentRef.setInput('progress', progress);
    fixture.componentRef.setInput('cancelling', cancelling);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element, bar: element.querySelector('mat-progress-bar'), cancel: element.querySelector('button') as HTMLButtonElement };
  }

  it('fills its bar by the share stored, and runs it without a figure while there is no total', () => {
    const storing = render({ stage: 'storing', done: 10000, total: 40000 });
    expect(storing.bar?.getAttribute('mode')).toBe('determinate');
    expect(storing.bar?.getAttribute('aria-valuenow')).toBe('25');
    const reading = render({ stage: 'reading', done: 100, total: null });
    expect(reading.bar?.getAttribute('mode')).toBe('indeterminate');
  });

  it('asks for the cancel, then says it is cancelling', () => {
    const { fixture, element, cancel } = render({ stage: 'storing', done: 1, total: 2 });
    const cancelled = vi.fn();
    fixture.componentInstance.cancelImport.subscribe(cancelled);
    cancel.click();
    expect(cancelled).toHaveBeenCalledOnce();

    fixture.componentRef.setInput('cancelling', true);
    fixture.detectChanges();
    expect(element.querySelector('.progress-text')?.textContent).toBe('Cancelling the import…');
    expect(cancel.disabled).toBe(true);
  });
});
