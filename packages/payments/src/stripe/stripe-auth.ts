import { type AuthScheme, bearer, ConfigurationError, type SecretSource } from '@junction/core';

/** What a Stripe client authenticates with. */
export interface StripeCredentials {
  /** A secret (`sk_…`) or restricted (`rk_…`) key, or a function returning the current one. */
  apiKey: SecretSource;
}

/**
 * Stripe's secret-key auth: the key as `Authorization: Bearer`. A
 * publishable key (`pk_…`) is refused up front: it cannot call these
 * endpoints, and Stripe's 401 would not say why.
 */
export function stripeSecretKey(): AuthScheme<StripeCredentials> {
  const scheme = bearer({ field: 'apiKey' });
  return {
    kind: 'bearer',
    create(credentials) {
      const apiKey = credentials?.apiKey;
      if (typeof apiKey === 'string' && /^pk_/.test(apiKey)) {
        throw new ConfigurationError(
          'That is a Stripe publishable key (pk_…), which only works in browsers with Stripe.js: give the secret key (sk_…) or a restricted key (rk_…).',
        );
      }
      return scheme.create(credentials);
    },
  };
}
