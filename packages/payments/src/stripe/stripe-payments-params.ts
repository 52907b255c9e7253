import { parseInput, removeUndefined } from '@junction/core/utils';
import type { z } from 'zod';
import type { AddressInput } from '../unified/address.js';
import type { CreateCheckoutSessionInput } from '../unified/checkout-session.js';
import type { CreateCustomerInput, UpdateCustomerInput } from '../unified/customer.js';
import type { CancelPaymentInput, CapturePaymentInput, ConfirmPaymentInput, CreatePaymentInput } from '../unified/payment.js';
import type { CreateRefundInput } from '../unified/refund.js';
import type {
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  ConfirmPaymentIntentParams,
  CreateCheckoutSessionParams,
  CreateCustomerParams,
  CreatePaymentIntentParams,
  CreateRefundParams,
  UpdateCustomerParams,
} from './stripe-params.generated.js';
import { toUnix } from './stripe-payments-convert.js';

/**
 * Checks a unified input before anything is sent, with the same error a
 * connector operation gives: an `InputValidationError` naming each field.
 */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, method: string): z.output<S> {
  return parseInput(schema, input ?? {}, `payments.${method}`);
}

// Unified inputs after validation (currency upper-cased, dates as Date).
type Valid<T extends z.ZodType> = z.output<T>;
type Out<T> = T extends z.ZodType ? Valid<T> : T;

/** Stripe's address parameter. */
function address(input: z.output<typeof AddressInput>) {
  return removeUndefined({
    line1: input.line1 ?? undefined,
    line2: input.line2 ?? undefined,
    city: input.city ?? undefined,
    state: input.state ?? undefined,
    postal_code: input.postalCode ?? undefined,
    country: input.country ?? undefined,
  });
}

/** A unified new customer as Stripe parameters. */
export function createCustomerParams(input: Out<typeof CreateCustomerInput>): CreateCustomerParams {
  return removeUndefined({
    email: input.email,
    name: input.name,
    phone: input.phone,
    description: input.description,
    address: input.address ? address(input.address) : undefined,
    metadata: input.metadata,
  });
}

// Stripe unsets a field sent as an empty string.
const unset = <T>(value: T | null | undefined): T | '' | undefined => (value === null ? '' : value);

/** A unified customer update as Stripe parameters; `null` becomes `''`, which unsets the field at Stripe. */
export function updateCustomerParams(id: string, input: Out<typeof UpdateCustomerInput>): UpdateCustomerParams {
  return removeUndefined({
    id,
    email: unset(input.email),
    name: unset(input.name),
    phone: unset(input.phone),
    description: unset(input.description),
    address: input.address === null ? ('' as const) : input.address ? address(input.address) : undefined,
    metadata: input.metadata ? Object.fromEntries(Object.entries(input.metadata).map(([k, v]) => [k, v ?? ''])) : undefined,
  });
}

/**
 * A unified new payment as PaymentIntent parameters. Without a return URL,
 * payment methods that redirect are turned off (`allow_redirects: never`):
 * otherwise Stripe refuses a server-side confirm that gives no `return_url`.
 */
export function createPaymentParams(input: Out<typeof CreatePaymentInput>): CreatePaymentIntentParams {
  return removeUndefined({
    amount: input.amount,
    currency: input.currency.toLowerCase(),
    customer: input.customerId,
    payment_method: input.paymentMethod,
    confirm: input.confirm,
    capture_method: input.captureMethod,
    return_url: input.returnUrl,
    automatic_payment_methods: input.returnUrl ? { enabled: true } : { enabled: true, allow_redirects: 'never' },
    description: input.description,
    receipt_email: input.receiptEmail,
    metadata: input.metadata,
  });
}

/** Unified confirm input as Stripe parameters. */
export function confirmPaymentParams(id: string, input: Out<typeof ConfirmPaymentInput>): ConfirmPaymentIntentParams {
  return removeUndefined({ id, payment_method: input.paymentMethod, return_url: input.returnUrl });
}

/** Unified capture input as Stripe parameters. */
export function capturePaymentParams(id: string, input: Out<typeof CapturePaymentInput>): CapturePaymentIntentParams {
  return removeUndefined({ id, amount_to_capture: input.amount });
}

/** Unified cancel input as Stripe parameters. */
export function cancelPaymentParams(id: string, input: Out<typeof CancelPaymentInput>): CancelPaymentIntentParams {
  return removeUndefined({ id, cancellation_reason: input.reason });
}

/** A unified refund as Stripe parameters. */
export function createRefundParams(input: Out<typeof CreateRefundInput>): CreateRefundParams {
  return removeUndefined({ payment_intent: input.paymentId, amount: input.amount, reason: input.reason, metadata: input.metadata });
}

/** A unified checkout as Checkout Session parameters (mode `payment`); lines named here become `price_data`. */
export function createCheckoutParams(input: Out<typeof CreateCheckoutSessionInput>): CreateCheckoutSessionParams {
  const currency = input.currency?.toLowerCase();
  return removeUndefined({
    mode: 'payment',
    line_items: input.lineItems.map((line) =>
      'priceId' in line
        ? { price: line.priceId, quantity: line.quantity }
        : {
            price_data: {
              currency: currency ?? '',
              unit_amount: line.unitAmount,
              product_data: removeUndefined({ name: line.name, description: line.description }),
            },
            quantity: line.quantity,
          },
    ),
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    customer: input.customerId,
    customer_email: input.customerEmail,
    client_reference_id: input.clientReferenceId,
    expires_at: input.expiresAt ? toUnix(input.expiresAt) : undefined,
    metadata: input.metadata,
  });
}
