import { ConfigurationError } from '../../../errors/configuration-error.js';
import { hmacMatcher } from '../hmac-matcher.js';
import { keyList } from '../key-list.js';
import { utf8Secret } from '../secret-decoding.js';
import { part, signedContent } from '../signed-parts.js';
import { parseIntReading, type TimestampRule } from '../timestamp.js';
import type { TimestampedWebhook, WebhookVerifier } from '../types.js';
import { type VerificationFlow, verifyDelivery, withTimestamp } from '../verification-flow.js';
import { type ClockOption, toleranceMs } from '../verifier-options.js';
import { WebhookVerificationError } from '../webhook-verification-error.js';
import { whitespaceHint } from '../whitespace-hint.js';
import { stripeHeaderFields } from './stripe-header.js';

/** Options for {@link stripe}. */
export type StripeVerifierOptions = ({ secret: string; secrets?: never } | { secrets: readonly string[]; secret?: never }) &
  ClockOption & {
    /**
     * How long ago `t=` may be, in whole seconds. Default 300, as in Stripe's
     * libraries. A `t=` ahead of the clock is accepted, as stripe-node does.
     */
    toleranceSec?: number;
  };

/**
 * stripe-node reads `t=` with `parseInt` and signs the number it read, and
 * applies the tolerance only to the past. It also takes -1 for "no timestamp".
 */
const STRIPE_TIMESTAMP: TimestampRule = {
  unit: 'seconds',
  read: (text) => {
    const value = parseIntReading(text);
    return value === -1 ? undefined : value;
  },
  signed: (_sent, value) => String(value),
  refuseFuture: false,
};

/**
 * Verifies Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]`,
 * a lower-case hex HMAC-SHA256 keyed with the whole `whsec_…` secret over
 * `${t}.${rawBody}`. Stripe sends several `v1` during its own secret rotation;
 * any one matching is enough. Accepts and refuses what stripe-node's
 * `constructEvent` does, except where docs/webhooks.md says otherwise.
 */
export function stripe(options: StripeVerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const secrets = keyList<string>(options.secret, options.secrets, ['secret', 'secrets']);
  secrets.forEach(refuseApiKey);
  const flow: VerificationFlow = {
    provider: 'Stripe',
    fields: stripeHeaderFields,
    content: signedContent([part.timestamp, '.', part.body]),
    matcher: hmacMatcher(secrets.map(utf8Secret), 'hex', true),
    timestamp: STRIPE_TIMESTAMP,
    toleranceMs: toleranceMs(options.toleranceSec, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: [
      "Use the endpoint's signing secret (whsec_…) from the Dashboard's webhook settings: each endpoint has its own, and `stripe listen` prints yet another.",
      ...whitespaceHint(secrets),
    ],
  };
  return {
    name: 'stripe',
    verify(input) {
      refuseEmptyBody(input.body);
      return withTimestamp(verifyDelivery(flow, input));
    },
  };
}

// Stripe always signs an event, never an empty body, and stripe-node's
// constructEvent refuses one in every form (no payload, or no JSON): so no
// signature can match it. Said before anything else, since the usual cause is
// a raw body lost on the way, not a bad signature.
function refuseEmptyBody(body: unknown): void {
  const empty = body === '' || ((ArrayBuffer.isView(body) || body instanceof ArrayBuffer) && body.byteLength === 0);
  if (empty) {
    throw new WebhookVerificationError(
      'The webhook body is empty, but Stripe always sends an event, so no Stripe signature can match it. ' +
        "If Stripe sent this, the raw body was consumed before verification: read it unparsed (e.g. express.raw({ type: '*/*' }) on the webhook route, or `await request.text()`).",
      { reason: 'no_matching_signature', header: 'Stripe-Signature' },
    );
  }
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
