import { hmacMatcher } from '../hmac-matcher.js';
import { keyList } from '../key-list.js';
import { standardWebhooksSecret } from '../secret-decoding.js';
import { part, signedContent } from '../signed-parts.js';
import { standardWebhooksFields } from '../standard-webhooks-headers.js';
import { parseIntTimestamp } from '../timestamp.js';
import type { TimestampedWebhook, WebhookVerifier } from '../types.js';
import { type VerificationFlow, verifyDelivery, withTimestamp } from '../verification-flow.js';
import { type ClockOption, toleranceMs } from '../verifier-options.js';

/** Options for {@link standardWebhooks}. */
export type StandardWebhooksVerifierOptions = ({ secret: string; secrets?: never } | { secrets: readonly string[]; secret?: never }) &
  ClockOption & {
    /** How far `webhook-timestamp` may be from now, either way, in whole seconds. Default 300, as the spec says. */
    toleranceSec?: number;
    /** Who sends these webhooks, for messages and logs, e.g. `resend`. Default `standard-webhooks`. */
    name?: string;
  };

/** A verified Standard Webhooks delivery: it always carries an id, for dropping duplicates. */
export interface StandardWebhook extends TimestampedWebhook {
  id: string;
}

/** The reference library reads the timestamp with `parseInt`, signs the number it read, and limits it both ways. */
const STANDARD_TIMESTAMP = parseIntTimestamp('seconds', true);

/**
 * Verifies Standard Webhooks (standardwebhooks.com), and Svix, which uses the
 * same scheme under `svix-*` header names (Resend, Clerk): `webhook-signature`
 * holds space-separated `v1,<base64>` entries, each an HMAC-SHA256 over
 * `${id}.${timestamp}.${rawBody}`, keyed with the base64 after `whsec_`.
 * Accepts and refuses what the `standardwebhooks` library does, except where
 * docs/webhooks.md says otherwise.
 */
export function standardWebhooks(options: StandardWebhooksVerifierOptions): WebhookVerifier<StandardWebhook> {
  const secrets = keyList<string>(options.secret, options.secrets, ['secret', 'secrets']);
  const name = options.name ?? 'standard-webhooks';
  const flow: VerificationFlow = {
    provider: options.name ?? 'the webhook sender',
    fields: standardWebhooksFields,
    content: signedContent([part.id, '.', part.timestamp, '.', part.body]),
    matcher: hmacMatcher(secrets.map(standardWebhooksSecret), 'base64', true),
    timestamp: STANDARD_TIMESTAMP,
    toleranceMs: toleranceMs(options.toleranceSec, 'toleranceSec'),
    toleranceOption: 'toleranceSec',
    now: options.now ?? Date.now,
    mismatchHints: ["Use this endpoint's signing secret (whsec_…) from the sender's dashboard."],
  };
  return {
    name,
    verify(input) {
      const result = withTimestamp(verifyDelivery(flow, input));
      // The reader requires the id header, so it is always there.
      return { ...result, id: result.id ?? '' };
    },
  };
}
