import { BASE62, createIdGenerator, type IdGenerator } from '@junction/testing';

/**
 * Stripe-looking ids (`cus_Sbx00000000001`): the kit's counter in base 62,
 * padded to 11 digits behind `_Sbx`, so ids are unique, sort in creation
 * order, repeat from run to run, and are told apart from real ones.
 */
export function createStripeIds(): IdGenerator {
  return createIdGenerator({ digits: BASE62, length: 11, separator: '_Sbx' });
}

/** A secret-looking suffix (for `client_secret`), taken from the same counter so runs repeat. */
export function secretSuffix(ids: IdGenerator): string {
  return ids.next('secret').slice('secret_'.length).split('').reverse().join('');
}
