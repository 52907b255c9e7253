/**
 * The demo's credentials. They only open the local sandboxes, but the demo
 * treats them as real secrets: none is ever printed, and the test checks
 * that. With `--live` they come from the environment instead (see `live-config.ts`).
 */
export const DEMO_SECRETS = {
  /** A Stripe test-mode secret key: the Stripe sandbox accepts it. */
  stripeApiKey: 'sk_test_51JunctionSignup9Xq2vLm7Rt4Kp8Wn3Zs',
  /** The Stripe webhook endpoint's signing secret. */
  stripeWebhookSecret: 'whsec_JunctionSignup4d1c7e9a2b8f6e0d3c5a',
  /** A HubSpot private app token. */
  hubspotAccessToken: 'pat-na1-junction-signup-3f9c2a7e-51d0',
  /** The HubSpot app's client secret, which signs its v3 webhooks. */
  hubspotClientSecret: 'c7e1a9f2-junction-signup-4b8d-9e3f6a2c',
  /** A Resend API key. */
  resendApiKey: 're_JunctionSignup_7Hq2Lp9Xv4Tz8Wm3',
  /** The Resend webhook's (Svix) signing secret: `whsec_` and base64. */
  resendWebhookSecret: 'whsec_SnVuY3Rpb25TaWdudXBSZXNlbmRTZWNyZXQ0Mg==',
  /** The analytics API's write key. */
  analyticsToken: 'ak_live_junction_signup_5e2f8c1b9a7d',
  /** The OAuth client secret the app holds at the identity service. */
  oauthClientSecret: 'oidc-client-secret-junction-8a3f1e6c2d9b',
} as const;

/** Every secret value, for the test (and for redaction checks). */
export const ALL_DEMO_SECRETS: readonly string[] = Object.values(DEMO_SECRETS);
