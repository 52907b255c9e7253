import { stripeSignatureHeader } from '@junction/payments/stripe/sandbox';

/**
 * Posts a made-up `payment_intent.succeeded` to the webhook endpoint, signed
 * with a secret that is not the endpoint's, as an attacker would. The
 * receiver refuses it before any handler runs; returns the HTTP status.
 */
export async function sendForgedDelivery(url: string, log: (line: string) => void): Promise<number> {
  const body = JSON.stringify({ id: 'evt_forged', object: 'event', type: 'payment_intent.succeeded', data: { object: {} } });
  const signature = stripeSignatureHeader(body, 'whsec_not_the_endpoint_secret', Math.floor(Date.now() / 1000));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body,
  });
  const answer = (await response.json()) as { error?: { type?: string; reason?: string } };
  log(`  a forged delivery (signed with another secret) -> ${response.status} ${answer.error?.type} (${answer.error?.reason})`);
  return response.status;
}
