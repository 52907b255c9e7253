import { createHmac, createSecretKey } from 'node:crypto';
import { type SecretInput, utf8Secret } from '../verify/secret-decoding.js';
import { type SignedTemplate, signedContent } from '../verify/signed-parts.js';
import { encodeText } from '../verify/text-codec.js';
import type { SignatureEncoding, TimestampUnit } from '../verify/types.js';
import { type SignedValues, signedDelivery } from './signed-delivery.js';
import type { WebhookSigner } from './webhook-signer.js';

/** Options for {@link hmacSigner}: the same as the scheme's `hmacVerifier`, plus how to write the headers. */
export interface HmacSignerOptions {
  /** The scheme, for logs. Default `webhook`. */
  name?: string;
  secret: SecretInput;
  /** Turns a text secret into key bytes. Default: its UTF-8 bytes. */
  decodeSecret?: (secret: string) => Uint8Array;
  /** The signed content, as the verifier's. */
  template: SignedTemplate;
  encoding: SignatureEncoding;
  /** Default `seconds`. */
  timestampUnit?: TimestampUnit;
  /** The headers that carry the signature, the timestamp and the id. */
  headers: (values: SignedValues) => Record<string, string>;
}

/** A signer for any HMAC-SHA256 scheme: the counterpart of `hmacVerifier` with the same template, encoding and secret. */
export function hmacSigner(options: HmacSignerOptions): WebhookSigner {
  const secret = options.secret;
  const key = createSecretKey(typeof secret === 'string' ? (options.decodeSecret ?? utf8Secret)(secret) : secret);
  const content = signedContent(options.template);
  return {
    name: options.name ?? 'webhook',
    sign(input) {
      const { timestamp, id, chunks } = signedDelivery(input, content, options.timestampUnit);
      const hmac = createHmac('sha256', key);
      for (const chunk of chunks) hmac.update(chunk);
      return options.headers({ signature: encodeText(hmac.digest(), options.encoding), timestamp, id });
    },
  };
}
