import { domainToASCII, domainToUnicode } from 'node:url';
import { FieldValidationError } from '../../core/errors';

/** The longest address SMTP carries (RFC 5321's path limit less its brackets); the schema's limit too. */
const MAX_EMAIL_LENGTH = 254;

/**
 * The one form an email address is stored, looked up and counted (rate limits, throttle) in:
 * NFKC (so fullwidth "ａｄａ" is "ada"), lower case, trimmed, the domain in its ASCII (IDNA) form
 * ("exämple.org" as "xn--exmple-cua.org"). Never refuses anything: sign-in must find every
 * account, also one registered before addresses were checked (see `registrableEmail`).
 */
export function normaliseEmail(raw: string): string {
  const folded = raw.normalize('NFKC').toLowerCase().normalize('NFKC').trim();
  const at = folded.lastIndexOf('@');
  if (at === -1) return folded;
  const domain = folded.slice(at + 1);
  // '' when the domain is no valid IDNA name: kept as typed then (registration refuses it).
  return `${folded.slice(0, at)}@${domainToASCII(domain) || domain}`;
}

/**
 * The forms an account may be stored under: the normalised one, and the trimmed lower-case form
 * every address was stored in before (different only for addresses with characters NFKC or IDNA
 * change, which older accounts may have).
 */
export function storedEmailForms(raw: string): string[] {
  return [...new Set([normaliseEmail(raw), raw.trim().toLowerCase()])];
}

/**
 * Script sets one domain label may combine (Unicode TS #39's "highly restrictive" level): Japanese,
 * Chinese and Korean names are written with several scripts, and with Latin letters among them.
 */
const ALLOWED_SCRIPT_MIXES: ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** Scripts told apart in domain labels; letters of any other script count as one script, "Other". */
const SCRIPTS = [
  'Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Syriac', 'Thaana', 'Devanagari', 'Bengali',
  'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Thai', 'Lao', 'Tibetan',
  'Myanmar', 'Khmer', 'Mongolian', 'Ethiopic', 'Cherokee', 'Canadian_Aboriginal', 'Han', 'Hiragana', 'Katakana', 'Bopomofo',
  'Hangul', 'Yi', 'Tifinagh', 'Nko', 'Coptic', 'Glagolitic', 'Runic', 'Ogham',
].map((name) => ({ name, pattern: new RegExp(`^\\p{Script=${name}}$`, 'u') }));
const NOT_ASCII = /\P{ASCII}/u;
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/** The scripts of a label's characters, leaving out those every script shares (digits, "-", marks). */
function scriptsOf(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const character of label) {
    if (NEUTRAL.test(character)) continue;
    scripts.add(SCRIPTS.find(({ pattern }) => pattern.test(character))?.name ?? 'Other');
  }
  return scripts;
}

function mixesScripts(label: string): boolean {
  const scripts = scriptsOf(label);
  return scripts.size > 1 && !ALLOWED_SCRIPT_MIXES.some((allowed) => [...scripts].every((script) => allowed.has(script)));
}

/**
 * Why a new account may not have this address, as the end of a sentence about the field; null
 * if it may. Refused are addresses that can pass for another one: characters outside ASCII before
 * the @ (few mail systems deliver to them, and "а" of Cyrillic looks like "a"), and domains with
 * a label that mixes scripts ("gmаil.com" with a Cyrillic "а"), also when typed as "xn--…".
 */
export function emailRefusal(raw: string): string | null {
  const email = normaliseEmail(raw);
  const at = email.lastIndexOf('@');
  // NFKC may make an "@" or a space of a look-alike ("＠"): what the schema checked no longer holds.
  if (at <= 0 || at === email.length - 1 || email.indexOf('@') !== at || /\s/u.test(email)) return 'must be an address like name@example.com';
  if (email.length > MAX_EMAIL_LENGTH) return `must be at most ${MAX_EMAIL_LENGTH} characters long`;
  if (NOT_ASCII.test(email.slice(0, at))) {
    return 'must use only Latin letters without accents, digits and punctuation before the @';
  }
  const domain = email.slice(at + 1);
  // Normalised to ASCII already, unless domainToASCII refused it ('' then).
  if (domainToASCII(domain) === '') return 'has a domain name that is not valid';
  const labels = domainToUnicode(domain).split('.');
  if (labels.some(mixesScripts)) {
    return 'has a domain name that mixes alphabets (such as a Cyrillic or Greek letter among Latin ones), so it can pass for another address';
  }
  return null;
}

/** The normalised address of a new account; a 400 naming `field` when it may not have it (see `emailRefusal`). */
export function registrableEmail(raw: string, field = 'email'): string {
  const refusal = emailRefusal(raw);
  if (refusal) throw new FieldValidationError([{ field, message: refusal }]);
  return normaliseEmail(raw);
}
