import type { CreateBillingPortalSessionParams } from '../stripe-params.generated.js';
import { customerOf } from './customer-handlers.js';
import { secretSuffix } from './ids.js';
import { fromTemplate } from './object-template.js';
import type { StripeHandlers } from './stripe-handler.js';

type FlowData = NonNullable<CreateBillingPortalSessionParams['flow_data']>;

// The session's `flow`, from the `flow_data` it was made with: every part Stripe shows, null where not given.
function flowOf(data: FlowData | undefined): Record<string, unknown> | null {
  if (!data) return null;
  const after = data.after_completion;
  return {
    after_completion: {
      hosted_confirmation: after?.hosted_confirmation ? { custom_message: after.hosted_confirmation.custom_message ?? null } : null,
      redirect: after?.redirect ?? null,
      type: after?.type ?? 'portal_homepage',
    },
    subscription_cancel: data.subscription_cancel ? { retention: null, ...data.subscription_cancel } : null,
    subscription_update: data.subscription_update ?? null,
    subscription_update_confirm: data.subscription_update_confirm ? { discounts: null, ...data.subscription_update_confirm } : null,
    type: data.type,
  };
}

/**
 * Customer portal sessions: create only, as at Stripe. The session's `url`
 * looks like Stripe's (`https://billing.stripe.com/p/session/test_…`) but
 * serves no page; the portal is Stripe's hosted UI.
 */
export const portalHandlers: StripeHandlers = {
  createBillingPortalSession: (params, request, runtime) => {
    const customer = customerOf(request, params.customer, 'customer');
    const sample = fromTemplate('billing_portal.session');
    delete sample.customer_account;
    return {
      ...sample,
      id: runtime.ids.next('bps'),
      object: 'billing_portal.session',
      // Without a configuration, Stripe uses the account's default one.
      configuration: params.configuration ?? sample.configuration,
      created: runtime.now(),
      customer: customer.id,
      flow: flowOf(params.flow_data),
      livemode: request.livemode,
      locale: params.locale ?? null,
      on_behalf_of: params.on_behalf_of ?? null,
      return_url: params.return_url ?? null,
      url: `https://billing.stripe.com/p/session/${request.livemode ? 'live' : 'test'}_${secretSuffix(runtime.ids)}`,
    };
  },
};
