import { PASSWORD_MAX_LENGTH } from '@glucodiary/contracts';
import { estimateStrength, MIN_PASSWORD_SCORE, newPasswordRefusal, SCORED_LENGTH } from './password-policy';

const owner = { email: 'ada.lovelace@example.test', displayName: 'Ada Lovelace' };

describe('new password policy', () => {
  beforeAll(() => {
    estimateStrength('warm up', owner); // builds the dictionaries (about 300 ms) outside the timed tests
  });

  it.each(['correct horse battery', 'a long enough password', 'violet tractor umbrella orbit', 'zU7#kq9!Lm2p'])(
    'accepts %j',
    (password) => {
      expect(newPasswordRefusal(password, owner)).toBeNull();
    },
  );

  it.each([
    ['12345678', 'must be at least 12 characters long'],
    ['        ', 'must be at least 12 characters long'],
    ['ada.lovelace@example.test', 'must not contain your email address or your name'],
    ['ADA.LOVELACE rules the waves', 'must not contain your email address or your name'],
    ['adalovelace-rules-the-waves', 'must not contain your email address or your name'],
  ])('refuses %j: %s', (password, refusal) => {
    expect(newPasswordRefusal(password, owner)).toBe(refusal);
  });

  it.each(['password1234', 'Password123!', 'iloveyou2024', 'monkey123456', 'qwertyuiop12', 'aaaaaaaaaaaa', '123456789012', ' '.repeat(12)])(
    'refuses the common or guessable %j',
    (password) => {
      expect(estimateStrength(password, owner).score).toBeLessThan(MIN_PASSWORD_SCORE);
      expect(newPasswordRefusal(password, owner)).toMatch(/^is too common or too easy to guess.*; use a longer phrase of a few unrelated words$/);
    },
  );

  it("counts the owner's words as known: the name's parts and the site's name", () => {
    const known = estimateStrength('lovelace-glucodiary', owner).sequence.filter((match) => match.dictionaryName === 'userInputs');
    expect(known.map((match) => match.token)).toEqual(['lovelace', 'glucodiary']);
    expect(estimateStrength('glucodiary-demo', owner).score).toBeLessThan(MIN_PASSWORD_SCORE);
  });

  it(`scores only the first ${SCORED_LENGTH} characters`, () => {
    const strong = 'violet tractor umbrella orbit';
    expect(estimateStrength(strong.repeat(3), owner).password).toBe(strong.repeat(3).slice(0, SCORED_LENGTH));
    expect(newPasswordRefusal(strong + 'a'.repeat(200), owner)).toBeNull();
    expect(newPasswordRefusal('a'.repeat(SCORED_LENGTH) + strong, owner)).toMatch(/too easy to guess/);
  });

  it('takes a bounded time for the slowest inputs that could be crafted', () => {
    for (const password of CRAFTED) {
      const started = performance.now();
      newPasswordRefusal(password, owner);
      const elapsedMs = performance.now() - started;
      // Under 0.1 s each measured on two busy cores (0.25 s overloaded); the bound leaves room for slower machines.
      expect(elapsedMs, JSON.stringify(password)).toBeLessThan(500);
    }
  });
});

/**
 * The slowest inputs found in a search of repeated and random strings over small alphabets of
 * l33t characters, digits and date separators, each at the longest length the API takes.
 */
const CRAFTED = ['1', '!a!1|a|!b!ab!|b|1baba1bb|!!|a1!b', 'ooo))0o0)00)oo()(0(o)(())((o()0)', 'password1', 'p4$$w0rd', '19/01/1990', '12121212'].map(
  (unit) => unit.repeat(Math.ceil(PASSWORD_MAX_LENGTH / unit.length)).slice(0, PASSWORD_MAX_LENGTH),
);
