import { z } from 'zod';

/** A postal address. Every part is optional, as providers keep whatever they were given. */
export const Address = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  /** ISO 3166-1 alpha-2, e.g. `US`. */
  country: z.string().nullable(),
});
/** A postal address. */
export type Address = z.infer<typeof Address>;

/** An address as given to `create` or `update`: any subset of the parts. */
export const AddressInput = Address.partial();
/** An address as given to `create` or `update`. */
export type AddressInput = z.input<typeof AddressInput>;
