import { ConfigurationError } from '../../errors/configuration-error.js';
import { hubspotSignedUri } from '../verify/presets/hubspot-signed-uri.js';
import { part } from '../verify/signed-parts.js';
import { hmacSigner } from './hmac-signer.js';
import type { WebhookSigner } from './webhook-signer.js';

/**
 * Signs deliveries as HubSpot does (v3): `X-HubSpot-Signature-v3` is
 * base64(HMAC-SHA256(client secret, method + URI + body + timestamp)), the
 * timestamp in ms in `X-HubSpot-Request-Timestamp`. Give `url`, the full URL
 * the delivery is sent to. The counterpart of the `hubspotV3` verifier.
 */
export function hubspotV3Signer(options: { clientSecret: string }): WebhookSigner {
  return hmacSigner({
    name: 'HubSpot',
    secret: options.clientSecret,
    template: [
      part.method,
      part.computed(({ url }) => {
        if (url === undefined) throw new ConfigurationError('HubSpot signs the URL it calls: pass `url` (absolute) to sign().');
        return hubspotSignedUri(url);
      }),
      part.body,
      part.timestamp,
    ],
    encoding: 'base64',
    timestampUnit: 'milliseconds',
    headers: ({ signature, timestamp }) => ({ 'X-HubSpot-Signature-v3': signature, 'X-HubSpot-Request-Timestamp': timestamp }),
  });
}
