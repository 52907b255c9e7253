import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import type { EcdsaSignatureFormat } from '../verify/ecdsa-matcher.js';
import { joinChunks, type SignedTemplate, signedContent } from '../verify/signed-parts.js';
import { encodeText } from '../verify/text-codec.js';
import type { SignatureEncoding, TimestampUnit } from '../verify/types.js';
import { type SignedValues, signedDelivery } from './signed-delivery.js';
import type { WebhookSigner } from './webhook-signer.js';

/** Options for {@link ecdsaSigner}: the same as the scheme's `ecdsaVerifier`, with the private half of its key. */
export interface EcdsaSignerOptions {
  /** The scheme, for logs. Default `webhook`. */
  name?: string;
  /** A P-256 private key, as PEM or a KeyObject. A provider keeps its own: a sandbox makes a pair and gives the verifier the public half. */
  privateKey: string | KeyObject;
  /** The signed content, as the verifier's. */
  template: SignedTemplate;
  /** Default `base64`. */
  encoding?: SignatureEncoding;
  /** Default `der`. */
  signatureFormat?: EcdsaSignatureFormat;
  /** Default `seconds`. */
  timestampUnit?: TimestampUnit;
  /** The headers that carry the signature, the timestamp and the id. */
  headers: (values: SignedValues) => Record<string, string>;
}

/** A signer for ECDSA P-256 / SHA-256 schemes: the counterpart of `ecdsaVerifier`. */
export function ecdsaSigner(options: EcdsaSignerOptions): WebhookSigner {
  const key = typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
  const content = signedContent(options.template);
  const dsaEncoding = options.signatureFormat ?? 'der';
  return {
    name: options.name ?? 'webhook',
    sign(input) {
      const { timestamp, id, chunks } = signedDelivery(input, content, options.timestampUnit);
      const signature = sign('sha256', joinChunks(chunks), { key, dsaEncoding });
      return options.headers({ signature: encodeText(signature, options.encoding ?? 'base64'), timestamp, id });
    },
  };
}
