import { newPasswordProblem, normalisePassword, passwordLength, personalPasswordParts, PASSWORD_MIN_LENGTH } from './auth';

describe('new password rules shared by browser and API', () => {
  const owner = { email: ' Jo.Smith@Example.test ', displayName: 'Jo Smith' };

  it('normalises to NFKC: composed and decomposed accents, ligatures', () => {
    expect(normalisePassword('cre\u0300me')).toBe('cr\u00e8me');
    expect(normalisePassword('\ufb01ne')).toBe('fine');
  });

  it('counts characters of the normalised form, as a person counts them', () => {
    expect(passwordLength('e\u0301'.repeat(6))).toBe(6);
    expect(passwordLength('\u{1F600}'.repeat(3))).toBe(3);
    expect(passwordLength('\ufb01')).toBe(2);
  });

  it(`wants at least ${PASSWORD_MIN_LENGTH} characters`, () => {
    expect(newPasswordProblem('x'.repeat(PASSWORD_MIN_LENGTH - 1), owner)).toBe(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
    expect(newPasswordProblem('e\u0301'.repeat(PASSWORD_MIN_LENGTH - 1), owner)).toBe(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
    expect(newPasswordProblem('violet tractor', owner)).toBeNull();
  });

  it('compares with the email, its local part and the name, leaving out parts too short to matter', () => {
    expect(personalPasswordParts(owner)).toEqual(['jo.smith@example.test', 'jo.smith', 'jo smith', 'josmithexampletest', 'josmith', 'jo smith example test']);
    for (const password of ['jo.smith@example.test', 'JO.SMITH and friends', 'my name is Jo Smith', 'josmith-is-here!', 'Jo-Smith rocks', 'josmith2024!!']) {
      expect(newPasswordProblem(password, owner), password).toBe('must not contain your email address or your name');
    }
    // "jo" alone is in too many phrases to refuse it; zxcvbn on the server weighs it.
    expect(newPasswordProblem('joyful tractor umbrella', owner)).toBeNull();
  });

  it('finds the name as a word, not inside a longer one', () => {
    const bench = { email: 'b@example.test', displayName: 'Bench' };
    expect(newPasswordProblem('benchmark password', bench)).toBeNull();
    expect(newPasswordProblem('sitting on a bench today', bench)).toBe('must not contain your email address or your name');
  });
});
