import {
  type ClockOption,
  ConfigurationError,
  type FieldReader,
  fromHeaders,
  hmacSigner,
  hmacVerifier,
  part,
  type SignedTemplate,
  type TimestampedWebhook,
  type WebhookSigner,
  type WebhookVerifier,
} from '@junction/core';

// HubSpot's v3 webhook signature, both ways: the verifier receivers use and the
// signer sandboxes and tests use (moved here from core's presets). The reference
// is @hubspot/api-client 13.4.0's `Signature` (which the differential test runs).

/** The header with the base64 HMAC-SHA256 signature. */
export const HUBSPOT_SIGNATURE_HEADER = 'X-HubSpot-Signature-v3';
/** The header with the signing time, in ms since the epoch. */
export const HUBSPOT_TIMESTAMP_HEADER = 'X-HubSpot-Request-Timestamp';

/**
 * The characters HubSpot's v3 signing decodes in the request URI before it
 * signs ("Validating requests", v3). Everything else stays as sent, including
 * `%20` and `%2B`, and the query keeps its original order.
 */
const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};
const ENCODED = /%(?:3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

/**
 * The URI as HubSpot signs it: the full public URL it called (protocol, host,
 * path and query), with the characters of HubSpot's table URL-decoded.
 */
export function hubspotSignedUri(url: string): string {
  if (!/^https?:\/\/[^/]/i.test(url)) {
    throw new ConfigurationError(
      `HubSpot signs the full URL it called, but the webhook URL given is ${JSON.stringify(url.slice(0, 80))}. ` +
        'Pass the absolute public URL, e.g. `https://example.com/webhooks/hubspot?portal=1`; behind a proxy, build it from your configured public base URL and the request path, not from the Host header.',
    );
  }
  return url.replace(ENCODED, (encoded) => DECODED[encoded.toUpperCase()] ?? encoded);
}

/** What HubSpot v3 signs: method + URI (decoded as above) + raw body + timestamp. */
const SIGNED_CONTENT: SignedTemplate = [
  part.method,
  part.computed((delivery) => hubspotSignedUri(requireUrl(delivery.url))),
  part.body,
  part.timestamp,
];

/**
 * HubSpot's library takes the timestamp as a number (so `Number(header)`) and
 * signs that number as text: the header is read the same way here, so
 * `0123` or `1.7e12` sign what HubSpot's library signs for them.
 */
const HEADER_FIELDS = fromHeaders({ signature: HUBSPOT_SIGNATURE_HEADER, timestamp: HUBSPOT_TIMESTAMP_HEADER });
const hubspotFields: FieldReader = (header, provider) => {
  const fields = HEADER_FIELDS(header, provider);
  if (fields.timestamp === undefined || fields.timestamp.trim() === '') return fields;
  const value = Number(fields.timestamp);
  return Number.isFinite(value) ? { ...fields, timestamp: String(value) } : fields;
};

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
  };

/**
 * Verifies HubSpot webhooks with the v3 signature: `X-HubSpot-Signature-v3` is
 * base64(HMAC-SHA256(app client secret, method + URI + rawBody + timestamp)),
 * the timestamp being `X-HubSpot-Request-Timestamp` in ms. HubSpot signs the
 * full URL it called, so pass `method` and `url` (absolute) with each delivery.
 * Accepts and refuses what `@hubspot/api-client`'s `Signature.isValid` does,
 * except that deliveries older than the tolerance are refused.
 */
export function hubspotV3(options: HubSpotV3VerifierOptions): WebhookVerifier<TimestampedWebhook> {
  const { clientSecret, clientSecrets, ...rest } = options;
  const verifier = hmacVerifier({
    ...rest,
    ...(clientSecrets === undefined ? { secret: clientSecret as string } : { secrets: clientSecrets }),
    name: 'HubSpot',
    fields: hubspotFields,
    template: SIGNED_CONTENT,
    encoding: 'base64',
    // HubSpot's library compares the base64 as text, and applies the tolerance only to the past.
    canonicalSignatures: true,
    timestampUnit: 'milliseconds',
    timestampParsing: 'number',
    refuseFuture: false,
    mismatchHint:
      "Use the app's client secret (the app's Auth settings), not an access token. " +
      'The URL must be the one HubSpot called, scheme and host included, with the query in its original order; ' +
      'behind a proxy, rebuild it from your public base URL.',
  });
  return {
    name: 'hubspot',
    verify(input) {
      const verified = verifier.verify(input);
      // The field reader requires the timestamp header, so every verified delivery has a time.
      if (verified.timestamp === undefined) throw new Error('Junction bug: a verified HubSpot delivery has no timestamp.');
      return { ...verified, timestamp: verified.timestamp };
    },
  };
}

/** Options for {@link hubspotV3Signer}. */
export interface HubspotV3SignerOptions {
  /** The app's client secret. */
  clientSecret: string;
  /** The URL signed when a delivery names none (a sandbox's configured webhook URL). */
  url?: string;
}

/**
 * Signs deliveries as HubSpot does (v3): the counterpart of {@link hubspotV3},
 * for sandboxes and tests. Sign with the `url` the delivery is POSTed to.
 */
export function hubspotV3Signer(options: HubspotV3SignerOptions): WebhookSigner {
  const signer = hmacSigner({
    name: 'hubspot',
    secret: options.clientSecret,
    template: SIGNED_CONTENT,
    encoding: 'base64',
    timestampUnit: 'milliseconds',
    headers: ({ signature, timestamp }) => ({ [HUBSPOT_SIGNATURE_HEADER]: signature, [HUBSPOT_TIMESTAMP_HEADER]: timestamp }),
  });
  return {
    name: 'hubspot',
    sign: (input) => {
      const url = input.url ?? options.url;
      return signer.sign({ ...input, ...(url === undefined ? {} : { url }) });
    },
  };
}

function requireUrl(url: string | undefined): string {
  if (url === undefined) {
    throw new ConfigurationError(
      'HubSpot signs the URL it called, but none was given: pass `method` and `url` (the absolute public URL, query included) with the delivery.',
    );
  }
  return url;
}
