import { SandboxError, type StripeErrorFields } from './sandbox-error.js';
import type { TestOutcome } from './test-payment-methods.js';

/** A declining test card's outcome. */
export type DeclineOutcome = Extract<TestOutcome, { kind: 'decline' }>;

/** The `card_error` fields of a decline, as Stripe sends them: code, decline code, message and doc URL. */
export function declineFields(outcome: DeclineOutcome): StripeErrorFields {
  return {
    type: 'card_error',
    code: outcome.code,
    decline_code: outcome.declineCode,
    message: outcome.message,
    doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replaceAll('_', '-')}`,
  };
}

/** Stripe's 402 `card_error` for a decline, with `extra` fields (`payment_intent`, `setup_intent`, `payment_method`, …). */
export function declineError(outcome: DeclineOutcome, extra: Partial<StripeErrorFields> = {}): SandboxError {
  return new SandboxError(402, { ...declineFields(outcome), ...extra });
}
