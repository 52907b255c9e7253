import {
  CreateCheckoutSessionParams,
  ExpireCheckoutSessionParams,
  ListCheckoutSessionLineItemsParams,
  ListCheckoutSessionsParams,
  RetrieveCheckoutSessionParams,
} from '../stripe-params.generated.js';
import { buildCheckoutSession, buildLineItem } from './checkout-session-object.js';
import { integer, list, requiredText, stringMap, text } from './coerce.js';
import { customerOf } from './customer-handlers.js';
import type { FormValue } from './form.js';
import { knownParams } from './known-params.js';
import { listPage, newestFirst } from './list-page.js';
import type { Route, RouteRequest } from './route.js';
import type { SandboxRuntime } from './runtime.js';
import { invalidParam, missingParam, noSuch, SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';

const MODES = ['payment', 'setup', 'subscription'];
const MIN_LIFETIME = 30 * 60;
const MAX_LIFETIME = 24 * 60 * 60;

/** The Checkout Session `id` of a request, which must exist. */
export function sessionOf(request: RouteRequest, id: string): StripeObject {
  const found = request.store.checkoutSessions.get(id);
  if (!found) throw noSuch('checkout.session', id);
  return found;
}

interface Line {
  price: StripeObject;
  quantity: number;
  description: string;
}

function readLine(request: RouteRequest, runtime: SandboxRuntime, value: FormValue, index: number): Line {
  const param = `line_items[${index}]`;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(param, `Invalid hash: ${param} must be a hash.`);
  const quantity = integer(value, 'quantity') ?? 1;
  if (typeof value.price === 'string') {
    const price = request.store.prices.get(value.price) ?? runtime.state.prices.get(value.price);
    if (!price) throw noSuch('price', value.price, `${param}[price]`);
    return { price, quantity, description: String((price as { nickname?: unknown }).nickname ?? value.price) };
  }
  const data = value.price_data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw invalidParam(param, `You must specify either price or price_data in ${param}.`);
  }
  const unit = Number(data.unit_amount);
  if (!Number.isInteger(unit)) throw missingParam(`${param}[price_data][unit_amount]`);
  const currency = typeof data.currency === 'string' ? data.currency.toLowerCase() : undefined;
  if (!currency) throw missingParam(`${param}[price_data][currency]`);
  const product = data.product_data as Record<string, FormValue> | undefined;
  const name = typeof product?.name === 'string' ? product.name : undefined;
  if (!name) throw missingParam(`${param}[price_data][product_data][name]`);
  const price: StripeObject = {
    id: runtime.ids.next('price'),
    object: 'price',
    active: false,
    currency,
    unit_amount: unit,
    unit_amount_decimal: String(unit),
    type: 'one_time',
    product: runtime.ids.next('prod'),
    livemode: request.livemode,
  };
  return { price, quantity, description: name };
}

function create(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const { params } = request;
  const mode = text(params, 'mode') ?? 'payment';
  if (!MODES.includes(mode)) throw invalidParam('mode', `Invalid mode: must be one of ${MODES.join(', ')}`);
  const successUrl = requiredText(params, 'success_url');
  const lines = (list(params, 'line_items') ?? []).map((value, i) => readLine(request, runtime, value, i));
  if (mode === 'payment' && lines.length === 0) throw missingParam('line_items');
  const currencies = new Set(lines.map((line) => String(line.price.currency)));
  if (currencies.size > 1) throw invalidParam('line_items', 'All line items must share one currency.');
  const customer = text(params, 'customer');
  if (customer) customerOf(request, customer, 'customer');
  const now = runtime.now();
  const expiresAt = integer(params, 'expires_at') ?? now + MAX_LIFETIME;
  if (expiresAt < now + MIN_LIFETIME || expiresAt > now + MAX_LIFETIME) {
    throw invalidParam(
      'expires_at',
      'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
      'parameter_invalid_integer',
    );
  }
  const total = lines.reduce((sum, line) => sum + Number(line.price.unit_amount) * line.quantity, 0);
  const metadata = stringMap(params, 'metadata');
  const session = buildCheckoutSession({
    id: runtime.ids.next(request.livemode ? 'cs_live' : 'cs_test'),
    created: now,
    livemode: request.livemode,
    expires_at: expiresAt,
    mode,
    currency: [...currencies][0] ?? null,
    amount_subtotal: total,
    amount_total: total,
    customer: customer ?? null,
    customer_email: text(params, 'customer_email') ?? null,
    client_reference_id: text(params, 'client_reference_id') ?? null,
    success_url: successUrl,
    cancel_url: text(params, 'cancel_url') ?? null,
    metadata: metadata === '' || metadata === undefined ? {} : metadata,
    payment_method_types: Array.isArray(params.payment_method_types) ? params.payment_method_types.map(String) : ['card'],
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
}

function expire(request: RouteRequest, runtime: SandboxRuntime): StripeObject {
  const session = sessionOf(request, request.path.id ?? '');
  if (session.status !== 'open') {
    throw new SandboxError(400, {
      type: 'invalid_request_error',
      message: `Only Checkout Sessions with a status in ["open"] can be expired. This session has a status of "${String(session.status)}".`,
    });
  }
  Object.assign(session, { status: 'expired', url: null });
  runtime.events.record(request, 'checkout.session.expired', session);
  return session;
}

/** Checkout Sessions: create, retrieve, list, expire, list line items. */
export const checkoutSessionRoutes: Route[] = [
  { method: 'post', path: '/v1/checkout/sessions', known: knownParams(CreateCheckoutSessionParams), handle: create },
  {
    method: 'get',
    path: '/v1/checkout/sessions',
    known: knownParams(ListCheckoutSessionsParams),
    handle: (request) => {
      const customer = text(request.params, 'customer');
      const intent = text(request.params, 'payment_intent');
      const items = newestFirst(request.store.checkoutSessions.values()).filter(
        (s) => (customer === undefined || s.customer === customer) && (intent === undefined || s.payment_intent === intent),
      );
      return listPage(items, request.params, '/v1/checkout/sessions');
    },
  },
  {
    method: 'get',
    path: '/v1/checkout/sessions/:id',
    known: knownParams(RetrieveCheckoutSessionParams),
    handle: (request) => sessionOf(request, request.path.id ?? ''),
  },
  { method: 'post', path: '/v1/checkout/sessions/:id/expire', known: knownParams(ExpireCheckoutSessionParams), handle: expire },
  {
    method: 'get',
    path: '/v1/checkout/sessions/:id/line_items',
    known: knownParams(ListCheckoutSessionLineItemsParams),
    handle: (request) => {
      const id = request.path.id ?? '';
      sessionOf(request, id);
      return listPage(request.store.lineItems.get(id) ?? [], request.params, `/v1/checkout/sessions/${id}/line_items`);
    },
  },
];
