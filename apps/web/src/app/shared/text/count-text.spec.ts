import { registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import { count, listed, pluralForm } from './count-text';

const readings = { one: 'reading', other: 'readings' };

describe('count', () => {
  it("writes the number in the user's format with the noun in the form its plural rules pick", () => {
    registerLocaleData(localeDe);
    expect(count(1, readings, 'en-US')).toBe('1 reading');
    expect(count(0, readings, 'en-US')).toBe('0 readings');
    expect(count(12000, readings, 'en-US')).toBe('12,000 readings');
    expect(count(12000, readings, 'de-DE')).toBe('12.000 readings');
  });

  it('picks a sentence by the same rules, falling back to the other form', () => {
    expect(pluralForm(1, { one: 'was', other: 'were' })).toBe('was');
    expect(pluralForm(2, { one: 'was', other: 'were' })).toBe('were');
    expect(pluralForm(1, { other: 'any' })).toBe('any');
  });

  it('joins a list without a comma before "and"', () => {
    expect(listed(['a', 'b', 'c'])).toBe('a, b and c');
  });
});
