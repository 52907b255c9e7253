import { z } from 'zod';

/**
 * An ISO 4217 currency code. Accepted in either case; always given back in
 * upper case (`USD`, `EUR`, `JPY`), the way ISO writes it. Adapters convert to
 * what their provider wants (Stripe: lower case).
 */
export const Currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 code, e.g. USD')
  .transform((code) => code.toUpperCase());

/**
 * An amount in the currency's minor unit, as an integer: cents for USD
 * (1099 = $10.99), yen for JPY (a zero-decimal currency: 1099 = ¥1,099),
 * fils for KWD (three decimals). Never a float.
 */
export const Amount = z.number().int().nonnegative();

/** An amount and its currency. */
export const Money = z.object({ amount: Amount, currency: Currency });
/** An amount and its currency. */
export type Money = z.infer<typeof Money>;

/** Key-value pairs stored with an object at the provider: strings only, as every provider keeps them. */
export const Metadata = z.record(z.string(), z.string());
/** Key-value pairs stored with an object at the provider. */
export type Metadata = z.infer<typeof Metadata>;

/** A timestamp: a Date, or an ISO string / epoch milliseconds (as after a JSON round trip). */
export const Timestamp = z.coerce.date();
