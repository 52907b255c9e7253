import { createStripeClient, isStripeAuthenticationError, STRIPE_API_VERSION, type StripeClient } from '@junction/payments/stripe';

/**
 * Move 1: authenticate. The client sends the secret key as a bearer token
 * and redacts it from every error, event and log line. A key Stripe does
 * not know fails fast with a 401 that a guard recognises.
 */
export async function authenticate(baseUrl: string, apiKey: string, log: (line: string) => void): Promise<StripeClient> {
  const stripe = createStripeClient({ apiKey, baseUrl });
  log(`  client made with a test secret key (sk_test_..., never printed), Stripe-Version pinned to ${STRIPE_API_VERSION}`);

  const revoked = createStripeClient({ apiKey: 'sk_test_51RevokedKeyForTheDemo00000000oldk', baseUrl });
  try {
    await revoked.listCustomers({ limit: 1 });
  } catch (error) {
    if (!isStripeAuthenticationError(error)) throw error;
    log(`  a revoked key -> ${error.status}, isStripeAuthenticationError: "${error.providerMessage}"`);
  }
  return stripe;
}
