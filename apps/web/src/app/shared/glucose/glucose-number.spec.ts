import { clearTranslations, loadTranslations } from '@angular/localize';
import german from '../../../locale/messages.de.json';
import { registerFormatLocales } from '../../core/i18n/locale-data';
import { glucoseWithUnit } from './glucose-number';

describe('glucoseWithUnit', () => {
  beforeAll(() => registerFormatLocales());
  afterEach(() => clearTranslations());

  /** The app's German translations, as a German page loads them before it starts. */
  function speakGerman(): void {
    loadTranslations(german.translations);
  }

  it("writes the number in the format's decimal mark and the unit as the language does", () => {
    expect(glucoseWithUnit(7.2, 'mmol/L', 'en-US')).toBe('7.2 mmol/L');
    expect(glucoseWithUnit(7.2, 'mmol/L', 'de-DE')).toBe('7,2 mmol/L');
    speakGerman();
    expect(glucoseWithUnit(7.2, 'mmol/L', 'de-DE')).toBe('7,2 mmol/l');
    expect(glucoseWithUnit(130, 'mg/dL', 'de-DE')).toBe('130 mg/dl');
  });

  it('keeps a Swiss German decimal point, and mmol/L always with one decimal', () => {
    speakGerman();
    expect(glucoseWithUnit(7.2, 'mmol/L', 'de-CH')).toBe('7.2 mmol/l');
    expect(glucoseWithUnit(7, 'mmol/L', 'de-DE')).toBe('7,0 mmol/l');
    expect(glucoseWithUnit(1234, 'mg/dL', 'de-CH')).toBe('1’234 mg/dl');
    expect(glucoseWithUnit(1234, 'mg/dL', 'de-DE')).toBe('1.234 mg/dl');
    expect(glucoseWithUnit(1234, 'mg/dL', 'en-US')).toBe('1,234 mg/dl');
  });
});
