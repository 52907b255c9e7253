import { createHmac, createSecretKey, randomUUID } from 'node:crypto';
import { headerLookup } from '../verify/header-lookup.js';
import { type SecretInput, utf8Secret } from '../verify/secret-decoding.js';
import { type SignedTemplate, signedContent } from '../verify/signed-parts.js';
import { encodeText } from '../verify/text-codec.js';
import type { SignatureEncoding, TimestampUnit } from '../verify/types.js';
import { type SignInput, signingTime, type WebhookSigner } from './webhook-signer.js';

/** What the headers of a signed delivery are made from. */
export interface SignedValues {
  /** The signature, in the scheme's encoding. */
  signature: string;
  /** The timestamp as signed, in the scheme's unit. */
  timestamp: string;
  /** The delivery id as signed. */
  id: string;
}

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

const NO_HEADERS = headerLookup({});

/** A signer for any HMAC-SHA256 scheme: the counterpart of `hmacVerifier` with the same template, encoding and secret. */
export function hmacSigner(options: HmacSignerOptions): WebhookSigner {
  const secret = options.secret;
  const key = createSecretKey(typeof secret === 'string' ? (options.decodeSecret ?? utf8Secret)(secret) : secret);
  const content = signedContent(options.template);
  const seconds = (options.timestampUnit ?? 'seconds') === 'seconds';
  return {
    name: options.name ?? 'webhook',
    sign(input: SignInput) {
      const ms = signingTime(input.timestamp);
      const timestamp = String(seconds ? Math.floor(ms / 1000) : ms);
      const id = input.id ?? `msg_${randomUUID().replaceAll('-', '')}`;
      const hmac = createHmac('sha256', key);
      const body = typeof input.body === 'string' ? new TextEncoder().encode(input.body) : input.body;
      const url = input.url === undefined ? undefined : String(input.url);
      const chunks = content({ body, timestamp, id, method: input.method ?? 'POST', ...(url ? { url } : {}), header: NO_HEADERS });
      for (const chunk of chunks) hmac.update(chunk);
      return options.headers({ signature: encodeText(hmac.digest(), options.encoding), timestamp, id });
    },
  };
}
