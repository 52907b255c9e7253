/**
 * A unified model whose `raw` is the provider's own object, typed when the
 * adapter knows it (`Payment<StripeSchemas.PaymentIntent>`), else `unknown`.
 */
export type WithRaw<T extends { raw?: unknown }, Raw> = Omit<T, 'raw'> & {
  /** The provider's object as it came, for anything the unified model leaves out. */
  raw: Raw;
};
