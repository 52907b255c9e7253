import { stripeSigner } from '../stripe-signature.js';

/**
 * Stripe's webhook signature header for `payload`: `t=<unix>,v1=<hex>`, made
 * by `stripeSigner`, the counterpart of the verifier the endpoint uses.
 */
export function stripeSignatureHeader(payload: string, secret: string, timestamp: number): string {
  return stripeSigner({ secret }).sign({ body: payload, timestamp: timestamp * 1000 })['Stripe-Signature'] as string;
}
