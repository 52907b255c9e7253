import { ConfigurationError } from '../../../errors/configuration-error.js';
import { hmacMatcher } from '../hmac-matcher.js';
import { keyList } from '../key-list.js';
import { utf8Secret } from '../secret-decoding.js';
import { part, signedContent } from '../signed-parts.js';
import { stripeStyleFields } from '../stripe-signature-header.js';
import type { TimestampedWebhook, WebhookVerifier } from '../types.js';
import { type VerificationFlow, verifyDelivery, withTimestamp } from '../verification-flow.js';
import { type ClockOption, toleranceMs } from '../verifier-options.js';
import { whitespaceHint } from '../whitespace-hint.js';

/** Options for {@link stripe}. */
export type StripeVerifierOptions = ({ secret: string; secrets?: never } | { secrets: readonly string[]; secret?: never }) &
  ClockOption & {
    /** How far `t=` may be from now, either way, in seconds. Default 300, as in Stripe's libraries. */
    toleranceSec?: number;
  };

/**
 * Verifies Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]`,
 * a hex HMAC-SHA256 keyed with the whole `whsec_…` secret over `${t}.${rawBody}`.
 * Stripe sends several `v1` during its own secret rotation; any one matching is enough.
 */
export function stripe(options: StripeVerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const secrets = keyList<string>(options.secret, options.secrets, ['secret', 'secrets']);
  secrets.forEach(refuseApiKey);
  const flow: VerificationFlow = {
    provider: 'Stripe',
    fields: stripeStyleFields({ header: 'Stripe-Signature' }),
    content: signedContent([part.timestamp, '.', part.body]),
    matcher: hmacMatcher(secrets.map(utf8Secret), 'hex'),
    timestampUnit: 'seconds',
    toleranceMs: toleranceMs(options.toleranceSec, 1000, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: [
      "Use the endpoint's signing secret (whsec_…) from the Dashboard's webhook settings: each endpoint has its own, and `stripe listen` prints yet another.",
      ...whitespaceHint(secrets),
    ],
  };
  return { name: 'stripe', verify: (input) => withTimestamp(verifyDelivery(flow, input)) };
}

// Passing the API key instead of the webhook secret is the commonest set-up
// mistake; say so at start-up rather than on every delivery.
function refuseApiKey(secret: string, index: number): void {
  const prefix = /^(sk|rk|pk)_(test|live)_/.exec(secret)?.[0];
  if (prefix) {
    throw new ConfigurationError(
      `Stripe webhook secret #${index + 1} starts with "${prefix}": that is an API key. ` +
        'Use the endpoint\'s signing secret, which starts with "whsec_" (Dashboard → Developers → Webhooks).',
    );
  }
}
