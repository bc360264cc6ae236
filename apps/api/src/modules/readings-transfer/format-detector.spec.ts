import { fixture, localeFixture, records } from './testing/parse-sample';
import { detectFormat } from './format-detector';

describe('format detector', () => {
  it.each([
    ['libreview-mgdl.csv', 'libreview', 1],
    ['libreview-mmol-comma.csv', 'libreview', 1],
    ['dexcom-clarity.csv', 'dexcom', 0],
    ['glucodiary-export.csv', 'glucodiary', 0],
    ['generic-meter.csv', 'generic', 0],
  ])('recognises %s as %s with the header on row %i', async (file, format, headerIndex) => {
    const detected = detectFormat(await records(fixture(file)));
    expect(detected?.reader.format).toBe(format);
    expect(detected?.headerIndex).toBe(headerIndex);
  });

  it.each([
    ['libreview-uk-mmol.csv', 'libreview', 1],
    ['libreview-de.csv', 'libreview', 1],
    ['libreview-us-12h.csv', 'libreview', 1],
    ['libreview-nl-semicolon.csv', 'libreview', 1],
    ['libreview-fr.csv', 'libreview', 1],
    ['libreview-es.csv', 'libreview', 1],
    ['libreview-it.csv', 'libreview', 2],
    ['clarity-en.csv', 'dexcom', 0],
    ['clarity-de.csv', 'dexcom', 0],
  ])('recognises the locale export %s as %s with the header on row %i', async (file, format, headerIndex) => {
    const detected = detectFormat(await records(localeFixture(file)));
    expect(detected?.reader.format).toBe(format);
    expect(detected?.headerIndex).toBe(headerIndex);
  });

  it('finds only the requested format, so a file of another format is refused', async () => {
    expect(detectFormat(await records(fixture('dexcom-clarity.csv')), 'libreview')).toBeNull();
    expect(detectFormat(await records(fixture('libreview-mgdl.csv')), 'dexcom')).toBeNull();
    expect(detectFormat(await records(fixture('dexcom-clarity.csv')), 'generic')?.headerIndex).toBe(0);
  });

  it('finds no header in an empty file or a single column of text', async () => {
    expect(detectFormat(await records(''))).toBeNull();
    expect(detectFormat(await records('hello\nworld\n'))).toBeNull();
  });
});
