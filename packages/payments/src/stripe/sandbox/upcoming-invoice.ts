import { periodEndAfter } from './billing-time.js';
import { buildInvoice } from './invoice-object.js';
import type { SandboxRuntime } from './runtime.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';
import { periodLines, recurringOf } from './subscription-lines.js';
import { peekPending } from './subscription-proration.js';

/**
 * The invoice the subscription's next renewal will make, as Stripe previews
 * it: no id, the next period's lines with the prorations pending (or the
 * `pending` lines given, for a preview of a change), charged
 * when the current period ends.
 */
export function upcomingInvoice(
  request: StripeRequest,
  runtime: SandboxRuntime,
  subscription: StripeObject,
  pending: StripeObject[] = peekPending(subscription),
): StripeObject {
  const start = Number(subscription.current_period_end);
  const end = periodEndAfter(Number(subscription.billing_cycle_anchor), recurringOf(subscription), start);
  const customer = request.store.customers.get(String(subscription.customer)) as StripeObject;
  const { id: _none, ...preview } = buildInvoice({
    id: 'upcoming',
    created: start,
    livemode: request.livemode,
    customer,
    currency: String(subscription.currency),
    subscription: subscription.id,
    billing_reason: 'upcoming',
    period_start: Number(subscription.current_period_start),
    period_end: start,
    lines: [...pending, ...periodLines(request, runtime, subscription, { start, end }, false)],
    test_clock: (subscription.test_clock as string | null) ?? null,
  });
  const lines = preview.lines as Record<string, unknown> & { data: StripeObject[] };
  for (const line of lines.data) delete line.invoice;
  return {
    ...preview,
    lines: { ...lines, url: `/v1/invoices/upcoming/lines?customer=${customer.id}&subscription=${subscription.id}` },
    next_payment_attempt: start + 3600,
    // An upcoming invoice has no id; the event log and `expand` take it as any other object.
  } as unknown as StripeObject;
}
