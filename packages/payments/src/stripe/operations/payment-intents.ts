import { defineOperation } from '@junction/core';
import { stripeList, stripeSearchResult } from '../schemas/list.js';
import { PaymentIntent } from '../schemas/objects.generated.js';
import {
  CancelPaymentIntentParams,
  CapturePaymentIntentParams,
  ConfirmPaymentIntentParams,
  CreatePaymentIntentParams,
  ListPaymentIntentsParams,
  RetrievePaymentIntentParams,
  SearchPaymentIntentsParams,
  UpdatePaymentIntentParams,
} from '../schemas/params.generated.js';
import { listPages, searchPages } from './paginate.js';

/** PaymentIntents: https://stripe.com/docs/api/payment_intents */
export const paymentIntentOperations = {
  createPaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents',
    input: CreatePaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Creates a PaymentIntent; with `confirm: true` it is confirmed at once.',
  }),
  retrievePaymentIntent: defineOperation({
    method: 'GET',
    path: '/v1/payment_intents/{id}',
    input: RetrievePaymentIntentParams,
    output: PaymentIntent,
    description: 'Retrieves a PaymentIntent.',
  }),
  updatePaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}',
    input: UpdatePaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Updates a PaymentIntent that is not yet confirmed (amount, metadata…).',
  }),
  listPaymentIntents: defineOperation({
    method: 'GET',
    path: '/v1/payment_intents',
    input: ListPaymentIntentsParams,
    output: stripeList(PaymentIntent),
    paginate: listPages<PaymentIntent>(),
    description: 'Lists PaymentIntents, newest first.',
  }),
  searchPaymentIntents: defineOperation({
    method: 'GET',
    path: '/v1/payment_intents/search',
    input: SearchPaymentIntentsParams,
    output: stripeSearchResult(PaymentIntent),
    paginate: searchPages<PaymentIntent>(),
    description: "Searches PaymentIntents with Stripe's query language, e.g. `status:'succeeded'`.",
  }),
  confirmPaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}/confirm',
    input: ConfirmPaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Confirms a PaymentIntent: attempts the payment with its payment method.',
  }),
  capturePaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}/capture',
    input: CapturePaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Captures the funds of a PaymentIntent in `requires_capture`.',
  }),
  cancelPaymentIntent: defineOperation({
    method: 'POST',
    path: '/v1/payment_intents/{id}/cancel',
    input: CancelPaymentIntentParams,
    output: PaymentIntent,
    encoding: 'form',
    description: 'Cancels a PaymentIntent that has not succeeded.',
  }),
};
