// A resource's password policy and the generator that follows it, drawing every character with crypto.randomInt.
import { randomInt } from 'node:crypto';
import { AppError } from '../../shared/errors';

export type CharClass = 'lower' | 'upper' | 'digit' | 'symbol';

/** How new passwords for a resource's accounts are made. Every class listed appears at least once. */
export interface PasswordPolicy {
  length: number;
  classes: CharClass[];
  /** Characters never used, e.g. quotes that a consumer's config cannot hold. */
  excluded: string;
}

export const DEFAULT_POLICY: PasswordPolicy = { length: 32, classes: ['lower', 'upper', 'digit'], excluded: '' };

const ALPHABETS: Record<CharClass, string> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digit: '0123456789',
  symbol: '!#$%&()*+,-./:;<=>?@[]^_{|}~',
};

/** Checks a policy and returns the alphabet of each class with the excluded characters removed. */
export function policyAlphabets(policy: PasswordPolicy): string[] {
  if (!Number.isInteger(policy.length) || policy.length < 12 || policy.length > 256)
    throw new AppError('invalid_input', 'A password length must be a whole number from 12 to 256.');
  const classes = [...new Set(policy.classes)];
  if (classes.length === 0)
    throw new AppError('invalid_input', 'A password policy needs at least one character class.');
  if (classes.length > policy.length)
    throw new AppError('invalid_input', 'The length is shorter than the number of classes.');
  return classes.map((c) => {
    const alphabet = [...ALPHABETS[c]].filter((ch) => !policy.excluded.includes(ch)).join('');
    if (alphabet.length === 0)
      throw new AppError(
        'invalid_input',
        `The excluded characters remove every ${c} character.`,
        'Exclude fewer characters or drop that class.',
      );
    return alphabet;
  });
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)] as string;
}

/** Makes a password: one character of each class, the rest from all classes, shuffled (Fisher-Yates). */
export function generatePassword(policy: PasswordPolicy): string {
  const alphabets = policyAlphabets(policy);
  const all = alphabets.join('');
  const chars = alphabets.map(pick);
  while (chars.length < policy.length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}
