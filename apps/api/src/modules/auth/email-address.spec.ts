import { FieldValidationError } from '../../core/errors';
import { emailRefusal, normaliseEmail, registrableEmail, storedEmailForms } from './email-address';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.TEST ')).toBe('ada.lovelace@example.test');
  });

  it('folds compatibility characters (NFKC): fullwidth letters, ligatures, an ideographic space', () => {
    expect(normaliseEmail('\uff21\uff44\uff41@\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.test')).toBe('ada@example.test');
    expect(normaliseEmail('\ufb01nn@example.test')).toBe('finn@example.test');
    expect(normaliseEmail('\u3000ada@example.test\u3000')).toBe('ada@example.test');
  });

  it('writes an internationalised domain in ASCII (IDNA), the same however it was typed', () => {
    expect(normaliseEmail('ada@Ex\u00e4mple.test')).toBe('ada@xn--exmple-cua.test');
    expect(normaliseEmail('ada@exa\u0308mple.test')).toBe('ada@xn--exmple-cua.test'); // ä as a and a combining diaeresis
    expect(normaliseEmail('ada@XN--EXMPLE-CUA.test')).toBe('ada@xn--exmple-cua.test');
  });

  it('never throws, also for what registration refuses', () => {
    expect(normaliseEmail('j\u00d6rg@gm\u0430il.com')).toBe('j\u00f6rg@xn--gmil-63d.com');
    expect(normaliseEmail('no-at-sign')).toBe('no-at-sign');
    expect(normaliseEmail('')).toBe('');
  });
});

describe('storedEmailForms', () => {
  it('adds the trimmed lower-case form older accounts were stored in, only when it differs', () => {
    expect(storedEmailForms(' Ada@Example.test')).toEqual(['ada@example.test']);
    expect(storedEmailForms('Ada@Ex\u00e4mple.test')).toEqual(['ada@xn--exmple-cua.test', 'ada@ex\u00e4mple.test']);
  });
});

describe('emailRefusal', () => {
  it.each([
    'ada@example.test',
    ' Ada.Lovelace+diary@Example.TEST ',
    '\uff41\uff44\uff41@example.test', // fullwidth: ASCII after NFKC
    'ada@ex\u00e4mple.test', // Latin with an accent is one script
    'ada@xn--exmple-cua.test',
    'ada@\u043f\u0440\u0438\u043c\u0435\u0440.test', // a Cyrillic label beside a Latin one: each label is one script
    'ada@\u4f8b\u3048.jp', // Han and Hiragana: Japanese
    'ada@\u30c6\u30b9\u30c8abc.jp', // Katakana with Latin letters
    'ada@\ud55c\uad6d\uc5b4.kr',
    'ada@mail-2.example.test',
  ])('accepts %j', (email) => {
    expect(emailRefusal(email)).toBeNull();
  });

  it.each([
    ['ada@gm\u0430il.com', /mixes alphabets/], // Cyrillic а
    ['ada@xn--gmil-63d.com', /mixes alphabets/], // the same, as punycode
    ['ada@\u0440aypal.com', /mixes alphabets/], // Cyrillic р
    ['ada@g\u03bfogle.com', /mixes alphabets/], // Greek ο
    ['ada@mail.g\u043e\u043egle.com', /mixes alphabets/], // in any label
    ['j\u00f6rg@example.test', /before the @/],
    ['\u0430da@example.test', /before the @/], // a Cyrillic а before the @
    ['ada\u200b@example.test', /before the @/], // zero-width space
    ['a\uff20b@example.test', /like name@example.com/], // a second @ after NFKC
    ['ada@exa\u0000mple.test', /not valid/],
    [`${'a'.repeat(250)}@example.test`, /at most 254/],
  ])('refuses %j', (email, message) => {
    expect(emailRefusal(email)).toMatch(message);
  });
});

describe('registrableEmail', () => {
  it('returns the normalised address, or throws a 400 naming the field', () => {
    expect(registrableEmail(' \uff21da@Ex\u00e4mple.test')).toBe('ada@xn--exmple-cua.test');
    try {
      registrableEmail('ada@gm\u0430il.com');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FieldValidationError);
      expect((error as FieldValidationError).details).toEqual([{ field: 'email', message: expect.stringContaining('mixes alphabets') }]);
    }
  });
});
