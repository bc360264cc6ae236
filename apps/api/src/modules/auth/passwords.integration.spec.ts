import { hash } from 'argon2';
import { signedInUser, startTestApp, type TestApp } from '../../testing/test-app';
import { PasswordHasher } from './password-hasher';

/** "crème brûlée à minuit pile" with its accents as single code points (NFC) and as combining marks (NFD). */
const PHRASE_NFC = 'cr\u00e8me br\u00fbl\u00e9e \u00e0 minuit pile';
const PHRASE_NFD = 'cre\u0300me bru\u0302le\u0301e a\u0300 minuit pile';
const STRONG = 'violet tractor umbrella orbit';

describe('password rules', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    // Enough sign-in budget for every request of this file from one address.
    testApp = await startTestApp({ LOGIN_RATE_LIMIT_MAX: '100' });
  });
  afterAll(() => testApp.close());
  const app = () => testApp.app;

  let registrations = 0;
  const uniqueEmail = (name: string) => `${name}.${++registrations}.${Date.now()}@example.test`;
  const register = (payload: { email: string; password: string; displayName?: string }) =>
    app().inject({ method: 'POST', url: '/api/auth/register', payload: { displayName: 'Owner', ...payload } });
  const signIn = (email: string, password: string) => app().inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const storedHash = async (email: string) => (await app().db.user.findUniqueOrThrow({ where: { email } })).passwordHash;

  it.each([
    ['12345678', /12 characters/],
    ['password', /12 characters/],
    ['        ', /12 characters/],
    ['e\u0301'.repeat(6), /at least 12 characters/], // 12 code points as typed, 6 characters once normalised
    ['password1234', /too common or too easy to guess/],
    ['Password123!', /too common or too easy to guess/],
    ['qwertyuiop12', /too common or too easy to guess/],
    [' '.repeat(12), /too common or too easy to guess/],
  ])('refuses %j at registration with 400 naming the password', async (password, message) => {
    const email = uniqueEmail('weak');
    const response = await register({ email, password });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(body.details).toEqual([{ field: 'password', message: expect.stringMatching(message) }]);
    expect(await app().db.user.findUnique({ where: { email } })).toBeNull();
  });

  it('says what makes a password easy to guess, with advice', async () => {
    const response = await register({ email: uniqueEmail('common'), password: 'password1234' });
    expect(response.json().details[0].message).toBe(
      'is too common or too easy to guess (this is similar to a commonly used password); use a longer phrase of a few unrelated words',
    );
  });

  it.each([
    ['the email', (email: string) => email],
    ['the email in capitals', (email: string) => email.toUpperCase()],
    ['the email and more', (email: string) => `${email} forever`],
    ['the local part and more', (email: string) => `${email.split('@')[0]}-umbrella!`],
    ['the name and more', () => 'Marguerite Fontaine 1958'],
  ])('refuses %s as the password', async (_, passwordFor) => {
    const email = uniqueEmail('marguerite.fontaine');
    const response = await register({ email, password: passwordFor(email), displayName: 'Marguerite Fontaine' });
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual([{ field: 'password', message: 'must not contain your email address or your name' }]);
  });

  it('accepts a phrase of unrelated words, and signs in with it', async () => {
    const email = uniqueEmail('strong');
    expect((await register({ email, password: STRONG })).statusCode).toBe(201);
    expect((await signIn(email, STRONG)).statusCode).toBe(200);
  });

  it('still signs in an account whose password is from before the 12-character rule', async () => {
    const email = uniqueEmail('older');
    expect((await register({ email, password: STRONG })).statusCode).toBe(201);
    await app().db.user.update({ where: { email }, data: { passwordHash: await new PasswordHasher(1024).hash('eight ch') } });
    expect((await signIn(email, 'eight ch')).statusCode).toBe(200);
  });

  it.each([
    ['NFD', 'NFC', PHRASE_NFD, PHRASE_NFC],
    ['NFC', 'NFD', PHRASE_NFC, PHRASE_NFD],
  ])('registers with an %s password and signs in with its %s form', async (_from, _to, registeredWith, signedInWith) => {
    expect(registeredWith).not.toBe(signedInWith);
    const email = uniqueEmail('accents');
    expect((await register({ email, password: registeredWith })).statusCode).toBe(201);
    expect((await signIn(email, signedInWith)).statusCode).toBe(200);
    expect((await signIn(email, registeredWith)).statusCode).toBe(200);
  });

  it('signs in with the password as typed against a hash from before normalisation, then stores a normalised hash', async () => {
    const email = uniqueEmail('legacy');
    expect((await register({ email, password: STRONG })).statusCode).toBe(201);
    const legacyHash = await hash(PHRASE_NFD, { memoryCost: 1024 });
    await app().db.user.update({ where: { email }, data: { passwordHash: legacyHash } });

    expect((await signIn(email, PHRASE_NFD)).statusCode).toBe(200);
    const rehashed = await storedHash(email);
    expect(rehashed).not.toBe(legacyHash);
    expect(rehashed).toMatch(/^\$argon2id\$/);
    expect((await signIn(email, PHRASE_NFC)).statusCode).toBe(200);
    expect(await storedHash(email)).toBe(rehashed);
    expect((await signIn(email, 'cre\u0300me bru\u0302le\u0301e a\u0300 minuit')).statusCode).toBe(401);
  });

  it('answers an unknown email with a password NFKC changes as it answers a wrong one, with 401', async () => {
    const email = uniqueEmail('known');
    expect((await register({ email, password: STRONG })).statusCode).toBe(201);
    const wrong = await signIn(email, PHRASE_NFD);
    const unknown = await signIn(uniqueEmail('unknown'), PHRASE_NFD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  describe('a password change', () => {
    const change = (headers: Record<string, string>, currentPassword: string, newPassword: string) =>
      app().inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword, newPassword } });

    it.each([
      ['12345678', /12 characters/],
      ['password1234', /too common or too easy to guess/],
      ['aaaaaaaaaaaa', /too common or too easy to guess/],
    ])('refuses %j as the new password and keeps the old one', async (newPassword, message) => {
      const { email, password, headers } = await signedInUser(app());
      const response = await change(headers, password, newPassword);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([{ field: 'newPassword', message: expect.stringMatching(message) }]);
      expect((await signIn(email, password)).statusCode).toBe(200);
      expect((await signIn(email, newPassword)).statusCode).toBe(401);
    });

    it('refuses the email as the new password', async () => {
      const { email, password, headers } = await signedInUser(app());
      const response = await change(headers, password, email);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([{ field: 'newPassword', message: 'must not contain your email address or your name' }]);
    });

    it('asks for the current password before judging the new one', async () => {
      const { headers } = await signedInUser(app());
      const response = await change(headers, 'not my password', 'password1234');
      expect(response.json().details).toEqual([{ field: 'currentPassword', message: 'is not your current password' }]);
    });

    it('takes a strong one, normalised like any other', async () => {
      const { email, password, headers } = await signedInUser(app());
      expect((await change(headers, password, PHRASE_NFD)).statusCode).toBe(204);
      expect((await signIn(email, PHRASE_NFC)).statusCode).toBe(200);
    });
  });
});
