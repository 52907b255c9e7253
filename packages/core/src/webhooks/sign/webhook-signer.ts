import type { RawBody } from '../verify/types.js';

/** One delivery to sign, as a sender would send it. */
export interface SignInput {
  /** The exact body that will be sent. */
  body: Exclude<RawBody, ArrayBuffer>;
  /** When it is signed: a Date or ms since the epoch. Default: now. */
  timestamp?: Date | number;
  /** The delivery id, for schemes that sign one (Standard Webhooks). Default: a new random id. */
  id?: string;
  /** The request method, for schemes that sign it (HubSpot v3). Default `POST`. */
  method?: string;
  /** The full URL the delivery is sent to, for schemes that sign it (HubSpot v3). */
  url?: string | URL;
}

/**
 * Signs deliveries the way one provider does: the counterpart of a
 * {@link WebhookVerifier}, for sandboxes and tests. What it signs, the
 * verifier of the same scheme and secret accepts, and so does the provider's
 * own library (each preset's differential test checks that).
 */
export interface WebhookSigner {
  /** The scheme, e.g. `stripe`. */
  readonly name: string;
  /** The headers to send with `input.body`. */
  sign(input: SignInput): Record<string, string>;
}
