import { bandOf } from './glucose-bands';

describe('glucose bands (2019 consensus)', () => {
  it.each([
    [53, 'veryLow'],
    [54, 'low'],
    [69, 'low'],
    [70, 'inRange'],
    [180, 'inRange'],
    [181, 'high'],
    [250, 'high'],
    [251, 'veryHigh'],
  ])('%s mg/dL is %s', (value, band) => {
    expect(bandOf(value)).toBe(band);
  });

  it.each([
    [2.9, 'veryLow'],
    [3.0, 'low'],
    [3.8, 'low'],
    [3.9, 'inRange'],
    [10.0, 'inRange'],
    [10.1, 'high'],
    [13.9, 'high'],
    [14.0, 'veryHigh'],
  ])('%s mmol/L is %s, like its mg/dL equivalent', (mmol, band) => {
    expect(bandOf(mmol * 18.0182)).toBe(band);
  });

  it("uses the user's own target for the in-range band, keeping the consensus outer limits", () => {
    const target = { lowMgdl: 80, highMgdl: 140 };
    expect(bandOf(75, target)).toBe('low');
    expect(bandOf(80, target)).toBe('inRange');
    expect(bandOf(140, target)).toBe('inRange');
    expect(bandOf(145, target)).toBe('high');
    expect(bandOf(53, target)).toBe('veryLow');
    expect(bandOf(260, target)).toBe('veryHigh');
  });
});
