import { refreshDelayMs } from './session-refresher';

describe('refreshDelayMs', () => {
  const now = 1_000_000;

  it('refreshes a minute before a token of the usual 15 minutes expires', () => {
    expect(refreshDelayMs(now + 900_000, now)).toBe(840_000);
  });

  it('waits three quarters of a short-lived token instead of refreshing it again at once', () => {
    expect(refreshDelayMs(now + 30_000, now)).toBe(22_500);
    expect(refreshDelayMs(now + 60_000, now)).toBe(45_000);
  });

  it('refreshes at once a token that has expired, and never waits longer than a timer can', () => {
    expect(refreshDelayMs(now - 5_000, now)).toBe(0);
    expect(refreshDelayMs(now + 90 * 24 * 3600_000, now)).toBe(2 ** 31 - 1);
  });
});
