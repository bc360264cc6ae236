/** Every migration failure surfaces as one of these, with a one-paragraph message a person can act on. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}
