import * as argon2 from 'argon2';
import { PasswordHasher } from './password-hasher';

vi.mock('argon2', async (importOriginal) => {
  const original = await importOriginal<typeof import('argon2')>();
  return { ...original, verify: vi.fn(original.verify) };
});

const NFC = 'cr\u00e8me br\u00fbl\u00e9e';
const NFD = 'cre\u0300me bru\u0302le\u0301e';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(1024);
  const verifications = vi.mocked(argon2.verify);
  beforeEach(() => {
    verifications.mockClear();
  });

  it('hashes the NFKC form, so NFC and NFD forms of a password match each other', async () => {
    expect(await hasher.check(await hasher.hash(NFD), NFC)).toEqual({ matches: true, rehash: false });
    expect(await hasher.check(await hasher.hash(NFC), NFD)).toEqual({ matches: true, rehash: false });
    expect(await hasher.verify(await hasher.hash('\ufb01ne print here'), 'fine print here')).toBe(true);
  });

  it('matches a hash of the password as typed, from before normalisation, and asks for a new hash', async () => {
    const legacy = await argon2.hash(NFD, { memoryCost: 1024 });
    expect(await hasher.check(legacy, NFD)).toEqual({ matches: true, rehash: true });
    expect(await hasher.check(legacy, 'something else entirely')).toEqual({ matches: false, rehash: false });
  });

  it('verifies as often without an account as with one, so the time does not tell them apart', async () => {
    const stored = await hasher.hash('correct horse battery');
    const count = async (passwordHash: string | undefined, password: string) => {
      await hasher.check(passwordHash, password); // the decoy's hash is made once, not counted apart
      verifications.mockClear();
      expect((await hasher.check(passwordHash, password)).matches).toBe(false);
      return verifications.mock.calls.length;
    };
    expect(await count(undefined, NFD)).toBe(await count(stored, NFD));
    expect(await count(undefined, NFD)).toBe(2);
    expect(await count(undefined, NFC)).toBe(await count(stored, NFC));
    expect(await count(undefined, NFC)).toBe(1);
  });
});
