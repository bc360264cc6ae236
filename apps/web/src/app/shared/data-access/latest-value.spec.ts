import { ApplicationRef, Injector, resource, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { latestValueOf } from './latest-value';

/** A resource whose loads are answered by the test, one by one, in order. */
function answeredByHand() {
  const pending: Array<(value: string) => void> = [];
  const failures: Array<(error: Error) => void> = [];
  const params = signal(1);
  const loaded = resource({
    params: () => params(),
    loader: () =>
      new Promise<string>((resolve, reject) => {
        pending.push(resolve);
        failures.push(reject);
      }),
    injector: TestBed.inject(Injector),
  });
  const settle = async () => {
    await TestBed.inject(ApplicationRef).whenStable();
  };
  return { params, loaded, pending, failures, settle };
}

describe('latestValueOf', () => {
  it('keeps the last value while the next loads, and takes the next when it arrives', async () => {
    const { params, loaded, pending, settle } = answeredByHand();
    const shown = TestBed.runInInjectionContext(() => latestValueOf(loaded));
    TestBed.tick();
    expect(shown()).toBeUndefined();

    pending.shift()?.('14 days');
    await settle();
    expect(shown()).toBe('14 days');

    params.set(2);
    TestBed.tick();
    expect(loaded.isLoading()).toBe(true);
    expect(loaded.hasValue()).toBe(false);
    expect(shown()).toBe('14 days');

    pending.shift()?.('30 days');
    await settle();
    expect(shown()).toBe('30 days');
  });

  it('keeps the last value when the next load fails', async () => {
    const { params, loaded, pending, failures, settle } = answeredByHand();
    const shown = TestBed.runInInjectionContext(() => latestValueOf(loaded));
    TestBed.tick();
    pending.shift()?.('14 days');
    await settle();
    // Read as a template reads it on every render.
    expect(shown()).toBe('14 days');

    params.set(2);
    TestBed.tick();
    failures[1]?.(new Error('offline'));
    await settle();
    expect(loaded.error()).toBeTruthy();
    expect(shown()).toBe('14 days');
  });
});
