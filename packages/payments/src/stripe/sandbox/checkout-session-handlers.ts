import { buildCheckoutSession, buildLineItem } from './checkout-session-object.js';
import { customerOf } from './customer-handlers.js';
import { listPage, newestFirst } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, missingParam, noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

const MODES = ['payment', 'setup', 'subscription'];
const MIN_LIFETIME = 30 * 60;
const MAX_LIFETIME = 24 * 60 * 60;

/** The Checkout Session `id` of a request, which must exist. */
export function sessionOf(request: StripeRequest, id: string): StripeObject {
  const found = request.store.checkoutSessions.get(id);
  if (!found) throw noSuch('checkout.session', id);
  return found;
}

/** A line item as the request gives it (the schema has checked its types). */
interface LineInput {
  price?: string;
  price_data?: { currency: string; unit_amount?: number; product_data?: { name: string } };
  quantity?: number;
}

interface Line {
  price: StripeObject;
  quantity: number;
  description: string;
}

function readLine(request: StripeRequest, runtime: SandboxRuntime, value: LineInput, index: number): Line {
  const param = `line_items[${index}]`;
  const quantity = value.quantity ?? 1;
  if (value.price !== undefined) {
    const price = request.store.prices.get(value.price) ?? runtime.state.prices.get(value.price);
    if (!price) throw noSuch('price', value.price, `${param}[price]`);
    return { price, quantity, description: String((price as { nickname?: unknown }).nickname ?? value.price) };
  }
  const data = value.price_data;
  if (!data) throw invalidParam(param, `You must specify either price or price_data in ${param}.`);
  if (data.unit_amount === undefined) throw missingParam(`${param}[price_data][unit_amount]`);
  const name = data.product_data?.name;
  if (!name) throw missingParam(`${param}[price_data][product_data][name]`);
  const price: StripeObject = {
    id: runtime.ids.next('price'),
    object: 'price',
    active: false,
    currency: data.currency.toLowerCase(),
    unit_amount: data.unit_amount,
    unit_amount_decimal: String(data.unit_amount),
    type: 'one_time',
    product: runtime.ids.next('prod'),
    livemode: request.livemode,
  };
  return { price, quantity, description: name };
}

/** Checkout Sessions: create, retrieve, list, expire, list line items. */
export const checkoutSessionHandlers: StripeHandlers = {
  createCheckoutSession: (params, request, runtime) => {
    const mode = params.mode ?? 'payment';
    if (!MODES.includes(mode)) throw invalidParam('mode', `Invalid mode: must be one of ${MODES.join(', ')}`);
    if (!params.success_url) throw missingParam('success_url');
    const lines = (params.line_items ?? []).map((value, i) => readLine(request, runtime, value, i));
    if (mode === 'payment' && lines.length === 0) throw missingParam('line_items');
    const currencies = new Set(lines.map((line) => String(line.price.currency)));
    if (currencies.size > 1) throw invalidParam('line_items', 'All line items must share one currency.');
    if (params.customer) customerOf(request, params.customer, 'customer');
    const now = runtime.now();
    const given = params.expires_at;
    const expiresAt = given instanceof Date ? Math.floor(given.getTime() / 1000) : (given ?? now + MAX_LIFETIME);
    if (expiresAt < now + MIN_LIFETIME || expiresAt > now + MAX_LIFETIME) {
      throw invalidParam(
        'expires_at',
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'parameter_invalid_integer',
      );
    }
    const total = lines.reduce((sum, line) => sum + Number(line.price.unit_amount) * line.quantity, 0);
    const session = buildCheckoutSession({
      id: runtime.ids.next(request.livemode ? 'cs_live' : 'cs_test'),
      created: now,
      livemode: request.livemode,
      expires_at: expiresAt,
      mode,
      currency: [...currencies][0] ?? null,
      amount_subtotal: total,
      amount_total: total,
      customer: params.customer ?? null,
      customer_email: params.customer_email ?? null,
      client_reference_id: params.client_reference_id ?? null,
      success_url: params.success_url,
      cancel_url: params.cancel_url ?? null,
      metadata: mergeMetadata({}, params.metadata),
      payment_method_types: params.payment_method_types ?? ['card'],
    });
    request.store.checkoutSessions.set(session.id, session);
    request.store.lineItems.set(
      session.id,
      lines.map((line) =>
        buildLineItem({
          id: runtime.ids.next('li'),
          currency: String(line.price.currency),
          description: line.description,
          quantity: line.quantity,
          unit_amount: Number(line.price.unit_amount),
          price: line.price,
        }),
      ),
    );
    return session;
  },

  listCheckoutSessions: (params, request) => {
    const items = newestFirst(request.store.checkoutSessions.values()).filter(
      (s) =>
        (params.customer === undefined || s.customer === params.customer) &&
        (params.payment_intent === undefined || s.payment_intent === params.payment_intent),
    );
    return listPage(items, params, '/v1/checkout/sessions');
  },

  retrieveCheckoutSession: (params, request) => sessionOf(request, params.id),

  expireCheckoutSession: (params, request, runtime) => {
    const session = sessionOf(request, params.id);
    if (session.status !== 'open') {
      throw new SandboxError(400, {
        type: 'invalid_request_error',
        message: `Only Checkout Sessions with a status in ["open"] can be expired. This session has a status of "${String(session.status)}".`,
      });
    }
    Object.assign(session, { status: 'expired', url: null });
    runtime.events.record(request, 'checkout.session.expired', session);
    return session;
  },

  listCheckoutSessionLineItems: (params, request) => {
    sessionOf(request, params.id);
    return listPage(request.store.lineItems.get(params.id) ?? [], params, `/v1/checkout/sessions/${params.id}/line_items`);
  },
};
