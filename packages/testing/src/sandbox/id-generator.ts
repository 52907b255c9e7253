import { randomInt } from 'node:crypto';
import { seededRandom } from '../faults/seeded-random.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Options for {@link createIdGenerator}. */
export interface IdGeneratorOptions {
  /**
   * `counter` (default): prefix, separator, then a counter padded to
   * `length` digits (`note_001`), so ids sort in creation order and repeat
   * from run to run. `random`: `length` letters and digits.
   */
  style?: 'counter' | 'random';
  /** Digits of a counter (default 6) or characters of a random id (default 14). */
  length?: number;
  /** Between prefix and the rest. Default `_`. */
  separator?: string;
  /** Makes random ids repeat from run to run. Without it they come from `crypto`. */
  seed?: number;
  /**
   * The digits a counter is written in, lowest first. Default decimal;
   * {@link BASE62} packs more ids into the same length, as providers' ids do.
   */
  digits?: string;
}

/** Digits, then upper and lower case letters: base 62, the alphabet of most provider ids. */
export const BASE62 = ALPHABET;

/** Makes provider-looking ids. */
export interface IdGenerator {
  /** The next id with `prefix`, e.g. `cus_000001`. */
  next(prefix: string): string;
  /** Starts the counter (and the seeded sequence) over. */
  reset(): void;
}

/** Makes ids as a provider does: a prefix, then a counter or random characters. */
export function createIdGenerator(options: IdGeneratorOptions = {}): IdGenerator {
  const style = options.style ?? 'counter';
  const length = options.length ?? (style === 'counter' ? 6 : 14);
  const separator = options.separator ?? '_';
  const digits = options.digits ?? '0123456789';
  if (digits.length < 2) throw new RangeError('An id counter needs at least two digits.');
  let count = 0;
  let random = options.seed === undefined ? undefined : seededRandom(options.seed);
  const pick = () => ALPHABET[random ? Math.floor(random() * ALPHABET.length) : randomInt(ALPHABET.length)];
  return {
    next(prefix) {
      count += 1;
      const rest = style === 'counter' ? written(count, digits).padStart(length, digits.charAt(0)) : Array.from({ length }, pick).join('');
      return `${prefix}${separator}${rest}`;
    },
    reset() {
      count = 0;
      random = options.seed === undefined ? undefined : seededRandom(options.seed);
    },
  };
}

// `n` in the base of `digits` (the first digit is zero), most significant first.
function written(n: number, digits: string): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor(rest / digits.length)) out = digits[rest % digits.length] + out;
  return out || digits.charAt(0);
}
