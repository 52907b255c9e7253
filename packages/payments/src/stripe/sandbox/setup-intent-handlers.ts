import { customerOf } from './customer-handlers.js';
import { secretSuffix } from './ids.js';
import { filterCreated, listPage, newestFirst } from './list-page.js';
import { mergeMetadata } from './metadata.js';
import { namePaymentMethod } from './payment-method-attach.js';
import { automaticPaymentMethods } from './redirect-check.js';
import { invalidParam, noSuch } from './sandbox-error.js';
import { confirmSetupIntent, keepReturnUrl, requireSetupStatus } from './setup-intent-confirm.js';
import { buildSetupIntent } from './setup-intent-object.js';
import type { StripeObject } from './store.js';
import type { StripeHandlers, StripeRequest } from './stripe-handler.js';

const USAGES = ['off_session', 'on_session'];
const CANCELABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'requested_by_customer'];

/** The SetupIntent `id` of a request, which must exist. */
function setupIntentOf(request: StripeRequest, id: string, param = 'id'): StripeObject {
  const found = request.store.setupIntents.get(id);
  if (!found) throw noSuch('setup_intent', id, param);
  return found;
}

/** SetupIntents: create (and confirm), retrieve, confirm, cancel, list. */
export const setupIntentHandlers: StripeHandlers = {
  createSetupIntent: (params, request, runtime) => {
    if (params.customer) customerOf(request, params.customer, 'customer');
    if (params.payment_method) namePaymentMethod(request, params.payment_method);
    const usage = params.usage ?? 'off_session';
    if (!USAGES.includes(usage)) throw invalidParam('usage', `Invalid usage: must be one of ${USAGES.join(' or ')}`);
    const types = params.payment_method_types;
    const id = runtime.ids.next('seti');
    const intent = buildSetupIntent({
      id,
      created: runtime.now(),
      livemode: request.livemode,
      client_secret: `${id}_secret_${secretSuffix(runtime.ids)}`,
      customer: params.customer ?? null,
      payment_method: params.payment_method ?? null,
      status: params.payment_method ? 'requires_confirmation' : 'requires_payment_method',
      usage,
      payment_method_types: types ?? ['card'],
      automatic_payment_methods: automaticPaymentMethods(types, params.automatic_payment_methods),
      description: params.description ?? null,
      metadata: mergeMetadata({}, params.metadata),
    });
    keepReturnUrl(intent, params.return_url);
    request.store.setupIntents.set(id, intent);
    runtime.events.record(request, 'setup_intent.created', intent);
    if (params.confirm === true) return confirmSetupIntent(request, runtime, intent, params);
    return intent;
  },

  retrieveSetupIntent: (params, request) => setupIntentOf(request, params.id),

  confirmSetupIntent: (params, request, runtime) => confirmSetupIntent(request, runtime, setupIntentOf(request, params.id), params),

  cancelSetupIntent: (params, request, runtime) => {
    const intent = setupIntentOf(request, params.id);
    requireSetupStatus(intent, 'cancel', CANCELABLE);
    const reason = params.cancellation_reason;
    if (reason !== undefined && !CANCELLATION_REASONS.includes(reason)) {
      throw invalidParam('cancellation_reason', `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`);
    }
    Object.assign(intent, { status: 'canceled', cancellation_reason: reason ?? null, next_action: null });
    runtime.events.record(request, 'setup_intent.canceled', intent);
    return intent;
  },

  listSetupIntents: (params, request) => {
    const items = filterCreated(newestFirst(request.store.setupIntents.values()), params.created).filter(
      (intent) =>
        (params.customer === undefined || intent.customer === params.customer) &&
        (params.payment_method === undefined || intent.payment_method === params.payment_method),
    );
    return listPage(items, params, '/v1/setup_intents');
  },
};
