import { ConfigurationError } from '../../../errors/configuration-error.js';
import { hmacMatcher } from '../hmac-matcher.js';
import { keyList } from '../key-list.js';
import { utf8Secret } from '../secret-decoding.js';
import { fromHeaders } from '../signed-fields.js';
import { part, signedContent } from '../signed-parts.js';
import type { TimestampedWebhook, WebhookVerifier } from '../types.js';
import { type VerificationFlow, verifyDelivery, withTimestamp } from '../verification-flow.js';
import { type ClockOption, toleranceMs } from '../verifier-options.js';
import { whitespaceHint } from '../whitespace-hint.js';
import { hubspotSignedUri } from './hubspot-signed-uri.js';

/** Options for {@link hubspotV3}. */
export type HubSpotV3VerifierOptions = (
  | { clientSecret: string; clientSecrets?: never }
  | { clientSecrets: readonly string[]; clientSecret?: never }
) &
  ClockOption & {
    /** How far `X-HubSpot-Request-Timestamp` may be from now, either way, in ms. Default 300 000, as HubSpot advises. */
    toleranceMs?: number;
  };

/**
 * Verifies HubSpot webhooks with the v3 signature: `X-HubSpot-Signature-v3` is
 * base64(HMAC-SHA256(app client secret, method + URI + rawBody + timestamp)),
 * the timestamp being `X-HubSpot-Request-Timestamp` in ms. HubSpot signs the
 * full URL it called, so pass `method` and `url` (absolute) with each delivery.
 */
export function hubspotV3(options: HubSpotV3VerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const secrets = keyList<string>(options.clientSecret, options.clientSecrets, ['clientSecret', 'clientSecrets']);
  const flow: VerificationFlow = {
    provider: 'HubSpot',
    fields: fromHeaders({ signature: 'X-HubSpot-Signature-v3', timestamp: 'X-HubSpot-Request-Timestamp' }),
    content: signedContent([
      part.method,
      part.computed((delivery) => hubspotSignedUri(requireUrl(delivery.url))),
      part.body,
      part.timestamp,
    ]),
    matcher: hmacMatcher(secrets.map(utf8Secret), 'base64'),
    timestampUnit: 'milliseconds',
    toleranceMs: toleranceMs(options.toleranceMs, 1, 'toleranceMs'),
    toleranceOption: 'toleranceMs',
    now: options.now ?? Date.now,
    mismatchHints: [
      "Use the app's client secret (the app's Auth settings), not an access token.",
      'The URL must be the one HubSpot called, scheme and host included, with the query in its original order; ' +
        'behind a proxy, rebuild it from your public base URL.',
      ...whitespaceHint(secrets),
    ],
  };
  return { name: 'hubspot', verify: (input) => withTimestamp(verifyDelivery(flow, input)) };
}

function requireUrl(url: string | undefined): string {
  if (url === undefined) {
    throw new ConfigurationError(
      'HubSpot signs the URL it called, but none was given: pass `method` and `url` (the absolute public URL, query included) with the delivery.',
    );
  }
  return url;
}
