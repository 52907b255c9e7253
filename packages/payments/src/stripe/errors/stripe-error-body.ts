import { openEnum } from '@junction/core/utils';
import { z } from 'zod';

/** The error categories Stripe answers with; open, since Stripe may add more. */
export const StripeErrorType = openEnum(['api_error', 'card_error', 'idempotency_error', 'invalid_request_error']);
/** One of Stripe's error categories. */
export type StripeErrorType = z.infer<typeof StripeErrorType>;

const objectWithId = z.looseObject({ id: z.string() });

/**
 * The body of every Stripe error response: `{ error: { type, code, … } }`.
 * Only what the connector reads is declared; the rest is kept.
 */
export const StripeErrorBody = z.object({
  error: z.looseObject({
    type: StripeErrorType,
    code: z.string().optional(),
    decline_code: z.string().optional(),
    message: z.string().optional(),
    param: z.string().optional(),
    doc_url: z.string().optional(),
    request_log_url: z.string().optional(),
    charge: z.string().optional(),
    payment_intent: objectWithId.optional(),
    payment_method: objectWithId.optional(),
    setup_intent: objectWithId.optional(),
  }),
});
/** The body of a Stripe error response. */
export type StripeErrorBody = z.infer<typeof StripeErrorBody>;

/** What a Stripe error adds to `ApiError.details`. Ids only: the whole objects stay on `error.body`. */
export interface StripeErrorDetails {
  /** Why the card issuer declined, for `card_error`s, e.g. `insufficient_funds`. */
  decline_code?: string;
  /** The parameter at fault, e.g. `amount`. */
  param?: string;
  /** Stripe's page about the error code. */
  doc_url?: string;
  /** The request in the Stripe dashboard's logs. */
  request_log_url?: string;
  /** The failed charge's id, for card errors. */
  charge?: string;
  /** The PaymentIntent's id, when the error concerns one. */
  payment_intent?: string;
  /** The PaymentMethod's id, when the error concerns one. */
  payment_method?: string;
  /** The SetupIntent's id, when the error concerns one. */
  setup_intent?: string;
}
