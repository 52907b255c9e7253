import { ConfigurationError } from '../../../errors/configuration-error.js';

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
