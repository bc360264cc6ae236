import { newPasswordProblem, normalisePassword, personalPasswordParts, type PasswordOwner } from '@glucodiary/contracts';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { FieldValidationError } from '../../core/errors';

/** zxcvbn's scale: 0-2 fall to an online or a fast offline attack; 3 and 4 hold against a slow hash. */
export const MIN_PASSWORD_SCORE = 3;

/**
 * Characters zxcvbn scores. Its matchers cost more than linearly with the length: crafted strings
 * of l33t characters, digits and date separators took up to 0.7 s at 64 characters (and 100 l33t
 * variants), under 0.1 s at 32 with 20 (0.25 s with both cores overloaded). Whatever follows the
 * first 32 characters only makes a password harder to guess.
 */
export const SCORED_LENGTH = 32;

/**
 * Variants the l33t matcher tries ("1" as "i" or "l", "$" as "s"): 100 by default, which made
 * crafted inputs about four times slower than 20, while common l33t passwords score the same.
 */
const L33T_VARIANTS = 20;

/** The site's name: the first word an attacker of its accounts tries. */
const SITE_WORDS = ['glucodiary'];

/** Built on first use, once per process: its dictionaries take about 300 ms, which start-up need not wait for. */
let estimator: ZxcvbnFactory | undefined;

/**
 * Why a new password is refused, as the end of a sentence about the field; null if it is accepted.
 * First the rules the browser checks too (length, not the email or name), then zxcvbn's estimate
 * against passwords common in leaks (offline lists), words, names, keyboard patterns, dates and
 * the owner's own data. Only for new passwords: sign-in takes whatever was once accepted.
 */
export function newPasswordRefusal(password: string, owner: PasswordOwner): string | null {
  const basic = newPasswordProblem(password, owner);
  if (basic) return basic;
  const result = estimateStrength(normalisePassword(password), owner);
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const warning = result.feedback.warning ? ` (${sentencePart(result.feedback.warning)})` : '';
  return `is too common or too easy to guess${warning}; use a longer phrase of a few unrelated words`;
}

/** Throws a 400 naming `field` when the new password is refused. */
export function assertNewPasswordAcceptable(password: string, owner: PasswordOwner, field: string): void {
  const refusal = newPasswordRefusal(password, owner);
  if (refusal) throw new FieldValidationError([{ field, message: refusal }]);
}

/** zxcvbn's verdict on the first SCORED_LENGTH characters, the owner's data counting as known words. */
export function estimateStrength(password: string, owner: PasswordOwner): ZxcvbnResult {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    maxLength: SCORED_LENGTH,
    l33tMaxSubstitutions: L33T_VARIANTS,
    // Levenshtein matching compares the whole password with every dictionary word: 0.3-2.6 s a check.
    useLevenshteinDistance: false,
  });
  const localPart = owner.email.trim().split('@')[0] ?? '';
  const userInputs = [...personalPasswordParts(owner), ...wordsOf(owner.displayName), ...wordsOf(localPart), ...SITE_WORDS];
  return estimator.check(password, userInputs);
}

/** The words of a name or address ("Ada Lovelace", "ada.lovelace"), so that zxcvbn finds each in a password. */
function wordsOf(name: string): string[] {
  return normalisePassword(name).toLowerCase().split(/[\s\p{P}]+/u).filter((word) => word.length > 1);
}

/** "This is a heavily used password." as "this is a heavily used password", to go inside a sentence. */
function sentencePart(text: string): string {
  return (text.charAt(0).toLowerCase() + text.slice(1)).replace(/\.$/, '');
}
