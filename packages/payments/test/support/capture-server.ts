import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { HttpResponse, http } from 'msw';
import { TEMPLATES } from '../../src/stripe/sandbox/templates.generated.js';

// The sample comes from a later API version, which moved the period to the items; ours has it on the subscription.
const subscription = { ...TEMPLATES.subscription, current_period_start: 1_700_000_000, current_period_end: 1_702_592_000 };

/**
 * A server that answers any Stripe call with a sample object and records
 * what it was sent: for checking bytes on the wire, whoever sent them.
 */
export function startCaptureServer(): Promise<LoopbackServer> {
  const origin = 'https://api.stripe.com';
  const list = (data: unknown[], url: string) => HttpResponse.json({ object: 'list', data, has_more: false, url });
  return startLoopbackServer({
    origin,
    handlers: [
      http.get(`${origin}/v1/events`, () => list([TEMPLATES.event], '/v1/events')),
      http.post(`${origin}/v1/customers`, () => HttpResponse.json(TEMPLATES.customer)),
      http.post(`${origin}/v1/customers/:id`, () => HttpResponse.json(TEMPLATES.customer)),
      http.post(`${origin}/v1/payment_intents`, () => HttpResponse.json(TEMPLATES.payment_intent)),
      http.post(`${origin}/v1/checkout/sessions`, () => HttpResponse.json(TEMPLATES['checkout.session'])),
      http.get(`${origin}/v1/payment_intents/:id`, () => HttpResponse.json(TEMPLATES.payment_intent)),
      http.post(`${origin}/v1/payment_intents/:id/confirm`, () => HttpResponse.json(TEMPLATES.payment_intent)),
      http.post(`${origin}/v1/prices`, () => HttpResponse.json(TEMPLATES.price)),
      http.post(`${origin}/v1/subscriptions`, () => HttpResponse.json(subscription)),
      http.post(`${origin}/v1/subscriptions/:id`, () => HttpResponse.json(subscription)),
    ],
  });
}

/** `a=1&b%5B0%5D=2` as decoded `[name, value]` pairs, in order. */
export function decodePairs(encoded: string): [string, string][] {
  if (encoded === '') return [];
  return encoded.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))];
  });
}
