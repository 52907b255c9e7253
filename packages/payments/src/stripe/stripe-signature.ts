import {
  type ClockOption,
  ConfigurationError,
  type FieldReader,
  hmacSigner,
  hmacVerifier,
  part,
  type SignedTemplate,
  type TimestampedWebhook,
  type WebhookSigner,
  WebhookVerificationError,
  type WebhookVerifier,
} from '@junction/core';
import { requireHeader } from '@junction/core/utils';

// Stripe's webhook signature scheme, both ways: the verifier receivers use and
// the signer sandboxes and tests use. The reference is stripe-node's
// `webhooks.constructEvent` (stripe@23.1.0, which the differential test runs).

/** The header Stripe signs deliveries in: `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. */
const HEADER = 'Stripe-Signature';
const EXPECTED = 'expected "t=<unix seconds>,v1=<hex>"';

/** What Stripe signs: `${t}.${rawBody}`, keyed with the whole `whsec_…` secret. */
const SIGNED_CONTENT: SignedTemplate = [part.timestamp, '.', part.body];

/** Options for {@link stripeVerifier}. */
export type StripeVerifierOptions = ({ secret: string; secrets?: never } | { secrets: readonly string[]; secret?: never }) &
  ClockOption & {
    /**
     * How long ago `t=` may be, in whole seconds. Default 300, as in Stripe's
     * libraries. A `t=` ahead of the clock is accepted, as stripe-node does.
     */
    toleranceSec?: number;
  };

/**
 * Verifies Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=…]`,
 * a lower-case hex HMAC-SHA256 keyed with the whole `whsec_…` secret over
 * `${t}.${rawBody}`. Stripe sends several `v1` during its own secret rotation;
 * any one matching is enough. Accepts and refuses what stripe-node's
 * `constructEvent` does, except where docs/webhooks.md says otherwise. An API
 * key given as the secret is refused here, with a `ConfigurationError`.
 */
export function stripeVerifier(options: StripeVerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const verifier = hmacVerifier({
    ...options,
    name: 'Stripe',
    fields: stripeSignatureFields,
    template: SIGNED_CONTENT,
    encoding: 'hex',
    // stripe-node compares the hex as text, reads `t=` with parseInt and signs the number it read,
    // and applies the tolerance only to the past.
    canonicalSignatures: true,
    timestampParsing: 'parseInt',
    refuseFuture: false,
    mismatchHint:
      "Use the endpoint's signing secret (whsec_…) from the Dashboard's webhook settings: each endpoint has its own, and `stripe listen` prints yet another.",
  });
  // Checked once the secrets themselves are known to be there.
  (options.secrets ?? [options.secret]).forEach(refuseApiKey);
  return {
    name: 'stripe',
    verify(input) {
      refuseEmptyBody(input.body);
      const { keyIndex, timestamp } = verifier.verify(input);
      // The header reader requires a `t=`, so every verified delivery has a time.
      if (timestamp === undefined) throw new Error('Junction bug: a verified Stripe delivery has no timestamp.');
      return { keyIndex, timestamp };
    },
  };
}

/**
 * Signs deliveries as Stripe does: `Stripe-Signature: t=<unix seconds>,v1=<hex>`,
 * HMAC-SHA256 keyed with the whole `whsec_…` secret over `${t}.${body}`.
 * The counterpart of {@link stripeVerifier}, for sandboxes and tests.
 */
export function stripeSigner(options: { secret: string }): WebhookSigner {
  return hmacSigner({
    name: 'stripe',
    secret: options.secret,
    template: SIGNED_CONTENT,
    encoding: 'hex',
    headers: ({ signature, timestamp }) => ({ [HEADER]: `t=${timestamp},v1=${signature}` }),
  });
}

/**
 * Reads `Stripe-Signature` exactly as stripe-node does: items split on `,`,
 * each item's key is what comes before its first `=` and its value what comes
 * before the next one, nothing trimmed (so ` v1=…` is another key, ignored),
 * the last `t=` counts, and an empty `v1=` spoils the whole header. Stripe's
 * test-only `v0` is ignored. (Core's `timestampedSignatureFields` is the
 * lenient reader for other providers' look-alike headers.)
 */
const stripeSignatureFields: FieldReader = (header, provider) => {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of requireHeader(header, HEADER, provider).split(',')) {
    const [key, value = ''] = item.split('=');
    if (key === 't') timestamp = value;
    else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === undefined) throw malformed('has no t= timestamp');
  if (signatures.length === 0) throw malformed('has no v1= signature');
  if (signatures.includes('')) throw malformed('has an empty v1= signature');
  // stripe-node starts from -1 for "no t= seen", so a t= it reads as -1 is no timestamp either.
  if (Number.parseInt(timestamp, 10) === -1)
    throw malformed(`has t=${JSON.stringify(timestamp.slice(0, 40))}, which Stripe reads as no timestamp`);
  return { signatureHeader: HEADER, signatures, timestamp, timestampHeader: HEADER };
};

function malformed(problem: string): WebhookVerificationError {
  return new WebhookVerificationError(`The ${HEADER} header ${problem} (${EXPECTED}).`, { reason: 'malformed_header', header: HEADER });
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
      { reason: 'no_matching_signature', header: HEADER },
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
