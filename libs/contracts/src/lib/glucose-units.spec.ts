import { fromMgdl, isWithinGlucoseLimits, MGDL_PER_MMOLL, roundMgdl, toMgdl } from './glucose-units';

describe('glucose units', () => {
  it('converts mmol/L to canonical mg/dL with the 18.0182 factor', () => {
    expect(toMgdl(5.5, 'mmol/L')).toBeCloseTo(99.1001, 4);
    expect(toMgdl(120, 'mg/dL')).toBe(120);
  });

  it('rounds for display: mg/dL whole, mmol/L to one decimal', () => {
    expect(fromMgdl(99.6, 'mg/dL')).toBe(100);
    expect(fromMgdl(180, 'mmol/L')).toBe(10);
    expect(fromMgdl(70, 'mmol/L')).toBe(3.9);
  });

  it('round-trips a mmol/L value through storage without drift', () => {
    for (const mmol of [2.2, 3.9, 5.5, 7.8, 10, 13.9, 33.3]) {
      expect(fromMgdl(toMgdl(mmol, 'mmol/L'), 'mmol/L')).toBe(mmol);
    }
    expect(MGDL_PER_MMOLL).toBe(18.0182);
  });

  it('accepts the physiological range in either unit and rejects typos', () => {
    expect(isWithinGlucoseLimits(20, 'mg/dL')).toBe(true);
    expect(isWithinGlucoseLimits(600, 'mg/dL')).toBe(true);
    expect(isWithinGlucoseLimits(19.8, 'mg/dL')).toBe(false);
    expect(isWithinGlucoseLimits(601, 'mg/dL')).toBe(false);
    expect(isWithinGlucoseLimits(1.1, 'mmol/L')).toBe(true);
    expect(isWithinGlucoseLimits(33.3, 'mmol/L')).toBe(true);
    expect(isWithinGlucoseLimits(1.0, 'mmol/L')).toBe(false);
    expect(isWithinGlucoseLimits(33.4, 'mmol/L')).toBe(false);
    expect(isWithinGlucoseLimits(120, 'mmol/L')).toBe(false);
  });

  it('accepts every stored reading written back in mg/dL, as undo and re-import do', () => {
    // Every value a meter shows in either unit: whole mg/dL, mmol/L to one decimal.
    const shown = [
      ...Array.from({ length: 601 }, (_, i) => ({ value: i, unit: 'mg/dL' as const })),
      ...Array.from({ length: 341 }, (_, i) => ({ value: i / 10, unit: 'mmol/L' as const })),
    ];
    for (const { value, unit } of shown.filter((reading) => isWithinGlucoseLimits(reading.value, reading.unit))) {
      expect(isWithinGlucoseLimits(roundMgdl(toMgdl(value, unit)), 'mg/dL'), `${value} ${unit}`).toBe(true);
    }
    expect(roundMgdl(toMgdl(1.1, 'mmol/L'))).toBe(19.82);
    expect(roundMgdl(toMgdl(33.3, 'mmol/L'))).toBe(600.01);
  });
});
