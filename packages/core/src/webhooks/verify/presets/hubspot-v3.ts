import { ConfigurationError } from '../../../errors/configuration-error.js';
import { hmacMatcher } from '../hmac-matcher.js';
import { keyList } from '../key-list.js';
import { utf8Secret } from '../secret-decoding.js';
import { fromHeaders } from '../signed-fields.js';
import { part, signedContent } from '../signed-parts.js';
import { numberReading, type TimestampRule } from '../timestamp.js';
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
    /**
     * How long ago `X-HubSpot-Request-Timestamp` may be, in seconds. Default
     * 300, as HubSpot advises. A timestamp ahead of the clock is accepted, as
     * HubSpot's library does.
     */
    toleranceSec?: number;
    /** @deprecated Use `toleranceSec` (seconds, like every other preset); removed in the next minor release. */
    toleranceMs?: number;
  };

/**
 * HubSpot's library takes the timestamp as a number (so `Number(header)`),
 * signs that number, and refuses only a timestamp older than the tolerance.
 */
const HUBSPOT_TIMESTAMP: TimestampRule = {
  unit: 'milliseconds',
  read: numberReading,
  signed: (_sent, value) => String(value),
  refuseFuture: false,
};

/**
 * Verifies HubSpot webhooks with the v3 signature: `X-HubSpot-Signature-v3` is
 * base64(HMAC-SHA256(app client secret, method + URI + rawBody + timestamp)),
 * the timestamp being `X-HubSpot-Request-Timestamp` in ms. HubSpot signs the
 * full URL it called, so pass `method` and `url` (absolute) with each delivery.
 * Accepts and refuses what `@hubspot/api-client`'s `Signature.isValid` does,
 * except where docs/webhooks.md says otherwise.
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
    matcher: hmacMatcher(secrets.map(utf8Secret), 'base64', true),
    timestamp: HUBSPOT_TIMESTAMP,
    toleranceMs: hubspotTolerance(options),
    toleranceOption: 'toleranceSec',
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

function hubspotTolerance(options: { toleranceSec?: number; toleranceMs?: number }): number {
  if (options.toleranceMs === undefined) return toleranceMs(options.toleranceSec, 'toleranceSec');
  if (options.toleranceSec !== undefined) {
    throw new ConfigurationError('Pass `toleranceSec` to hubspotV3, not both it and the deprecated `toleranceMs`.');
  }
  if (!(options.toleranceMs > 0)) {
    throw new ConfigurationError(
      `\`toleranceMs\` must be a positive number of ms (got ${String(options.toleranceMs)}); prefer \`toleranceSec\`.`,
    );
  }
  return options.toleranceMs;
}

function requireUrl(url: string | undefined): string {
  if (url === undefined) {
    throw new ConfigurationError(
      'HubSpot signs the URL it called, but none was given: pass `method` and `url` (the absolute public URL, query included) with the delivery.',
    );
  }
  return url;
}
