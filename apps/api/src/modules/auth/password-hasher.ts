import { normalisePassword } from '@glucodiary/contracts';
import { argon2id, hash, verify, type HashOptions } from 'argon2';

export interface PasswordCheck {
  matches: boolean;
  /** The hash is of the password as typed, from before passwords were normalised: store a new one. */
  rehash: boolean;
}

/**
 * Hashes passwords with argon2id (memory-hard); parameters follow OWASP's minimum by default.
 * Passwords are hashed in NFKC, so the same characters typed on another system (NFC or NFD) match.
 */
export class PasswordHasher {
  private readonly options: HashOptions;
  /** Verified against when the account does not exist, so a wrong email costs as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  constructor(memoryCostKiB = 19_456) {
    this.options = { type: argon2id, memoryCost: memoryCostKiB, timeCost: 2, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return hash(normalisePassword(password), this.options);
  }

  /**
   * Whether `password` is the one `passwordHash` was made from. Hashes made before passwords were
   * normalised hold the password as typed: a password that NFKC changes is tried as typed too.
   * Without an account the decoy is verified the same number of times, so the time an answer
   * takes depends on the password alone, never on whether the email has an account.
   */
  async check(passwordHash: string | undefined, password: string): Promise<PasswordCheck> {
    const normalised = normalisePassword(password);
    const typedDiffers = normalised !== password;
    if (passwordHash === undefined) {
      this.decoy ??= hash('decoy-password-never-matches', this.options);
      const decoy = await this.decoy;
      await verify(decoy, normalised);
      if (typedDiffers) await verify(decoy, password);
      return { matches: false, rehash: false };
    }
    if (await verify(passwordHash, normalised)) return { matches: true, rehash: false };
    if (typedDiffers && (await verify(passwordHash, password))) return { matches: true, rehash: true };
    return { matches: false, rehash: false };
  }

  /** Whether `password` is the one `passwordHash` was made from (see `check`), where an old hash may stay. */
  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    return (await this.check(passwordHash, password)).matches;
  }
}
