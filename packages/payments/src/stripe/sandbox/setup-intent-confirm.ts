import { declineError, declineFields } from './card-decline.js';
import { attachPaymentMethod, namePaymentMethod, storePaymentMethod } from './payment-method-attach.js';
import { requireReturnUrl } from './redirect-check.js';
import type { SandboxRuntime } from './runtime.js';
import { unexpectedState } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

// The return URL is kept with the intent, as Stripe does, though this API version does not show it.
const returnUrls = new WeakMap<StripeObject, string>();

/** What confirming takes: a payment method (else the intent's) and where a redirect returns to. */
export interface SetupConfirmParams {
  payment_method?: string;
  return_url?: string;
}

/** Refuses an action on a SetupIntent whose status does not allow it: Stripe's `setup_intent_unexpected_state`. */
export function requireSetupStatus(intent: StripeObject, action: 'confirm' | 'cancel', allowed: readonly string[]): void {
  const status = String(intent.status);
  if (allowed.includes(status)) return;
  throw unexpectedState(
    'setup_intent_unexpected_state',
    status === 'succeeded'
      ? `You cannot ${action} this SetupIntent because it has already succeeded.`
      : `You cannot ${action} this SetupIntent because it has a status of ${status}.`,
  );
}

/**
 * Confirms a SetupIntent with a test card, as Stripe does: a card that
 * passes is saved (a test token becomes a `pm_…`, attached to the intent's
 * customer if it has one) and the intent succeeds; a declining card leaves it
 * `requires_payment_method` with `last_setup_error` and answers Stripe's 402;
 * a 3-D Secure card leaves it `requires_action`. Each records Stripe's events.
 */
export function confirmSetupIntent(
  request: StripeRequest,
  runtime: SandboxRuntime,
  intent: StripeObject,
  params: SetupConfirmParams,
): StripeObject {
  requireSetupStatus(intent, 'confirm', CONFIRMABLE);
  const id = params.payment_method ?? (intent.payment_method as string | null);
  if (!id) {
    throw unexpectedState(
      'setup_intent_unexpected_state',
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the payment_method property on the SetupIntent, or pass payment_method when confirming.",
    );
  }
  const named = namePaymentMethod(request, id);
  const returnUrl = params.return_url ?? returnUrls.get(intent);
  if (returnUrl) returnUrls.set(intent, returnUrl);
  requireReturnUrl(intent, 'SetupIntent', returnUrl);
  const outcome = named.card.outcome;
  const customer = intent.customer as string | null;
  const attempt = runtime.ids.next('setatt');

  if (outcome.kind === 'decline' && !named.card.attaches) {
    const paymentMethod = structuredClone(storePaymentMethod(request, runtime, named));
    Object.assign(intent, {
      status: 'requires_payment_method',
      payment_method: null,
      latest_attempt: attempt,
      next_action: null,
      last_setup_error: { ...declineFields(outcome), payment_method: paymentMethod },
    });
    runtime.events.record(request, 'setup_intent.setup_failed', intent);
    throw declineError(outcome, { setup_intent: structuredClone(intent), payment_method: paymentMethod });
  }

  if (outcome.kind === 'requires_action') {
    const paymentMethod = storePaymentMethod(request, runtime, named);
    Object.assign(intent, {
      status: 'requires_action',
      payment_method: paymentMethod.id,
      latest_attempt: attempt,
      last_setup_error: null,
      next_action: returnUrl
        ? {
            type: 'redirect_to_url',
            redirect_to_url: { url: `https://hooks.stripe.com/3d_secure_2/hosted?setup_intent=${intent.id}`, return_url: returnUrl },
          }
        : {
            type: 'use_stripe_sdk',
            use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: `https://hooks.stripe.com/redirect/authenticate/${intent.id}` },
          },
    });
    runtime.events.record(request, 'setup_intent.requires_action', intent);
    return intent;
  }

  // Saved for the customer if the intent has one (unless it is theirs already), else kept unattached.
  const attachedHere = customer !== null && named.stored?.customer === customer;
  const paymentMethod =
    customer && !attachedHere ? attachPaymentMethod(request, runtime, named, customer) : storePaymentMethod(request, runtime, named);
  Object.assign(intent, {
    status: 'succeeded',
    payment_method: paymentMethod.id,
    latest_attempt: attempt,
    last_setup_error: null,
    next_action: null,
  });
  runtime.events.record(request, 'setup_intent.succeeded', intent);
  return intent;
}

/** Keeps the return URL a SetupIntent was created with, for its confirmation. */
export function keepReturnUrl(intent: StripeObject, url: string | undefined): void {
  if (url) returnUrls.set(intent, url);
}
