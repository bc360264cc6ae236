import { argon2id, hash, verify, type HashOptions } from 'argon2';

/** Hashes passwords with argon2id (memory-hard); parameters follow OWASP's minimum by default. */
export class PasswordHasher {
  private readonly options: HashOptions;
  /** Verified against when the account does not exist, so a wrong email costs as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  constructor(memoryCostKiB = 19_456) {
    this.options = { type: argon2id, memoryCost: memoryCostKiB, timeCost: 2, parallelism: 1 };
  }

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string | undefined, password: string): Promise<boolean> {
    if (passwordHash === undefined) {
      this.decoy ??= this.hash('decoy-password-never-matches');
      await verify(await this.decoy, password);
      return false;
    }
    return verify(passwordHash, password);
  }
}
