import { ConfigurationError } from '../../errors/configuration-error.js';

/**
 * The configured secrets or keys as one list, from an option pair such as
 * `secret` / `secrets`. Several at once is how a rotation is done: the new one
 * is added, and the old one removed once nothing signs with it any more.
 */
export function keyList<T>(one: T | undefined, many: readonly T[] | undefined, names: [one: string, many: string]): T[] {
  if (one !== undefined && many !== undefined) {
    throw new ConfigurationError(`Pass either \`${names[0]}\` or \`${names[1]}\` to the webhook verifier, not both.`);
  }
  const list = one !== undefined ? [one] : [...(many ?? [])];
  if (list.length === 0) {
    throw new ConfigurationError(
      `The webhook verifier has no ${names[0]}: pass \`${names[0]}\`, or \`${names[1]}\` (a non-empty list, several during a rotation). Is an environment variable unset?`,
    );
  }
  list.forEach((item, index) => {
    if (item === '' || item === null || item === undefined || (item instanceof Uint8Array && item.byteLength === 0)) {
      throw new ConfigurationError(`The webhook verifier's ${names[0]} #${index + 1} is empty; is an environment variable unset?`);
    }
  });
  return list;
}
