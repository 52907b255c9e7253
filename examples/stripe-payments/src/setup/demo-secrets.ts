/**
 * The demo's credentials. They only open the local sandbox, but the demo
 * treats them as real secrets: they are never printed, and the test checks
 * that. In an application they come from the environment
 * (`STRIPE_SECRET_KEY`, `STRIPE_WEBHOOK_SECRET`).
 */
export const DEMO_SECRETS = {
  /** A test-mode secret key: the sandbox accepts it, and it selects Stripe's test-mode rate limit. */
  apiKey: 'sk_test_51JunctionDemo7Qz4eVbN2xWm8RkT3pLs',
  /** The webhook endpoint's signing secret, as Stripe's dashboard shows it. */
  webhookSecret: 'whsec_JunctionDemo0c8f1e2a9b7d4c6e5f3a',
} as const;
