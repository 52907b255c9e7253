import { createHmac } from 'node:crypto';

/**
 * Stripe's webhook signature header for `payload`: `t=<unix>,v1=<hex>`, where
 * v1 is HMAC-SHA256 keyed with the whole `whsec_…` secret over `${t}.${payload}`.
 */
export function stripeSignatureHeader(payload: string, secret: string, timestamp: number): string {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${signature}`;
}
