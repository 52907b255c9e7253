import { defineOperation } from '@junction/core';
import { stripeList } from '../schemas/list.js';
import { CheckoutSession, LineItem } from '../schemas/objects.generated.js';
import {
  CreateCheckoutSessionParams,
  ExpireCheckoutSessionParams,
  ListCheckoutSessionLineItemsParams,
  ListCheckoutSessionsParams,
  RetrieveCheckoutSessionParams,
} from '../schemas/params.generated.js';
import { listPages } from './paginate.js';

/** Checkout Sessions: https://stripe.com/docs/api/checkout/sessions */
export const checkoutSessionOperations = {
  createCheckoutSession: defineOperation({
    method: 'POST',
    path: '/v1/checkout/sessions',
    input: CreateCheckoutSessionParams,
    output: CheckoutSession,
    encoding: 'form',
    description: "Creates a Checkout Session: a Stripe-hosted payment page at the session's `url`.",
  }),
  retrieveCheckoutSession: defineOperation({
    method: 'GET',
    path: '/v1/checkout/sessions/{id}',
    input: RetrieveCheckoutSessionParams,
    output: CheckoutSession,
    description: 'Retrieves a Checkout Session.',
  }),
  listCheckoutSessions: defineOperation({
    method: 'GET',
    path: '/v1/checkout/sessions',
    input: ListCheckoutSessionsParams,
    output: stripeList(CheckoutSession),
    paginate: listPages<CheckoutSession>(),
    description: 'Lists Checkout Sessions, newest first.',
  }),
  expireCheckoutSession: defineOperation({
    method: 'POST',
    path: '/v1/checkout/sessions/{id}/expire',
    input: ExpireCheckoutSessionParams,
    output: CheckoutSession,
    encoding: 'form',
    description: 'Expires an open Checkout Session, so it can no longer be paid.',
  }),
  listCheckoutSessionLineItems: defineOperation({
    method: 'GET',
    path: '/v1/checkout/sessions/{id}/line_items',
    input: ListCheckoutSessionLineItemsParams,
    output: stripeList(LineItem),
    paginate: listPages<LineItem>(),
    description: "Lists a Checkout Session's line items.",
  }),
};
